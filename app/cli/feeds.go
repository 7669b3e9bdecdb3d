package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
	"codeberg.org/parley/parley/app/feeds"
)

const feedsUsage = "feeds add URL [--name N] [--lang L] [--match Q] [--every MINUTES]; feeds list [--json]; feeds remove ID; " +
	"feeds fetch [ID...]; feeds inbox [--json]; feeds accept ID...|--all; feeds dismiss ID...; feeds opml import|export FILE"

// runFeeds follows news feeds and reviews what they bring.
func runFeeds(env *Env, args []string) error {
	fs, data := flags(env, "feeds")
	name := fs.String("name", "", "the feed's name (default: its own title)")
	lang := fs.String("lang", "", "the language of its articles, e.g. ru (default: told from each text)")
	match := fs.String("match", "", "keep only items whose title or text match, e.g. \"Karabakh OR Lachin\"")
	every := fs.Int("every", feeds.DefaultEvery, "minutes between fetches while the window is open")
	asJSON := fs.Bool("json", false, "print JSON")
	all := fs.Bool("all", false, "accept every item of the inbox")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	usage := func() error { return fmt.Errorf("%w: %s", ErrUsage, feedsUsage) }
	if len(rest) == 0 {
		return usage()
	}
	return withStore(env, *data, func(s app.Store) error {
		store, err := app.FeedStoreOf(s)
		if err != nil {
			return err
		}
		switch verb, args := rest[0], rest[1:]; verb {
		case "add":
			if len(args) != 1 {
				return usage()
			}
			f, err := feeds.NewFeed(args[0], *name, *lang, *match, *every, time.Now())
			if err != nil {
				return err
			}
			if f, err = feeds.Add(store, f); err != nil {
				return err
			}
			return printJSONLine(env.Stdout, f)
		case "list":
			list, err := store.Feeds()
			if err != nil {
				return err
			}
			if *asJSON {
				return printJSON(env.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(env.Stdout, "No feeds followed. Add one: parley feeds add URL")
			}
			for _, f := range list {
				fmt.Fprintf(env.Stdout, "%s  %s  %s\n    %s\n", f.ID, orDash(f.Name), f.URL, feedStatus(f))
			}
			return nil
		case "remove":
			if len(args) != 1 {
				return usage()
			}
			return store.DeleteFeed(args[0])
		case "fetch":
			list, err := store.Feeds()
			if err != nil {
				return err
			}
			if len(args) > 0 {
				var chosen []app.Feed
				for _, id := range args {
					i := indexOfFeed(list, id)
					if i < 0 {
						return fmt.Errorf("feed %q: %w", id, app.ErrNotFound)
					}
					chosen = append(chosen, list[i])
				}
				list = chosen
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			failed := 0
			for _, r := range feeds.NewFetcher(s).FetchAll(ctx, store, list, nil) {
				switch {
				case r.Error != "":
					failed++
					fmt.Fprintf(env.Stdout, "%s  %s: error: %s\n", r.Feed, orDash(r.Name), r.Error)
				case r.Unchanged:
					fmt.Fprintf(env.Stdout, "%s  %s: unchanged\n", r.Feed, orDash(r.Name))
				default:
					line := fmt.Sprintf("%s  %s: %d new", r.Feed, orDash(r.Name), r.New)
					if r.Filtered > 0 {
						line += fmt.Sprintf(", %d left out by its filter", r.Filtered)
					}
					fmt.Fprintln(env.Stdout, line)
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d feeds could not be fetched", failed, len(list))
			}
			return nil
		case "inbox":
			items, err := store.Inbox()
			if err != nil {
				return err
			}
			feeds.SortInbox(items)
			if *asJSON {
				return printJSON(env.Stdout, inboxView(s, items))
			}
			if len(items) == 0 {
				fmt.Fprintln(env.Stdout, "The inbox is empty.")
			}
			for _, v := range inboxView(s, items) {
				fmt.Fprintf(env.Stdout, "%s  %s  %s — %s\n    %d quotations, %d with a speaker%s\n", v.ID, orDash(v.Published), v.Title, orDash(v.Outlet),
					v.Quotes, v.Speakers, map[bool]string{true: "; the page could not be fetched: the feed's own text", false: ""}[v.FromFeed])
			}
			return nil
		case "accept":
			items, err := store.Inbox()
			if err != nil {
				return err
			}
			if *all == (len(args) > 0) {
				return usage()
			}
			if !*all {
				var chosen []app.InboxItem
				for _, id := range args {
					it, err := store.InboxItem(id)
					if err != nil {
						return err
					}
					chosen = append(chosen, it)
				}
				items = chosen
			}
			for _, it := range items {
				p, err := feeds.Propose(s, it)
				if err != nil {
					return err
				}
				res, err := feeds.Accept(s, store, p, it.ID)
				if err != nil {
					return err
				}
				if err := printJSONLine(env.Stdout, map[string]any{"item": it.ID, "title": it.Title, "result": res}); err != nil {
					return err
				}
			}
			return nil
		case "dismiss":
			if len(args) == 0 {
				return usage()
			}
			for _, id := range args {
				if err := store.DropInboxItem(id); err != nil {
					return err
				}
			}
			return nil
		case "opml":
			if len(args) != 2 || args[0] != "import" && args[0] != "export" {
				return usage()
			}
			if args[0] == "export" {
				list, err := store.Feeds()
				if err != nil {
					return err
				}
				if err := exchange.WriteFile(args[1], func(w io.Writer) error { return feeds.WriteOPML(w, list) }); err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%d feeds written to %s\n", len(list), args[1])
				return nil
			}
			raw, err := os.ReadFile(args[1])
			if err != nil {
				return err
			}
			list, err := feeds.ReadOPML(raw, time.Now())
			if err != nil {
				return err
			}
			added := 0
			for _, f := range list {
				if _, err := feeds.Add(store, f); err != nil {
					if errors.Is(err, app.ErrInvalid) {
						fmt.Fprintln(env.Stderr, "parley feeds: "+err.Error())
						continue
					}
					return err
				}
				added++
			}
			fmt.Fprintf(env.Stdout, "%d of %d feeds added\n", added, len(list))
			return nil
		}
		return usage()
	})
}

func indexOfFeed(list []app.Feed, id string) int {
	for i, f := range list {
		if f.ID == id {
			return i
		}
	}
	return -1
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

// feedStatus says how a feed's last fetch went.
func feedStatus(f app.Feed) string {
	switch {
	case f.LastFetched.IsZero():
		return "not fetched yet"
	case f.LastError != "":
		return fmt.Sprintf("last fetched %s: error: %s (%d in a row; next try after %s)", f.LastFetched.Local().Format("2006-01-02 15:04"),
			f.LastError, f.Failures, f.NextTry.Local().Format("15:04"))
	}
	return fmt.Sprintf("last fetched %s: %d new", f.LastFetched.Local().Format("2006-01-02 15:04"), f.LastNew)
}

// inboxEntry is an inbox item as the inbox lists it.
type inboxEntry struct {
	ID        string `json:"id"`
	Feed      string `json:"feed"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	Language  string `json:"language,omitempty"`
	FromFeed  bool   `json:"from_feed,omitempty"`
	Quotes    int    `json:"quotations"`
	Speakers  int    `json:"with_speaker"`
}

func inboxView(r app.Reader, items []app.InboxItem) []inboxEntry {
	out := []inboxEntry{}
	for _, it := range items {
		e := inboxEntry{ID: it.ID, Feed: it.Feed, Title: it.Title, Outlet: it.Outlet, Published: it.Published, URL: it.URL,
			Language: it.Language, FromFeed: it.FromFeed}
		e.Quotes, e.Speakers = feeds.QuoteCounts(r, it)
		out = append(out, e)
	}
	return out
}
