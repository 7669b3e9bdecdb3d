package feeds

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
)

// DefaultEvery is how often, in minutes, the window fetches a feed that
// says nothing else.
const DefaultEvery = 60

// NewFeed makes a feed to follow from its address and the user's choices,
// checked: an http or https address, a language code, a filter.
func NewFeed(addr, name, lang, match string, every int, now time.Time) (app.Feed, error) {
	addr = strings.TrimSpace(addr)
	if err := app.CheckURL(addr); err != nil || addr == "" {
		return app.Feed{}, fmt.Errorf("%w: %q is not the http or https address of a feed", app.ErrInvalid, addr)
	}
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang != "" && (len(lang) < 2 || len(lang) > 3 || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyz") != "") {
		return app.Feed{}, fmt.Errorf("%w: language %q is not an ISO 639 code such as en, ru or hy", app.ErrInvalid, lang)
	}
	if every <= 0 {
		every = DefaultEvery
	}
	if every < 5 {
		return app.Feed{}, fmt.Errorf("%w: a feed is fetched at most every 5 minutes", app.ErrInvalid)
	}
	return app.Feed{ID: app.NewID("feed", now), URL: addr, Name: strings.TrimSpace(name), Language: lang,
		Match: strings.TrimSpace(match), EveryMinutes: every, Added: now.UTC()}, nil
}

// Add follows a feed, unless one with the same address is followed
// already.
func Add(fs app.FeedStore, f app.Feed) (app.Feed, error) {
	feeds, err := fs.Feeds()
	if err != nil {
		return f, err
	}
	for _, old := range feeds {
		if old.URL == f.URL {
			return old, fmt.Errorf("%w: %s is followed already as %q (%s)", app.ErrInvalid, f.URL, old.Name, old.ID)
		}
	}
	return f, fs.PutFeed(f)
}

// Due lists the feeds the window should fetch now: those whose time has
// come, and whose back-off after errors is over.
func Due(feeds []app.Feed, now time.Time) []app.Feed {
	var out []app.Feed
	for _, f := range feeds {
		every := time.Duration(max(f.EveryMinutes, 5)) * time.Minute
		if now.Before(f.NextTry) || !f.LastFetched.IsZero() && now.Sub(f.LastFetched) < every {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Document is an inbox item as an article to import.
func Document(it app.InboxItem) ingest.Document {
	return ingest.Document{Name: it.Title, Format: "html", Text: it.Text, Title: it.Title, Outlet: it.Outlet,
		URL: it.URL, Published: it.Published, Byline: it.Byline, Language: it.Language}
}

// Propose reads an inbox item as the import window reads an article: its
// quotations, speakers and new actors, against the casebook as it is now.
func Propose(r app.Reader, it app.InboxItem) (*importer.Proposal, error) {
	return importer.Propose(r, Document(it), importer.Meta{Title: it.Title, Outlet: it.Outlet, Date: it.Published,
		URL: it.URL, Byline: it.Byline})
}

// QuoteCounts reads an inbox item as Propose does and counts the
// quotations Parley found in it, and those it found a speaker for.
func QuoteCounts(r app.Reader, it app.InboxItem) (quotes, speakers int) {
	p, err := Propose(r, it)
	if err != nil {
		return 0, 0
	}
	for _, q := range p.Quotes {
		if q.IsStatement() {
			quotes++
			if q.SpeakerID != "" {
				speakers++
			}
		}
	}
	return quotes, speakers
}

// Accept files an inbox item in the casebook as the proposal for it says,
// then takes it out of the inbox. An article the casebook holds already
// is not filed twice: the item just leaves the inbox.
func Accept(s app.Store, fs app.FeedStore, p *importer.Proposal, id string) (importer.Result, error) {
	var res importer.Result
	if p.Duplicate() {
		res.Duplicate = true
	} else {
		var err error
		if res, err = importer.Commit(s, p); err != nil {
			return res, err
		}
	}
	if err := fs.DropInboxItem(id); err != nil && !errors.Is(err, app.ErrNotFound) {
		return res, err
	}
	return res, nil
}

// SortInbox orders an inbox as it is read: newest article first, then the
// one fetched last, then by title.
func SortInbox(items []app.InboxItem) {
	slices.SortStableFunc(items, func(a, b app.InboxItem) int {
		if c := strings.Compare(b.Published, a.Published); c != 0 {
			return c
		}
		if c := b.Fetched.Compare(a.Fetched); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
}
