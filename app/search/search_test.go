package search_test

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/app/synth"

	"codeberg.org/parley/parley/storage/storetest"
)

// first returns the first result of a kind, or "".
func first(groups []search.Group, kind string) string {
	for _, g := range groups {
		if g.KindS == kind && len(g.Results) > 0 {
			return g.Results[0].ID
		}
	}
	return ""
}

func TestSearchRankingAndFolding(t *testing.T) {
	cb, _ := storetest.IndexedSeed(t)
	tests := []struct {
		query, kind, want string
	}{
		{"BAYRAMOV", "actor", "bayramov"},
		{"bayramov", "actor", "bayramov"},
		{"Mirzoian", "actor", "mirzoyan"},                // an alias
		{"Azerbaijani government", "statement", "st-21"}, // a speaker's alias finds its statements
		{"Blin", "actor", "blinken"},                     // prefix while typing
		{"blinken ", "actor", "blinken"},                 // a finished word
		{"Naxcivan", "place", "nakhchivan"},              // diacritics and the dotless i of Naxçıvan
		{"LAÇIN", "place", "lachin-corridor"},
		{`"the last kilometer of the marathon"`, "statement", "st-15"},
		{"last kilometer marathon", "statement", "st-15"},
		{"Lachin corridor", "place", "lachin-corridor"}, // the name outranks places that mention it
		{"joint statement", "actor", "joint-mfa"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			groups, err := search.Search(cb.Store, tt.query, app.Filter{}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if got := first(groups, tt.kind); got != tt.want {
				t.Errorf("first %s = %q, want %q (groups %+v)", tt.kind, got, tt.want, groups)
			}
		})
	}
}

// randomQuery makes a query from the words of a case: a word, two words, a
// prefix being typed, or a phrase taken from a statement.
func randomQuery(rng *rand.Rand, c app.Case) string {
	st := c.Statements[rng.IntN(len(c.Statements))]
	ws := strings.Fields(st.Quote)
	w := ws[rng.IntN(len(ws))]
	other := strings.Fields(c.Statements[rng.IntN(len(c.Statements))].Quote)
	switch rng.IntN(9) {
	case 5:
		return w + " OR " + other[rng.IntN(len(other))] + " "
	case 6:
		return w + " -" + ws[rng.IntN(len(ws))] + " "
	case 7:
		a := c.Actors[rng.IntN(len(c.Actors))]
		return w + ` speaker:"` + a.Name + `" `
	case 8:
		return w + " from:2019 to:2021-06 "
	case 0:
		return w + " "
	case 1:
		return w + " " + ws[rng.IntN(len(ws))] + " "
	case 2:
		return w[:max(1, min(len(w), 1+rng.IntN(4)))]
	case 3:
		i := rng.IntN(len(ws) - 1)
		return `"` + ws[i] + " " + ws[i+1] + `"`
	}
	// A word of a note or an actor's name.
	if rng.IntN(2) == 0 && len(c.Notes) > 0 {
		return strings.Fields(c.Notes[rng.IntN(len(c.Notes))].Body)[1]
	}
	return strings.ToUpper(c.Actors[rng.IntN(len(c.Actors))].Name)
}

func indexIDs(t *testing.T, cb *app.Casebook, q string, f app.Filter) [5][]string {
	t.Helper()
	groups, err := search.Search(cb.Store, q, f, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out [5][]string
	for _, g := range groups {
		if len(g.Results) != g.Total {
			t.Fatalf("%q: %d results of %d with no limit", q, len(g.Results), g.Total)
		}
		for _, r := range g.Results {
			out[r.Kind] = append(out[r.Kind], r.ID)
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}

// indexedSynthetic is a synthetic casebook in a fresh store, indexed.
func indexedSynthetic(t *testing.T, spec synth.SyntheticSpec) (*search.IndexedStore, app.Case) {
	t.Helper()
	store := search.NewIndexedStore(storetest.Open(t))
	c := synth.Synthetic(spec)
	if err := app.LoadCase(store, c, 200); err != nil {
		t.Fatal(err)
	}
	if err := store.LoadIndex(nil); err != nil {
		t.Fatal(err)
	}
	return store, c
}

// TestIndexAgreesWithScan runs random queries and filters against the index
// and against a plain scan of the same casebook, between rounds of random
// edits (new and changed statements, deletions, notes, renamed actors).
func TestIndexAgreesWithScan(t *testing.T) {
	store, c := indexedSynthetic(t, synth.SyntheticSpec{Actors: 40, Places: 10, Sources: 20, Statements: 600, Notes: 150, Seed: 11})
	cb := &app.Casebook{Store: store}
	rng := rand.New(rand.NewPCG(3, 4))
	filters := []app.Filter{{}, {Actor: c.Actors[0].ID}, {From: "2018-01-01", To: "2020-12-31"}, {Tag: c.Statements[5].Tags[0]},
		{Category: "ACCUSE"}, {Cooperation: &app.ScoreRange{Min: -10, Max: -3}}}
	for round := range 6 {
		now, err := cb.Dump()
		if err != nil {
			t.Fatal(err)
		}
		for range 60 {
			q := randomQuery(rng, now)
			f := filters[rng.IntN(len(filters))]
			want := search.ScanSearch(now, search.ParseQuery(q), f)
			got := indexIDs(t, cb, q, f)
			for k := range want {
				if !slices.Equal(got[k], want[k]) {
					t.Fatalf("round %d, %q %+v: kind %d index %v, scan %v", round, q, f, k, got[k], want[k])
				}
			}
		}
		// Random edits, each its own transaction, as the window makes them.
		for range 40 {
			st := now.Statements[rng.IntN(len(now.Statements))]
			switch rng.IntN(6) {
			case 0:
				st.Quote = "zanzibar " + st.Quote
				st.End = st.Start + app.RuneLen(st.Quote)
				err = store.Update(func(tx app.Tx) error { return tx.PutStatement(st) })
			case 1:
				err = store.Update(func(tx app.Tx) error { return tx.DeleteStatement(st.ID) })
			case 2:
				_, err = cb.AddNote(app.Target{Kind: app.TargetStatement, ID: st.ID}, nil, "Note zanzibar "+st.Quote[:5], []string{"edited"})
			case 3:
				a := now.Actors[rng.IntN(len(now.Actors))]
				a.Aliases = append(a.Aliases, fmt.Sprintf("Renamed%d", rng.IntN(1000)))
				err = store.Update(func(tx app.Tx) error { return tx.PutActor(a) })
			case 4:
				if len(now.Notes) > 0 {
					_, err = cb.DeleteNote(now.Notes[rng.IntN(len(now.Notes))].ID)
				}
			case 5:
				// Only the code changes: the index changes the facts it keeps.
				_, err = cb.SetCoding(st.ID, app.Coding{Category: "ACCUSE", CAMEO: "111", Score: -float64(rng.IntN(10))})
			}
			if err != nil && !strings.Contains(err.Error(), "not found") && !strings.Contains(err.Error(), "does not exist") {
				t.Fatal(err)
			}
		}
	}
}

// Deleting more than a third of the casebook makes the index drop the dead
// documents and renumber the rest; it still agrees with a plain scan.
func TestIndexAgreesWithScanAfterCompaction(t *testing.T) {
	store, c := indexedSynthetic(t, synth.SyntheticSpec{Actors: 20, Places: 5, Sources: 10, Statements: 2400, Notes: 300, Seed: 21})
	cb := &app.Casebook{Store: store}
	for i := 0; i < 1400; i += 200 {
		batch := c.Statements[i : i+200]
		if err := store.Update(func(tx app.Tx) error {
			for _, st := range batch {
				if err := tx.DeleteStatement(st.ID); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	now, err := cb.Dump()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 80 {
		q := randomQuery(rng, now)
		want := search.ScanSearch(now, search.ParseQuery(q), app.Filter{})
		got := indexIDs(t, cb, q, app.Filter{})
		for k := range want {
			if !slices.Equal(got[k], want[k]) {
				t.Fatalf("%q: kind %d index %v, scan %v", q, k, got[k], want[k])
			}
		}
	}
}

// TestAPageIsTheBestOfAllResults checks that a page of results is the
// same as that part of all of them, in order, with the same totals, for
// queries matching a few documents and queries matching most of them (read
// each way the index reads matches), with and without filters.
func TestAPageIsTheBestOfAllResults(t *testing.T) {
	store, c := indexedSynthetic(t, synth.SyntheticSpec{Actors: 30, Places: 8, Sources: 15, Statements: 1500, Notes: 200, Seed: 31})
	rng := rand.New(rand.NewPCG(8, 9))
	filters := []app.Filter{{}, {Actor: c.Actors[1].ID}, {From: "2019", To: "2021-06"}}
	queries := []string{"a", "e", "o ", "s"} // short prefixes match most of the casebook
	for range 120 {
		queries = append(queries, randomQuery(rng, c))
	}
	for _, q := range queries {
		f := filters[rng.IntN(len(filters))]
		all, err := search.Search(store, q, f, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, offset := range []int{0, 3} {
			page, err := search.SearchPage(store, search.ParseQuery(q), f, 4, offset)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range page {
				i := slices.IndexFunc(all, func(a search.Group) bool { return a.Kind == g.Kind })
				if i < 0 || all[i].Total != g.Total {
					t.Fatalf("%q %+v: kind %s total %d in a page, not in all", q, f, g.KindS, g.Total)
				}
				want := all[i].Results[min(offset, len(all[i].Results)):min(offset+4, len(all[i].Results))]
				if !slices.EqualFunc(g.Results, want, func(a, b search.Result) bool { return a.ID == b.ID }) {
					t.Fatalf("%q %+v offset %d: kind %s page %v, all %v", q, f, offset, g.KindS, resultIDs(g.Results), resultIDs(want))
				}
			}
		}
	}
}

// samePairs compares pairs and their tallies, not their lists of
// statements, and sums of scores to rounding.
func samePairs(a, b []app.PairStat) bool {
	return slices.EqualFunc(a, b, func(x, y app.PairStat) bool {
		return x.Pair == y.Pair && x.Count == y.Count && x.Scored == y.Scored && math.Abs(x.Sum-y.Sum) < 1e-9
	})
}

func resultIDs(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// BenchmarkSearch measures search on 100,000 statements and 20,000 notes:
// the index against a plain scan of the same data in the same run, with
// percentiles, what building the index from the casebook costs, and what
// loading the saved one costs at start-up.
func BenchmarkSearch(b *testing.B) {
	s := storetest.Open(b)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Notes: 20_000, Seed: 5})
	if err := app.LoadCase(s, c, 2000); err != nil {
		b.Fatal(err)
	}
	// Building from the whole casebook, as a casebook without a saved
	// index does once; then loading the saved index, as every start does.
	start := time.Now()
	if err := s.View(search.NewIndex().Build); err != nil {
		b.Fatal(err)
	}
	build := time.Since(start)
	if err := search.NewIndexedStore(s).LoadIndex(nil); err != nil { // builds and saves
		b.Fatal(err)
	}
	runtime.GC()
	start = time.Now()
	store := search.NewIndexedStore(s)
	if err := store.LoadIndex(nil); err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	if store.How() != "loaded" {
		b.Fatalf("the saved index was %s, not loaded", store.How())
	}
	ix, err := store.Index()
	if err != nil {
		b.Fatal(err)
	}
	footprint := ix.Footprint()
	cb := &app.Casebook{Store: store}
	rng := rand.New(rand.NewPCG(7, 8))
	queries := make([]string, 200)
	for i := range queries {
		queries[i] = randomQuery(rng, c)
	}
	// The plain scan, timed over the same queries once.
	var scan []time.Duration
	for _, q := range queries[:40] {
		t0 := time.Now()
		search.ScanSearch(c, search.ParseQuery(q), app.Filter{})
		scan = append(scan, time.Since(t0))
	}
	// The scan left gigabytes of garbage; collect it now, so that the
	// collector does not charge it to the searches timed next.
	runtime.GC()
	times := timeQueries(b, cb.Store, queries, 5)
	slices.Sort(scan)
	b.ReportMetric(percentileMS(scan, 0.5), "scan-p50-ms")
	b.ReportMetric(percentileMS(times, 0.99)/percentileMS(scan, 0.5), "p99/scan")
	b.ReportMetric(float64(build.Milliseconds()), "build-ms")
	b.ReportMetric(float64(load.Milliseconds()), "load-ms")
	b.ReportMetric(float64(footprint)/(1<<20), "index-MB")
}

// FuzzSearch: whatever is typed in the search box parses, runs, and gives
// snippets whose marks lie inside them.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"bayramov", `"the last kil`, "naxçıvan ", `"" "`, "a-b-c d'e", "«Laçın»"} {
		f.Add(q)
	}
	cb, _ := storetest.IndexedSeed(f)
	f.Fuzz(func(t *testing.T, q string) {
		groups, err := search.Search(cb.Store, q, app.Filter{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			for _, r := range g.Results {
				n := len([]rune(r.Snippet))
				for _, m := range r.Marks {
					if m.Start < 0 || m.End > n || m.Start >= m.End {
						t.Fatalf("mark %+v outside snippet %q", m, r.Snippet)
					}
				}
			}
		}
	})
}

// releasingStore counts the calls to ReleaseReadPages.
type releasingStore struct {
	app.Store
	released int
}

func (s *releasingStore) ReleaseReadPages() error { s.released++; return nil }

// TestBuildIndexReleasesReadPages: the one full read of the casebook is
// followed by giving its mapped pages back, once, however often the index
// is asked for.
func TestBuildIndexReleasesReadPages(t *testing.T) {
	s := &releasingStore{Store: storetest.Open(t)}
	ix := search.NewIndexedStore(s)
	for range 3 {
		if err := ix.LoadIndex(nil); err != nil {
			t.Fatal(err)
		}
	}
	if s.released != 1 {
		t.Errorf("pages released %d times, want once", s.released)
	}
}

// BenchmarkSearchCasebook measures search as the window runs it on a
// casebook of the user's choosing, PARLEY_BENCH_DATA (a data folder, such
// as one `parley gen --statements 1000000 --notes 100000` filled; skipped
// without it): the saved index loaded, then 10,000 queries drawn from the
// casebook's own words and names, with percentiles.
func BenchmarkSearchCasebook(b *testing.B) {
	store := storetest.BenchCasebook(b)
	s := store.Unwrap()
	var err error
	// The queries' words: from a sample of the statements and notes.
	var c app.Case
	if c.Actors, err = s.Actors(); err != nil {
		b.Fatal(err)
	}
	ids, err := s.StatementIDs()
	if err != nil || len(ids) == 0 {
		b.Fatalf("no statements: %v", err)
	}
	rng := rand.New(rand.NewPCG(7, 9))
	for range 5000 {
		st, err := s.Statement(ids[rng.IntN(len(ids))])
		if err != nil {
			b.Fatal(err)
		}
		c.Statements = append(c.Statements, st)
	}
	ids = nil
	queries := make([]string, 10_000)
	for i := range queries {
		queries[i] = randomQuery(rng, c)
	}
	times := timeQueries(b, store, queries, 8)
	b.ReportMetric(float64(len(times)), "queries")
}

// timeQueries runs the queries in turn, as the window's search box does,
// for as long as the benchmark asks; it reports the median and the 99th
// percentile, logs the slowest queries, and returns the times, sorted.
func timeQueries(b *testing.B, store app.Store, queries []string, logSlowest int) []time.Duration {
	var times []time.Duration
	slowest := map[string]time.Duration{}
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		t0 := time.Now()
		if _, err := search.Search(store, q, app.Filter{}, 20); err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		times = append(times, d)
		slowest[q] = max(slowest[q], d)
		i++
	}
	worst := slices.Collect(maps.Keys(slowest))
	slices.SortFunc(worst, func(a, b string) int { return cmp.Compare(slowest[b], slowest[a]) })
	for _, q := range worst[:min(logSlowest, len(worst))] {
		b.Logf("slowest: %q %v", q, slowest[q])
	}
	slices.Sort(times)
	b.ReportMetric(percentileMS(times, 0.5), "p50-ms")
	b.ReportMetric(percentileMS(times, 0.99), "p99-ms")
	return times
}

// percentileMS is the p-th percentile of sorted durations, in milliseconds.
func percentileMS(sorted []time.Duration, p float64) float64 {
	return float64(sorted[min(len(sorted)-1, int(p*float64(len(sorted))))].Microseconds()) / 1000
}

// The index ranks an actor's places as the statements themselves do, also
// after statements change their places: a click on an actor reads no
// statement for them.
func TestRankPlacesAgreesWithStatements(t *testing.T) {
	store, c := indexedSynthetic(t, synth.SyntheticSpec{Actors: 30, Places: 12, Sources: 10, Statements: 400, Seed: 5})
	cb := &app.Casebook{Store: store}
	check := func(when string) {
		t.Helper()
		ranked := 0
		for _, a := range c.Actors {
			ids, err := store.StatementIDsByActor(a.ID)
			if err != nil {
				t.Fatal(err)
			}
			sts, err := store.StatementsByActor(a.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := store.RankPlaces(ids)
			if !ok {
				t.Fatal("the index is built but does not rank places")
			}
			if want := app.PlacesOf(sts); !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%s, %s: places %v, want %v", when, a.ID, got, want)
			}
			if d, err := cb.ActorDetail(a.ID); err != nil || !slices.Equal(d.Places, got) || !slices.Equal(d.Statements, ids) {
				t.Errorf("%s, %s: detail has %d statements and places %v (%v)", when, a.ID, len(d.Statements), d.Places, err)
			}
			if len(got) > 1 {
				ranked++
			}
			// Its pairs, from the index's own list of what it said, are
			// those of its statements.
			ix, err := store.Index()
			if err != nil {
				t.Fatal(err)
			}
			all := app.SortedPairs(app.PairStats(sts))
			for _, n := range []int{0, 2, 300} {
				want := all
				if n > 0 && n < len(all) {
					want = all[:n]
				}
				if got := ix.TopSpeakerPairs(a.ID, n); !samePairs(got, want) {
					t.Errorf("%s, %s: %d busiest pairs %v, want %v", when, a.ID, n, got, want)
				}
			}
		}
		if ranked == 0 {
			t.Fatal("no actor has two places: the test shows nothing")
		}
	}
	check("built")
	// The same list asked for again after its statements moved is ranked
	// afresh, not as it was remembered.
	a := c.Statements[0].Speakers[0]
	ids, _ := store.StatementIDsByActor(a)
	before, _ := store.RankPlaces(ids)
	moved := c.Places[len(c.Places)-1].ID
	err := store.Update(func(tx app.Tx) error {
		sts, err := tx.StatementsByActor(a)
		for _, st := range sts {
			st.Places = []string{moved}
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := store.RankPlaces(ids); !slices.Equal(after, []string{moved}) {
		t.Errorf("%s's places %v after its statements moved to %s (before: %v)", a, after, moved, before)
	}
	err = store.Update(func(tx app.Tx) error {
		for i, st := range c.Statements[:100] {
			st.Places = []string{c.Places[i%3].ID}
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("after edits")
}
