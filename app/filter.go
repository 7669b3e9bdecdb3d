package app

import "slices"

// Filter narrows what the lists, the map, the timeline and search show.
// Zero fields do not filter.
type Filter struct {
	Actor    string        `json:"actor,omitempty"` // a speaker of the statement
	Place    string        `json:"place,omitempty"`
	From     string        `json:"from,omitempty"` // YYYY-MM-DD, inclusive
	To       string        `json:"to,omitempty"`   // YYYY-MM-DD, inclusive
	Kind     StatementKind `json:"kind,omitempty"`
	Tag      string        `json:"tag,omitempty"`
	Category string        `json:"category,omitempty"` // PLOVER category
	// Cooperation keeps statements whose Goldstein score lies in the range;
	// nil keeps all.
	Cooperation *ScoreRange `json:"cooperation,omitempty"`
}

// ScoreRange is a closed range of coding scores, from -10 to +10.
type ScoreRange struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// IsZero reports whether the filter lets everything through.
func (f Filter) IsZero() bool { return f == Filter{} }

// OnStatements reports whether the filter says anything about statements
// other than their tags.
func (f Filter) OnStatements() bool {
	g := f
	g.Tag = ""
	return !g.IsZero()
}

// Passes reports whether a statement passes the filter.
func (f Filter) Passes(st Statement) bool {
	from, to := f.DateBounds()
	date := DateKey(st.Date)
	switch {
	case f.Actor != "" && !slices.Contains(st.Speakers, f.Actor),
		f.Place != "" && !slices.Contains(st.Places, f.Place),
		f.From != "" && (date == 0 || date < from),
		f.To != "" && (date == 0 || date > to),
		f.Kind != "" && st.Kind != f.Kind,
		f.Tag != "" && !slices.Contains(st.Tags, f.Tag),
		f.Category != "" && st.Coding.Category != f.Category,
		f.Cooperation != nil && (!st.Coding.Scored() || st.Coding.Score < f.Cooperation.Min || st.Coding.Score > f.Cooperation.Max):
		return false
	}
	return true
}

// DateBounds gives the filter's range as yyyymmdd numbers; a To of a month or a
// year runs to its end.
func (f Filter) DateBounds() (from, to uint32) {
	from, to = DateKey(f.From), DateKey(f.To)
	switch {
	case to != 0 && to%10000 == 0:
		to += 1231
	case to != 0 && to%100 == 0:
		to += 31
	}
	return from, to
}

// DateKey turns YYYY, YYYY-MM or YYYY-MM-DD into yyyymmdd with missing
// parts 0; anything else is 0. Keys of dates
// compare as the dates do.
func DateKey(s string) uint32 {
	if !ValidDate(s) {
		return 0
	}
	n := uint32(0)
	for _, c := range s {
		if c != '-' {
			n = n*10 + uint32(c-'0')
		}
	}
	switch len(s) {
	case 4:
		n *= 10000
	case 7:
		n *= 100
	}
	return n
}
