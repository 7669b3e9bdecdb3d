package app

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"codeberg.org/parley/parley/app/fold"
)

// NormalQuote is a quote as matching compares it: folded (case,
// diacritics), without quotation marks, dashes or other punctuation, its
// white space collapsed.
func NormalQuote(s string) string {
	var b strings.Builder
	space := false
	for _, r := range fold.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Matching thresholds, measured on pairs built from the PolNeAR
// development articles (see reports_test.go): a reprint trimmed or lightly
// edited keeps at least this share of its words, and a shorter quote must
// have this many words to be taken as a trimmed reprint of a longer one.
const (
	NearOverlap  = 0.8
	NearMinWords = 6
	// MatchDays is how far apart two reports of the same words may be
	// dated: reprints and follow-ups come within days; the same words a
	// year later are said again.
	MatchDays = 31
)

// Match says how a quote matches a statement filed before.
type Match struct {
	Statement string `json:"statement"`
	Exact     bool   `json:"exact"` // the same words after normalising; else near
}

// QuoteIndex holds a speaker's statements ready for matching: each
// report's words normalised once, the exact forms in a map, so that a new
// quote is compared without normalising the old ones again.
type QuoteIndex struct {
	entries []quoteEntry
	exact   map[string][]int // normalised words -> entries
}

type quoteEntry struct {
	statement string
	speakers  []string
	sources   []string // of all its reports
	norm      string
	padded    string   // " norm ", for containment
	sorted    []string // its words, sorted, for counting words in common
	date      string
}

// NewQuoteIndex prepares statements for MatchQuote.
func NewQuoteIndex(sts []Statement) *QuoteIndex {
	ix := &QuoteIndex{exact: map[string][]int{}}
	for _, st := range sts {
		var sources []string
		for _, r := range st.AllReports() {
			sources = append(sources, r.Source)
		}
		for _, r := range st.AllReports() {
			n := NormalQuote(r.Quote)
			words := strings.Fields(n)
			slices.Sort(words)
			ix.exact[n] = append(ix.exact[n], len(ix.entries))
			ix.entries = append(ix.entries, quoteEntry{statement: st.ID, speakers: st.Speakers, sources: sources,
				norm: n, padded: " " + n + " ", sorted: words, date: r.Date})
		}
	}
	return ix
}

// Reports is how many reports the index holds of a statement.
func (ix *QuoteIndex) Reports(statement string) int {
	n := 0
	for i := range ix.entries {
		if ix.entries[i].statement == statement {
			n++
		}
	}
	return n
}

// MatchQuote finds the statement among candidates (the speaker's
// statements) that a new quote from source, dated date, reports again: the
// same words after normalising, or near them (one holds the other, or
// they share NearOverlap of their words), from the same speaker, dated
// within MatchDays. A statement that already has a report in the source,
// or that another quote of the same article matched (taken), is not
// matched: one source reports a statement once.
func MatchQuote(candidates []Statement, speaker, source, quote, date string, taken map[string]bool) (Match, bool) {
	return NewQuoteIndex(candidates).Match(speaker, source, quote, date, taken)
}

// Match is MatchQuote on the index.
func (ix *QuoteIndex) Match(speaker, source, quote, date string, taken map[string]bool) (Match, bool) {
	q := NormalQuote(quote)
	if q == "" {
		return Match{}, false
	}
	usable := func(e *quoteEntry) (int, bool) {
		if !slices.Contains(e.speakers, speaker) || taken[e.statement] || slices.Contains(e.sources, source) {
			return 0, false
		}
		days, ok := daysApart(e.date, date)
		return days, ok && days <= MatchDays
	}
	// The best match: exact before near, then the nearest in time, then
	// the nearest in words.
	var best Match
	bestScore, bestDays, found := 0.0, 0, false
	consider := func(e *quoteEntry, score float64, days int) {
		if !found || score > bestScore && (score == 2) != (bestScore == 2) ||
			(score == 2) == (bestScore == 2) && (days < bestDays || days == bestDays && score > bestScore) {
			best, bestScore, bestDays, found = Match{Statement: e.statement, Exact: score == 2}, score, days, true
		}
	}
	for _, i := range ix.exact[q] {
		if days, ok := usable(&ix.entries[i]); ok {
			consider(&ix.entries[i], 2, days)
		}
	}
	if found {
		return best, true
	}
	words := strings.Fields(q)
	if len(words) < NearMinWords {
		return Match{}, false
	}
	slices.Sort(words)
	padded := " " + q + " "
	for i := range ix.entries {
		e := &ix.entries[i]
		days, ok := usable(e)
		if !ok {
			continue
		}
		if score := nearnessSorted(words, e.sorted, padded, e.padded); score >= NearOverlap {
			consider(e, score, days)
		}
	}
	return best, found
}

// nearnessSorted is Nearness on words sorted beforehand and the padded
// normalised forms: containment of the shorter, of NearMinWords words at
// least, gives 1; else the share of words in common on the longer.
func nearnessSorted(a, b []string, ap, bp string) float64 {
	short, long := a, b
	sp, lp := ap, bp
	if len(short) > len(long) {
		short, long, sp, lp = b, a, bp, ap
	}
	if len(short) < NearMinWords {
		return 0
	}
	// Words in common, counted on the two sorted lists.
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			common++
			i, j = i+1, j+1
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	if common == len(short) && strings.Contains(lp, sp) {
		return 1
	}
	return float64(common) / float64(len(long))
}

// Nearness is how near two quotes are, from 0 to 1: 1 when the shorter,
// of NearMinWords words at least, is held whole in the longer; else the
// share of words they have in common, counted on the longer. Quotes shorter
// than NearMinWords are near only when equal.
func Nearness(a, b string) float64 {
	as, bs := NormalQuote(a), NormalQuote(b)
	if as == bs {
		return 1
	}
	aw, bw := strings.Fields(as), strings.Fields(bs)
	slices.Sort(aw)
	slices.Sort(bw)
	return nearnessSorted(aw, bw, " "+as+" ", " "+bs+" ")
}

// daysApart is how many days lie between two dates (YYYY-MM-DD, or
// coarser, taken at their first day); an unknown date is 0 days from any.
func daysApart(a, b string) (int, bool) {
	ta, okA := dayOf(a)
	tb, okB := dayOf(b)
	if !okA || !okB {
		return 0, true
	}
	d := ta.Sub(tb)
	if d < 0 {
		d = -d
	}
	return int(d / (24 * time.Hour)), true
}

func dayOf(s string) (time.Time, bool) {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) == len(layout) {
			t, err := time.Parse(layout, s)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// AddReport adds a further report to a statement, keeping the reports in
// date order; the statement's date becomes its earliest report's.
func (st *Statement) AddReport(r Report) {
	own := st.FirstReport().Date
	st.Reports = append(st.Reports, r)
	slices.SortStableFunc(st.Reports, func(a, b Report) int { return strings.Compare(a.Date, b.Date) })
	st.settle(own)
}

// settle sets the statement's date to its earliest report's, keeping its
// own report's date, own, in ReportDate when that differs.
func (st *Statement) settle(own string) {
	st.Date, st.ReportDate = own, ""
	if d := st.earliestDate(); d != own {
		st.Date, st.ReportDate = d, own
	}
}

// SetSourceDate gives the statement's reports in a source a new date, as
// the source's date is corrected.
func (st *Statement) SetSourceDate(source, date string) {
	own := st.FirstReport().Date
	if st.Source == source {
		own = date
	}
	for i := range st.Reports {
		if st.Reports[i].Source == source {
			st.Reports[i].Date = date
		}
	}
	st.settle(own)
}

// earliestDate is the earliest known date of a statement's reports.
func (st *Statement) earliestDate() string {
	date := ""
	for _, r := range st.AllReports() {
		if r.Date != "" && (date == "" || r.Date < date) {
			date = r.Date
		}
	}
	return date
}

// dropReport takes a statement's report in source out. When it is the
// statement's own, the next report takes its place, and notes that
// highlight words of the old quote lose their range (their text stays)
// unless the new quote has the same words. It reports false when the
// statement has no other report.
func (st *Statement) dropReport(source string) bool {
	if st.Source != source {
		own := st.FirstReport().Date
		st.Reports = slices.DeleteFunc(st.Reports, func(r Report) bool { return r.Source == source })
		st.settle(own)
		return true
	}
	if len(st.Reports) == 0 {
		return false
	}
	next := st.Reports[0]
	st.Reports = st.Reports[1:]
	st.Source, st.Start, st.End, st.Quote, st.Cue = next.Source, next.Start, next.End, next.Quote, next.Cue
	st.settle(next.Date)
	return true
}

// JoinStatements makes the second statement a further report of the first:
// the same words from the same speaker, in another source. The second's
// reports join the first's, its notes move to the first (a note on some of
// its words keeps them only where the first's words are the same), and it
// is deleted.
func (c *Casebook) JoinStatements(id, other string) (Statement, Revision, error) {
	var st Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		a, err := tx.Statement(id)
		if err != nil {
			return err
		}
		b, err := tx.Statement(other)
		if err != nil {
			return err
		}
		switch {
		case a.ID == b.ID:
			return invalid("a statement cannot be joined with itself")
		case !sameSet(a.Speakers, b.Speakers):
			return invalid("statements %q and %q have different speakers: they are not the same statement", a.ID, b.ID)
		}
		st = a
		for _, r := range b.AllReports() {
			if _, dup := st.ReportIn(r.Source); dup {
				return invalid("both statements are reported in %q: a source reports a statement once (merge their words with statements merge in one source)", r.Source)
			}
			st.AddReport(r)
		}
		st.takeFrom(b)
		notes, err := tx.NotesFor(Target{TargetStatement, b.ID})
		if err != nil {
			return err
		}
		for _, n := range notes {
			rev.Notes = append(rev.Notes, n)
			if n.Range != nil && NormalQuote(a.Quote) != NormalQuote(b.Quote) {
				n.Range = nil
			} else if n.Range != nil && n.Range.End > RuneLen(a.Quote) {
				n.Range = nil
			}
			n.Target.ID = st.ID
			if err := tx.PutNote(n); err != nil {
				return err
			}
		}
		rev.Before, rev.After = []Statement{a, b}, []Statement{st}
		if err := tx.DeleteStatement(b.ID); err != nil {
			return err
		}
		return tx.PutStatement(st)
	})
	return st, rev, err
}

// SplitReport takes a statement's report in source out into a statement
// of its own, with the same speakers, recipients, kind, places and tags,
// for a match that was wrong.
func (c *Casebook) SplitReport(id, source string) ([2]Statement, Revision, error) {
	var out [2]Statement
	var rev Revision
	err := c.Store.Update(func(tx Tx) error {
		st, err := tx.Statement(id)
		if err != nil {
			return err
		}
		r, ok := st.ReportIn(source)
		if !ok {
			return invalid("statement %q has no report in %q", id, source)
		}
		if st.ReportCount() == 1 {
			return invalid("statement %q has only the one report", id)
		}
		rest := st
		rest.Reports = slices.Clone(st.Reports)
		if r.Source == st.Source {
			// Its own report goes: its notes stay with the words.
			return invalid("the statement's own report stays with it; split off one of the others (%s)", reportSources(st.Reports))
		}
		rest.dropReport(source)
		alone := Statement{
			ID: NewID("st", time.Now()), Speakers: slices.Clone(st.Speakers), Recipients: slices.Clone(st.Recipients),
			Quote: r.Quote, Kind: st.Kind, Cue: r.Cue, Source: r.Source, Start: r.Start, End: r.End, Date: r.Date,
			Places: slices.Clone(st.Places), Tags: slices.Clone(st.Tags),
		}
		if alone.Recipients == nil {
			alone.Recipients = []string{}
		}
		rev.Before, rev.Added, rev.After = []Statement{st}, []string{alone.ID}, []Statement{rest, alone}
		out = [2]Statement{rest, alone}
		if err := tx.PutStatement(rest); err != nil {
			return err
		}
		return tx.PutStatement(alone)
	})
	return out, rev, err
}

func reportSources(rs []Report) string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Source)
	}
	return strings.Join(ids, ", ")
}

// WordChange is one run of a word diff: words both have, or words only the
// one or the other has.
type WordChange struct {
	Text string
	Op   int // 0 both, -1 only in the first, +1 only in the second
}

// DiffWords compares two wordings of a statement word by word (their
// longest common run of words, by folded form), for showing where a
// report's wording differs from the earliest report's.
func DiffWords(a, b string) []WordChange {
	wa, wb := strings.Fields(a), strings.Fields(b)
	key := func(w string) string { return NormalQuote(w) }
	// Longest common subsequence by dynamic programming: quotes are short.
	n, m := len(wa), len(wb)
	if n*m > 1<<20 {
		return []WordChange{{Text: a, Op: -1}, {Text: b, Op: 1}}
	}
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(wa[i]) == key(wb[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []WordChange
	add := func(w string, op int) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += " " + w
			return
		}
		out = append(out, WordChange{Text: w, Op: op})
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key(wa[i]) == key(wb[j]):
			add(wb[j], 0)
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			add(wa[i], -1)
			i++
		default:
			add(wb[j], 1)
			j++
		}
	}
	for ; i < n; i++ {
		add(wa[i], -1)
	}
	for ; j < m; j++ {
		add(wb[j], 1)
	}
	return out
}

// RemoveReport takes a statement's report in a source out; a statement no
// other source reports is deleted with its notes. Notes on words of its
// quote lose their range when the quote becomes another report's words.
func (c *Casebook) RemoveReport(id, source string) (Revision, error) {
	st, err := c.Store.Statement(id)
	if err != nil {
		return Revision{}, err
	}
	if _, ok := st.ReportIn(source); !ok {
		return Revision{}, invalid("statement %q has no report in %q", id, source)
	}
	if st.ReportCount() == 1 {
		return c.RemoveStatement(id)
	}
	var rev Revision
	err = c.Store.Update(func(tx Tx) error {
		var gone Case
		if err := dropReportIn(tx, st, source, &gone); err != nil {
			return err
		}
		rev.Before, rev.Notes = gone.Changed, gone.ChangedNotes
		return nil
	})
	return rev, err
}

// Add puts a statement into the index.
func (ix *QuoteIndex) Add(st Statement) {
	more := NewQuoteIndex([]Statement{st})
	for n, es := range more.exact {
		for _, e := range es {
			ix.exact[n] = append(ix.exact[n], len(ix.entries)+e)
		}
	}
	ix.entries = append(ix.entries, more.entries...)
}

// Joining is one statement found to report again the words of another:
// From would become a further report of Into.
type Joining struct {
	Into  string `json:"into"`
	From  string `json:"from"`
	Exact bool   `json:"exact"`
}

// FindJoinings matches the casebook's statements against each other as an
// import matches a new quote: for each speaker, its statements from the
// earliest on, each against the ones before it, in other sources. It
// changes nothing; JoinStatements files each joining found.
func (c *Casebook) FindJoinings() ([]Joining, error) {
	var out []Joining
	err := c.Store.View(func(r Reader) error {
		counts, err := r.SpeakerCounts()
		if err != nil {
			return err
		}
		speakers := make([]string, 0, len(counts))
		for a := range counts {
			speakers = append(speakers, a)
		}
		slices.Sort(speakers)
		joined := map[string]bool{}
		for _, a := range speakers {
			sts, err := r.StatementsByActor(a)
			if err != nil {
				return err
			}
			slices.SortStableFunc(sts, func(x, y Statement) int {
				if c := strings.Compare(x.Date, y.Date); c != 0 {
					return c
				}
				return strings.Compare(x.ID, y.ID)
			})
			ix := NewQuoteIndex(nil)
			for _, st := range sts {
				if joined[st.ID] {
					continue
				}
				// A statement of several speakers is matched for each; it
				// joins only a statement with all the same speakers.
				m, ok := ix.Match(a, st.Source, st.Quote, st.Date, nil)
				if ok && !sharesSource(ix, m.Statement, st) && ix.sameSpeakers(m.Statement, st.Speakers) {
					out = append(out, Joining{Into: m.Statement, From: st.ID, Exact: m.Exact})
					joined[st.ID] = true
					continue
				}
				ix.Add(st)
			}
		}
		return nil
	})
	return out, err
}

// sharesSource reports whether the indexed statement id has a report in a
// source that also reports st.
func sharesSource(ix *QuoteIndex, id string, st Statement) bool {
	for _, e := range ix.entries {
		if e.statement != id {
			continue
		}
		for _, r := range st.AllReports() {
			if slices.Contains(e.sources, r.Source) {
				return true
			}
		}
		return false
	}
	return false
}

// sameSpeakers reports whether the indexed statement id has these speakers.
func (ix *QuoteIndex) sameSpeakers(id string, speakers []string) bool {
	for _, e := range ix.entries {
		if e.statement == id {
			return sameSet(e.speakers, speakers)
		}
	}
	return false
}
