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
