package storage

import (
	"errors"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"
)

func TestFeedsAndTheirInbox(t *testing.T) {
	s, _ := openTemp(t)
	f := app.Feed{ID: "feed-1", URL: "https://example.org/rss", Name: "Wire", EveryMinutes: 60, Added: time.Now().UTC()}
	if err := s.PutFeed(f); err != nil {
		t.Fatal(err)
	}
	it := app.InboxItem{ID: "in-1", Feed: f.ID, Title: "Talks", Text: "“Yes,” she said.", TextHash: "abc"}
	f.LastNew = 1
	if err := s.FileFetch(f, []app.InboxItem{it}, []string{"g:1", "t:abc"}); err != nil {
		t.Fatal(err)
	}
	seen, err := s.Seen([]string{"g:1", "g:2", "t:abc"})
	if err != nil || !seen["g:1"] || seen["g:2"] || !seen["t:abc"] {
		t.Fatalf("seen %v %v", seen, err)
	}
	if got, err := s.Feed(f.ID); err != nil || got.LastNew != 1 {
		t.Errorf("feed after the fetch %+v %v", got, err)
	}
	// A fetch of a feed removed meanwhile files nothing.
	if err := s.FileFetch(app.Feed{ID: "gone"}, []app.InboxItem{{ID: "in-2"}}, nil); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("fetch of a removed feed: %v", err)
	}
	// A restore brings back a backup's casebook, not the feeds followed
	// at the time of the backup: today's stay.
	if _, err := s.Replace(func(fresh app.Store) error {
		return fresh.Update(func(tx app.Tx) error {
			return tx.PutActor(app.Actor{ID: "a", Name: "A", Kind: app.ActorPerson, Aliases: []string{}})
		})
	}); err != nil {
		t.Fatal(err)
	}
	if feeds, _ := s.Feeds(); len(feeds) != 1 {
		t.Errorf("feeds after a restore: %+v", feeds)
	}
	if inbox, _ := s.Inbox(); len(inbox) != 1 {
		t.Errorf("inbox after a restore: %+v", inbox)
	}
	if seen, _ := s.Seen([]string{"g:1"}); !seen["g:1"] {
		t.Error("what was seen is forgotten after a restore")
	}
	if err := s.DropInboxItem("in-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DropInboxItem("in-1"); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("dropping it again: %v", err)
	}
	if seen, _ := s.Seen([]string{"g:1"}); !seen["g:1"] {
		t.Error("a dismissed item is no longer seen: it would come back")
	}
	if err := s.DeleteFeed(f.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Feed(f.ID); !errors.Is(err, app.ErrNotFound) {
		t.Errorf("deleted feed: %v", err)
	}
}
