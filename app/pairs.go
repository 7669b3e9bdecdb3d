package app

import (
	"cmp"
	"slices"
)

// Pair is a direction of talk: an actor speaking to (or about) another.
type Pair struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// PairStat counts the statements of one pair and sums the cooperation
// scores of those that are coded.
type PairStat struct {
	Pair
	Count  int     `json:"count"`
	Scored int     `json:"scored"`
	Sum    float64 `json:"-"`
	// Statements are the ids, in the order they came.
	Statements []string `json:"statements"`
}

// Mean is the mean Goldstein score of the coded statements, 0 when none is
// coded.
func (p PairStat) Mean() float64 {
	if p.Scored == 0 {
		return 0
	}
	return p.Sum / float64(p.Scored)
}

// PairPoint is one month of a pair: how many statements, and their mean.
type PairPoint struct {
	Month  string `json:"month"` // YYYY-MM
	Count  int    `json:"count"`
	Scored int    `json:"scored"`
	Sum    float64
}

// Mean is the month's mean Goldstein score, 0 when none is coded.
func (p PairPoint) Mean() float64 {
	if p.Scored == 0 {
		return 0
	}
	return p.Sum / float64(p.Scored)
}

// pairAdd counts one statement for every speaker → recipient pair it has;
// a statement to oneself is not a pair.
func pairAdd(out map[Pair]*PairStat, id string, speakers, recipients []string, coded bool, score float64) {
	for _, a := range speakers {
		for _, r := range recipients {
			if a == r {
				continue
			}
			k := Pair{a, r}
			p := out[k]
			if p == nil {
				p = &PairStat{Pair: k}
				out[k] = p
			}
			p.Count++
			p.Statements = append(p.Statements, id)
			if coded {
				p.Scored++
				p.Sum += score
			}
		}
	}
}

// PairStats sums statements by speaker → recipient pair.
func PairStats(sts []Statement) map[Pair]PairStat {
	acc := map[Pair]*PairStat{}
	for _, st := range sts {
		pairAdd(acc, st.ID, st.Speakers, st.Recipients, st.Coding.Scored(), st.Coding.Score)
	}
	return flatten(acc)
}

func flatten(acc map[Pair]*PairStat) map[Pair]PairStat {
	out := make(map[Pair]PairStat, len(acc))
	for k, v := range acc {
		out[k] = *v
	}
	return out
}

// SortedPairs lists pair stats, most statements first.
func SortedPairs(m map[Pair]PairStat) []PairStat {
	out := make([]PairStat, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b PairStat) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	return out
}

// PairSeries gives each pair's statements month by month, in time order;
// undated statements are left out.
func PairSeries(sts []Statement) map[Pair][]PairPoint {
	byMonth := map[Pair]map[string]*PairPoint{}
	for _, st := range sts {
		if len(st.Date) < 7 {
			continue
		}
		month := st.Date[:7]
		for _, a := range st.Speakers {
			for _, r := range st.Recipients {
				if a == r {
					continue
				}
				k := Pair{a, r}
				if byMonth[k] == nil {
					byMonth[k] = map[string]*PairPoint{}
				}
				pt := byMonth[k][month]
				if pt == nil {
					pt = &PairPoint{Month: month}
					byMonth[k][month] = pt
				}
				pt.Count++
				if st.Coding.Scored() {
					pt.Scored++
					pt.Sum += st.Coding.Score
				}
			}
		}
	}
	out := map[Pair][]PairPoint{}
	for k, months := range byMonth {
		for _, pt := range months {
			out[k] = append(out[k], *pt)
		}
		slices.SortFunc(out[k], func(a, b PairPoint) int { return cmp.Compare(a.Month, b.Month) })
	}
	return out
}
