package cli

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
)

// runSearch searches the casebook as the window's search box does and
// prints the results grouped by kind, best first.
func runSearch(env *Env, args []string) error {
	fs, data := flags(env, "search")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	limit := fs.Int("limit", 10, "results of each kind, at most (0: all)")
	offset := fs.Int("offset", 0, "leave out the best K results of each kind: the next page")
	var f app.Filter
	fs.StringVar(&f.Actor, "actor", "", "only statements this actor spoke, and what is on them (actor id)")
	fs.StringVar(&f.Place, "place", "", "only statements about this place (place id)")
	fs.StringVar(&f.From, "from", "", "only statements on or after this date")
	fs.StringVar(&f.To, "to", "", "only statements on or before this date")
	fs.StringVar(&f.Tag, "tag", "", "only statements and notes with this tag")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	query := strings.Join(rest, " ")
	if strings.TrimSpace(query) == "" {
		return fmt.Errorf("%w: search needs a QUERY", ErrUsage)
	}
	if *limit < 0 || *offset < 0 {
		return fmt.Errorf("%w: --limit and --offset must be 0 or more", ErrUsage)
	}
	if f.From != "" && !app.ValidDate(f.From) || f.To != "" && !app.ValidDate(f.To) {
		return fmt.Errorf("%w: dates are YYYY, YYYY-MM or YYYY-MM-DD", ErrUsage)
	}
	// A finished query: a prefix is asked for with a star.
	q, err := search.ParseQueryStrict(query)
	if err != nil {
		return fmt.Errorf("%w: %v (words must all match; \"a phrase\"; word*; -word; a OR b; speaker:, place:, tag:, code:, from:, to:)", ErrUsage, err)
	}
	return withStore(env, *data, func(s app.Store) error {
		indexed := search.NewIndexedStore(s)
		if err := indexed.LoadIndex(indexProgress(env)); err != nil {
			return err
		}
		groups, err := search.SearchPage(indexed, q, f, *limit, *offset)
		if err != nil {
			return err
		}
		if *asJSON {
			if groups == nil {
				groups = []search.Group{}
			}
			return printJSON(env.Stdout, groups)
		}
		if len(groups) == 0 {
			fmt.Fprintln(env.Stdout, "Nothing found.")
			return nil
		}
		for _, g := range groups {
			if g.Offset > 0 || len(g.Results) < g.Total {
				fmt.Fprintf(env.Stdout, "%s: %d to %d of %d\n", g.KindS, g.Offset+min(1, len(g.Results)), g.Offset+len(g.Results), g.Total)
			} else {
				fmt.Fprintf(env.Stdout, "%s: %d\n", g.KindS, g.Total)
			}
			for _, r := range g.Results {
				label := r.Label
				if r.TextOffset != nil {
					label += fmt.Sprintf(" (in its text, at %d)", *r.TextOffset)
				}
				fmt.Fprintf(env.Stdout, "  %-22s %s\n  %22s %s\n", r.ID, label, "", marked(r.Snippet, r.Marks))
			}
		}
		return nil
	})
}

// marked puts [brackets] around the matching words of a snippet.
func marked(s string, marks []app.Range) string {
	rs := []rune(s)
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(rs) {
			continue
		}
		b.WriteString(string(rs[at:m.Start]))
		b.WriteString("[" + string(rs[m.Start:m.End]) + "]")
		at = m.End
	}
	b.WriteString(string(rs[at:]))
	return strings.Join(strings.Fields(b.String()), " ")
}

// indexProgress tells the user, on stderr, how far the building of a
// casebook's search index has come: it happens once, for a casebook
// without a saved index, and takes seconds on a large one. A build done
// within a second says nothing.
func indexProgress(env *Env) search.Progress {
	start := time.Now()
	var shown time.Time
	return func(done, total int) {
		now := time.Now()
		if now.Sub(start) < time.Second || now.Sub(shown) < time.Second && done < total {
			return
		}
		shown = now
		if total > 0 {
			fmt.Fprintf(env.Stderr, "parley: building the search index: %d of %d items\n", done, total)
		} else {
			fmt.Fprintf(env.Stderr, "parley: building the search index: %d items\n", done)
		}
	}
}
