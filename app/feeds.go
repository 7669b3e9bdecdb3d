package app

import (
	"errors"
	"time"
)

// Feed is a news feed the user follows: RSS, Atom or JSON Feed.
type Feed struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	Name string `json:"name"`
	// Language is the language of its articles (ISO 639-1), "" to tell
	// it from each article's text.
	Language string `json:"language,omitempty"`
	// Match keeps only items whose title or text match this query, in
	// the words of the search box ("Karabakh OR Lachin"); "" keeps all.
	Match string `json:"match,omitempty"`
	// EveryMinutes is how often the window fetches it while open.
	EveryMinutes int       `json:"every_minutes"`
	Added        time.Time `json:"added"`
	// What the server said last, for a conditional request.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// The last fetch: when, how many new items, and its error ("" when it
	// went well). Failures counts the errors in a row; NextTry is when to
	// try again after them.
	LastFetched time.Time `json:"last_fetched,omitzero"`
	LastNew     int       `json:"last_new"`
	LastError   string    `json:"last_error,omitempty"`
	Failures    int       `json:"failures,omitempty"`
	NextTry     time.Time `json:"next_try,omitzero"`
}

// InboxItem is an article fetched from a feed, waiting for the user to
// accept it into the casebook or dismiss it.
type InboxItem struct {
	ID        string    `json:"id"`
	Feed      string    `json:"feed"`
	GUID      string    `json:"guid,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title"`
	Outlet    string    `json:"outlet,omitempty"`
	Byline    []string  `json:"byline,omitempty"`
	Published string    `json:"published,omitempty"` // as the feed gives it
	Language  string    `json:"language,omitempty"`
	Text      string    `json:"text"`
	TextHash  string    `json:"text_hash"`
	Fetched   time.Time `json:"fetched"`
	// FromFeed says the article's page could not be fetched, and Text is
	// the item's own content from the feed; PageError says why.
	FromFeed  bool   `json:"from_feed,omitempty"`
	PageError string `json:"page_error,omitempty"`
}

// FeedStore keeps the feeds a user follows and the inbox of articles
// fetched from them, beside the casebook. A fetch is filed in one
// transaction: the feed's new state, its new items, and the keys (GUIDs,
// addresses, text hashes) that mark them seen, so that an item dismissed
// or accepted never comes back and a crash leaves no half-filed fetch.
type FeedStore interface {
	Feeds() ([]Feed, error)
	Feed(id string) (Feed, error)
	PutFeed(Feed) error
	// DeleteFeed removes a feed; its items stay in the inbox.
	DeleteFeed(id string) error
	Inbox() ([]InboxItem, error)
	InboxItem(id string) (InboxItem, error)
	// InboxSize is how many items wait, read without reading them.
	InboxSize() (int, error)
	// FileFetch records one fetch of a feed.
	FileFetch(f Feed, items []InboxItem, seen []string) error
	// Seen reports which of keys a fetch has marked seen before.
	Seen(keys []string) (map[string]bool, error)
	// DropInboxItem takes an item out of the inbox; it stays seen.
	DropInboxItem(id string) error
}

// ErrNoFeeds means the store keeps no feeds.
var ErrNoFeeds = errors.New("this casebook does not keep feeds")

// FeedStoreOf finds the feed store in s or in the store it wraps.
func FeedStoreOf(s Store) (FeedStore, error) {
	for s != nil {
		if f, ok := s.(FeedStore); ok {
			return f, nil
		}
		u, ok := s.(interface{ Unwrap() Store })
		if !ok {
			break
		}
		s = u.Unwrap()
	}
	return nil, ErrNoFeeds
}
