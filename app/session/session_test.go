package session_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/search"

	"codeberg.org/parley/parley/app/synth"

	"codeberg.org/parley/parley/storage/storetest"

	"codeberg.org/parley/parley/app/session"
)

func TestSceneFollowsTheSelection(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	s, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	var seen []app.Selection
	s.OnChange(func(sel app.Selection) { seen = append(seen, sel) })

	tests := []struct {
		name      string
		do        func()
		listLen   int
		detail    string // "statement", "actor", "place" or "" for the overview
		litActor  string
		litPlace  string
		wantTitle string
	}{
		{"nothing", func() {}, 22, "", "", "", "All statements: 22"},
		{"actor", func() { s.SelectActor("joint-mfa") }, 3, "actor", "joint-mfa", "armenia", "Foreign ministries of Armenia and Azerbaijan (joint statement): 3 statements"},
		{"statement", func() { s.SelectStatement("st-20") }, 3, "statement", "joint-mfa", "washington", ""},
		{"back to actor", s.Back, 3, "actor", "joint-mfa", "", ""},
		{"place", func() { s.SelectPlace("hakari-bridge") }, 2, "place", "", "hakari-bridge", "Hakari bridge checkpoint: 2 statements"},
		{"back to all", s.Back, 22, "", "", "", ""},
	}
	for _, tt := range tests {
		tt.do()
		sc, err := s.Scene(s.Selection())
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(sc.StatementIDs) != tt.listLen {
			t.Errorf("%s: %d statements listed, want %d", tt.name, len(sc.StatementIDs), tt.listLen)
		}
		detail := ""
		switch {
		case sc.Statement != nil:
			detail = "statement"
		case sc.Actor != nil:
			detail = "actor"
		case sc.Place != nil:
			detail = "place"
		}
		if detail != tt.detail {
			t.Errorf("%s: detail shows %q, want %q", tt.name, detail, tt.detail)
		}
		if tt.litActor != "" && !sc.LitActors[tt.litActor] {
			t.Errorf("%s: %s not lit: %v", tt.name, tt.litActor, sc.LitActors)
		}
		if tt.litPlace != "" && !sc.LitPlaces[tt.litPlace] {
			t.Errorf("%s: %s not lit: %v", tt.name, tt.litPlace, sc.LitPlaces)
		}
		if tt.wantTitle != "" && sc.ListTitle != tt.wantTitle {
			t.Errorf("%s: title %q", tt.name, sc.ListTitle)
		}
	}
	if len(seen) != 5 {
		t.Errorf("listeners heard %d changes, want 5", len(seen))
	}
}

func TestRestoreDropsWhatNoLongerExists(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	s, _ := session.NewSession(cb)
	s.Restore(app.Selection{Actor: "ghost", Statement: "st-01"})
	if !s.Selection().IsZero() {
		t.Fatalf("restored %+v", s.Selection())
	}
	s.Restore(app.Selection{Actor: "blinken", Statement: "gone"})
	if got := s.Selection(); got.Actor != "blinken" || got.Statement != "" {
		t.Fatalf("restored %+v", got)
	}
}

func TestFilterActorsFoldsAndUsesAliases(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	s, _ := session.NewSession(cb)
	tests := []struct {
		q    string
		want []string
	}{
		{"MIRZOIAN", []string{"mirzoyan"}},
		{"ceyhun", []string{"bayramov"}},
		{"secretary state", []string{"blinken"}},
		{"ministry armenia", []string{"mfa-armenia"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range s.FilterActors(tt.q) {
			got = append(got, r.Actor.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("filter %q: %v, want %v", tt.q, got, tt.want)
		}
	}
}

// BenchmarkSelectionScene is the work a selection change costs outside
// rendering, on a casebook of 100,000 statements: selecting an actor (its
// statements, detail and map highlights), then one of its statements. The
// store is indexed, as the window's is.
func BenchmarkSelectionScene(b *testing.B) {
	s := search.NewIndexedStore(storetest.Open(b))
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Notes: 2000, Seed: 5})
	if err := app.LoadCase(s, c, 500); err != nil {
		b.Fatal(err)
	}
	if err := s.LoadIndex(nil); err != nil {
		b.Fatal(err)
	}
	sess, err := session.NewSession(&app.Casebook{Store: s})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		a := c.Actors[i%len(c.Actors)].ID
		sc, err := sess.Scene(app.Selection{Actor: a})
		if err != nil {
			b.Fatal(err)
		}
		if len(sc.StatementIDs) > 0 {
			if _, err := sess.Scene(app.Selection{Actor: a, Statement: sc.StatementIDs[0]}); err != nil {
				b.Fatal(err)
			}
		}
		i++
	}
	b.ReportMetric(2, "scenes/op")
}

// BenchmarkActorClickCasebook is a click on an actor in a casebook of the
// user's choosing, PARLEY_BENCH_DATA (a data folder, such as one `parley gen
// --statements 1000000` filled; skipped without it), its saved index
// loaded as the window loads it. Each actor is clicked on in turn: the
// list, the detail and the map's highlights, on the first click
// ("first-click") and on a click again ("again"); "first-screen" is a click
// again that also reads the rows a list shows first.
func BenchmarkActorClickCasebook(b *testing.B) {
	s := storetest.BenchCasebook(b)
	actors, err := s.Actors()
	if err != nil || len(actors) < 2 {
		b.Fatalf("no actors: %v", err)
	}
	const rowsOnScreen = 20
	for _, run := range []struct {
		name string
		rows int
	}{{"first-click", 0}, {"again", 0}, {"first-screen", rowsOnScreen}} {
		b.Run(run.name, func(b *testing.B) {
			sess, err := session.NewSession(&app.Casebook{Store: s})
			if err != nil {
				b.Fatal(err)
			}
			i, n := 0, 0
			for b.Loop() {
				if run.name == "first-click" && i == len(actors) {
					b.Fatalf("%d clicks on %d actors: run it with -benchtime=%dx or fewer", i+1, len(actors), len(actors))
				}
				sc, err := sess.Scene(app.Selection{Actor: actors[i%len(actors)].ID})
				if err != nil {
					b.Fatal(err)
				}
				for _, id := range sc.StatementIDs[:min(run.rows, len(sc.StatementIDs))] {
					if _, ok := sess.Row(id); !ok {
						b.Fatalf("row %s unreadable", id)
					}
				}
				n += len(sc.StatementIDs)
				i++
			}
			b.ReportMetric(float64(n)/float64(i), "statements/click")
		})
	}
}

func TestSessionFilter(t *testing.T) {
	cb, _ := storetest.IndexedSeed(t)
	sess, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	sess.OnChange(func(app.Selection) { calls++ })
	tests := []struct {
		name   string
		sel    app.Selection
		filter app.Filter
		want   int
	}{
		{"none", app.Selection{}, app.Filter{}, 22},
		{"one speaker", app.Selection{}, app.Filter{Actor: "joint-mfa"}, 3},
		{"a tag", app.Selection{}, app.Filter{Tag: "progress"}, 5},
		{"a kind", app.Selection{Actor: "blinken"}, app.Filter{Kind: app.KindDirect}, 4},
		{"a month", app.Selection{}, app.Filter{From: "2023-05", To: "2023-05"}, 22},
		{"a range before the talks", app.Selection{}, app.Filter{From: "2020-01-01", To: "2023-05-03"}, 0},
		{"place and speaker", app.Selection{Place: "lachin-corridor"}, app.Filter{Actor: "gov-azerbaijan"}, 1},
		{"cooperative", app.Selection{}, app.Filter{Cooperation: &app.ScoreRange{Min: 3, Max: 10}}, 4},
		{"hostile", app.Selection{}, app.Filter{Cooperation: &app.ScoreRange{Min: -10, Max: -0.5}}, 2},
		{"unknown actor", app.Selection{}, app.Filter{Actor: "nobody"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sess.SetFilter(tt.filter)
			sc, err := sess.Scene(tt.sel)
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.StatementIDs) != tt.want {
				t.Errorf("%d statements, want %d", len(sc.StatementIDs), tt.want)
			}
			// The same answer as checking each statement in full.
			for _, id := range sc.StatementIDs {
				st, _ := cb.Store.Statement(id)
				if !tt.filter.Passes(st) {
					t.Errorf("%s does not pass the filter", id)
				}
			}
			if tt.filter.Actor != "" && tt.want > 0 && !sc.LitActors[tt.filter.Actor] {
				t.Errorf("the filtered speaker is not lit: %v", sc.LitActors)
			}
		})
	}
	if calls == 0 {
		t.Error("changing the filter told no one")
	}
}

func TestTimelineLanes(t *testing.T) {
	cb, _ := storetest.IndexedSeed(t)
	sess, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := sess.Scene(app.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sess.Timeline(sc.StatementIDs, 3)
	if err != nil {
		t.Fatal(err)
	}
	var lanes []string
	for _, l := range d.Lanes {
		lanes = append(lanes, fmt.Sprintf("%s:%d", l.Name, l.Count))
	}
	want := []string{"Antony Blinken:17", "Foreign ministries of Armenia and Azerbaijan (joint statement):3", "Others:3"}
	if !slices.Equal(lanes, want) {
		t.Errorf("lanes %v, want %v", lanes, want)
	}
	// One day, spread: Blinken's 17 statements are numbered 0..16 in the
	// order of the article; the others' lane holds two points, one of them
	// a statement of two speakers.
	day, _ := session.DayNumber("2023-05-04")
	perLane := map[int][]int{}
	for _, p := range d.Points {
		if p.Day != day {
			t.Fatalf("point %+v not on 4 May 2023", p)
		}
		perLane[p.Lane] = append(perLane[p.Lane], p.Order)
		if p.Count != map[int]int{0: 17, 1: 3, 2: 2}[p.Lane] {
			t.Errorf("point %+v: count", p)
		}
	}
	if len(perLane[0]) != 17 || len(perLane[2]) != 2 || d.First != day || d.Last != day {
		t.Errorf("points per lane %v, first %d last %d", perLane, d.First, d.Last)
	}
	first := ""
	for _, p := range d.Points {
		if p.Lane == 0 && p.Order == 0 {
			first = p.ID
		}
	}
	if first != "st-01" {
		t.Errorf("Blinken's first point is %s, want st-01 (the headline)", first)
	}
	if len(d.Events) == 0 {
		t.Error("no events of the case")
	}
}

// BenchmarkNewSession opens a session on 1,000 actors and 20,000
// statements: the actor rows the window's first frame lists, read and
// sorted while the window is made.
func BenchmarkNewSession(b *testing.B) {
	s := storetest.Open(b)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 50, Statements: 20000, Seed: 3})
	if err := app.LoadCase(s, c, 1000); err != nil {
		b.Fatal(err)
	}
	cb := &app.Casebook{Store: s}
	for b.Loop() {
		if _, err := session.NewSession(cb); err != nil {
			b.Fatal(err)
		}
	}
}

// The index's pair tally must give what summing the statements gives: the
// same pairs, counts and scores, in the same order, cut to the busiest n
// (the tally does not list each pair's statements).
func TestTopPairsAgreesWithPairStats(t *testing.T) {
	s := search.NewIndexedStore(storetest.Open(t))
	// Few actors, so that pairs repeat and counts tie.
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 12, Places: 3, Sources: 5, Statements: 1500, Seed: 3})
	c.Statements[0].Recipients = c.Statements[0].Speakers // to oneself: no pair
	if err := app.LoadCase(s, c, 500); err != nil {
		t.Fatal(err)
	}
	if err := s.LoadIndex(nil); err != nil {
		t.Fatal(err)
	}
	ix, err := s.Index()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]app.Statement{}
	for _, st := range c.Statements {
		byID[st.ID] = st
	}
	all := make([]string, 0, len(c.Statements))
	for i := len(c.Statements) - 1; i >= 0; i-- {
		all = append(all, c.Statements[i].ID)
	}
	tests := []struct {
		name string
		ids  []string
		n    int
	}{
		{"all, every pair", all, 0},
		{"all, busiest 10", all, 10},
		{"a hundred, busiest 200", all[200:300], 200},
		{"one", all[7:8], 5},
		{"an id the index lacks", []string{"nope", all[3]}, 0},
		{"none", nil, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sts []app.Statement
			for _, id := range tt.ids {
				if st, ok := byID[id]; ok {
					sts = append(sts, st)
				}
			}
			want := app.SortedPairs(app.PairStats(sts))
			if tt.n > 0 && len(want) > tt.n {
				want = want[:tt.n]
			}
			got := ix.TopPairs(tt.ids, tt.n)
			if len(got) != len(want) {
				t.Fatalf("%d pairs, want %d", len(got), len(want))
			}
			for i := range want {
				want[i].Statements = nil
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("pair %d:\n got %+v\nwant %+v", i, got[i], want[i])
				}
			}
		})
	}
}

// BenchmarkFilterScene is the scene of the whole casebook of 100,000
// statements under a filter and then without one: what the window waits
// for when the filter bar changes with nothing selected.
func BenchmarkFilterScene(b *testing.B) {
	plain := storetest.Open(b)
	s := search.NewIndexedStore(plain)
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 1000, Places: 50, Sources: 500, Statements: 100_000, Notes: 2000, Seed: 5})
	if err := app.LoadCase(s, c, 2000); err != nil {
		b.Fatal(err)
	}
	// Merged first, as a casebook is after a while: the compactions that
	// follow a load of 100,000 statements would otherwise share the cores
	// with what is measured.
	if err := plain.Settle(); err != nil {
		b.Fatal(err)
	}
	if err := s.LoadIndex(nil); err != nil {
		b.Fatal(err)
	}
	sess, err := session.NewSession(&app.Casebook{Store: s})
	if err != nil {
		b.Fatal(err)
	}
	filters := []app.Filter{{Kind: app.KindDirect}, {}}
	i := 0
	for b.Loop() {
		sess.SetFilter(filters[i%len(filters)])
		if _, err := sess.Scene(app.Selection{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// An actor's list holds what it said, what was addressed to it, or both,
// as the selection says; the counts are the lists'.
func TestActorRoleLists(t *testing.T) {
	cb, seed := storetest.Seeded(t)
	s, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, a := range seed.Actors {
		said, _ := cb.Store.StatementsByActor(a.ID)
		to, _ := cb.Store.StatementIDsToActor(a.ID)
		union := map[string]bool{}
		for _, st := range said {
			union[st.ID] = true
		}
		for _, id := range to {
			union[id] = true
		}
		for role, want := range map[app.ActorRole]int{app.RoleSaid: len(said), app.RoleAddressed: len(to), app.RoleBoth: len(union)} {
			sc, err := s.Scene(app.Selection{Actor: a.ID, Role: role})
			if err != nil {
				t.Fatal(err)
			}
			if len(sc.StatementIDs) != want {
				t.Errorf("%s, %q: %d listed, want %d", a.ID, role, len(sc.StatementIDs), want)
			}
			if !strings.Contains(sc.ListTitle, fmt.Sprint(want)) {
				t.Errorf("%s, %q: title %q does not count %d", a.ID, role, sc.ListTitle, want)
			}
		}
		if len(to) > 0 && len(said) == 0 {
			checked++
		}
	}
	if checked == 0 {
		t.Error("the seed case has no actor only spoken to: the test shows nothing")
	}
}

// A pair's list holds what one actor said to the other, newest first, and
// lights the places those statements concern.
func TestPairListIsWhatOneSaidToTheOther(t *testing.T) {
	cb, _ := storetest.IndexedSeed(t)
	s, err := session.NewSession(cb)
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	err = cb.Store.ForEachStatement(func(st app.Statement) error {
		if len(st.Speakers) == 0 || len(st.Recipients) == 0 {
			return nil
		}
		from, to := st.Speakers[0], st.Recipients[0]
		said, err := cb.Store.StatementsByActor(from)
		if err != nil {
			return err
		}
		var want []string
		var sts []app.Statement
		for _, o := range said {
			if slices.Contains(o.Recipients, to) {
				want = append(want, o.ID)
				sts = append(sts, o)
			}
		}
		sc, err := s.Scene(app.Selection{Actor: from, Recipient: to})
		if err != nil {
			return err
		}
		if !slices.Equal(sc.StatementIDs, want) {
			t.Errorf("%s → %s: listed %v, want %v", from, to, sc.StatementIDs, want)
		}
		for _, p := range app.PlacesOf(sts) {
			if !sc.LitPlaces[p] {
				t.Errorf("%s → %s: place %s not lit", from, to, p)
			}
		}
		pairs++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pairs == 0 {
		t.Fatal("the seed case has no statement addressed to anyone")
	}
}
