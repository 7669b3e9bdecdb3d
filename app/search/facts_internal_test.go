package search

import (
	"fmt"
	"slices"
	"testing"

	"codeberg.org/parley/parley/app"
)

// An actor with more pairs than its summary keeps gets them all, and any
// number of the busiest, in the order of SortedPairs; after one of its
// statements changes, the summary follows.
func TestSpeakerPairsBeyondTheSummary(t *testing.T) {
	ix := NewIndex()
	var sts []app.Statement
	for i := range summaryPairs + 40 {
		// Recipients said to once, and a few said to more often.
		st := app.Statement{ID: fmt.Sprintf("s%03d", i), Quote: "we speak", Speakers: []string{"envoy"},
			Recipients: []string{fmt.Sprintf("r%03d", i%(summaryPairs+30))}, Date: "2023-05-01"}
		sts = append(sts, st)
		ix.put(ix.statementText(st))
	}
	check := func(when string) {
		t.Helper()
		all := app.SortedPairs(app.PairStats(sts))
		for _, n := range []int{0, 5, summaryPairs, summaryPairs + 10} {
			want := all
			if n > 0 && n < len(all) {
				want = all[:n]
			}
			got := ix.TopSpeakerPairs("envoy", n)
			if !slices.EqualFunc(got, want, func(a, b app.PairStat) bool { return a.Pair == b.Pair && a.Count == b.Count }) {
				t.Fatalf("%s: %d busiest pairs: %d of them, first %v; want %d, first %v", when, n, len(got), got[:min(3, len(got))], len(want), want[:min(3, len(want))])
			}
		}
	}
	check("made")
	check("remembered")
	sts[0].Recipients = []string{"r999"}
	ix.put(ix.statementText(sts[0]))
	check("after a statement changed")
}

// A statement whose code alone changed keeps its document: the facts
// change in place, filters and pair tones follow, and a change to anything
// else is indexed anew.
func TestACodeChangesInPlace(t *testing.T) {
	ix := NewIndex()
	st := app.Statement{ID: "s1", Quote: "we condemn the shelling", Speakers: []string{"envoy"}, Recipients: []string{"r1"},
		Date: "2023-05-01", Tags: []string{"border"}, Context: "after the talks"}
	ix.put(ix.statementText(st))
	docs := len(ix.docs)
	if p := ix.TopSpeakerPairs("envoy", 0); len(p) != 1 || p[0].Scored != 0 {
		t.Fatalf("pairs before %+v", p)
	}
	st.Coding = app.Coding{Category: "ACCUSE", CAMEO: "111", Score: -2}
	if !ix.recode(ix.statementText(st)) {
		t.Fatal("a new code indexed the statement anew")
	}
	if len(ix.docs) != docs || ix.nDead != 0 {
		t.Errorf("%d documents, %d dead; want %d and none", len(ix.docs), ix.nDead, docs)
	}
	if !ix.StatementFilter(app.Filter{Category: "ACCUSE"})("s1") || ix.StatementFilter(app.Filter{Category: "SUPPORT"})("s1") {
		t.Error("the category filter does not follow the code")
	}
	if p := ix.TopSpeakerPairs("envoy", 0); len(p) != 1 || p[0].Scored != 1 || p[0].Sum != -2 {
		t.Errorf("pairs after %+v", p)
	}
	for _, change := range []func(*app.Statement){
		func(s *app.Statement) { s.Quote = "we welcome the shelling" },
		func(s *app.Statement) { s.Context = "before the talks" },
		func(s *app.Statement) { s.Tags = []string{"river"} },
		func(s *app.Statement) { s.Recipients = []string{"r2"} },
		func(s *app.Statement) { s.Date = "2023-05-02" },
	} {
		changed := st
		change(&changed)
		if ix.recode(ix.statementText(changed)) {
			t.Errorf("%+v kept its document", changed)
		}
	}
}
