package exchange

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/parley/parley/app"
)

// writeMarkdown writes a readable brief: per actor, what they said with
// date and source, and the notes under each statement.
func writeMarkdown(ctx context.Context, b *Bundle, w io.Writer, tables *app.CodeTables, progress Progress) error {
	bw := bufio.NewWriter(w)
	title := "Parley brief"
	if !b.Whole {
		title += ": " + filterWords(b)
	}
	fmt.Fprintf(bw, "# %s\n\n", title)
	fmt.Fprintf(bw, "%s by %s from %s.\n\n", count(len(b.Statements), "statement"), count(countSpeakers(b), "actor"), count(len(b.Sources), "source"))
	bySpeaker := map[string][]app.Statement{}
	for _, st := range b.Statements {
		for _, a := range st.Speakers {
			bySpeaker[a] = append(bySpeaker[a], st)
		}
	}
	speakers := make([]string, 0, len(bySpeaker))
	for a := range bySpeaker {
		speakers = append(speakers, a)
	}
	slices.SortFunc(speakers, func(x, y string) int {
		if d := len(bySpeaker[y]) - len(bySpeaker[x]); d != 0 {
			return d
		}
		return strings.Compare(b.actor[x].Name, b.actor[y].Name)
	})
	done := 0
	for _, id := range speakers {
		if err := cancelled(ctx); err != nil {
			return err
		}
		a := b.actor[id]
		fmt.Fprintf(bw, "## %s\n\n", mdText(a.Name))
		if a.Role != "" {
			fmt.Fprintf(bw, "*%s*\n\n", mdText(a.Role))
		}
		for _, n := range b.notesOn(app.Target{Kind: app.TargetActor, ID: id}) {
			writeMDNote(bw, n, "")
		}
		sts := bySpeaker[id]
		slices.SortStableFunc(sts, func(x, y app.Statement) int { return strings.Compare(y.Date, x.Date) })
		for _, st := range sts {
			fmt.Fprintf(bw, "### %s\n\n", orDash(st.Date))
			fmt.Fprintf(bw, "> %s\n\n", strings.ReplaceAll(mdText(st.Quote), "\n", "\n> "))
			var meta []string
			if len(st.Speakers) > 1 {
				meta = append(meta, "with "+strings.Join(b.names(without(st.Speakers, id)), ", "))
			}
			if len(st.Recipients) > 0 {
				meta = append(meta, "to "+strings.Join(b.names(st.Recipients), ", "))
			}
			meta = append(meta, string(st.Kind))
			if st.Cue != "" {
				meta = append(meta, "“"+st.Cue+"”")
			}
			if !st.Coding.IsZero() && tables != nil {
				c := tables.Words(st.Coding)
				if !st.Coding.Confirmed {
					c += " (suggested)"
				}
				meta = append(meta, c)
			}
			fmt.Fprintf(bw, "%s.\n\n", mdText(strings.Join(meta, "; ")))
			if src, ok := b.src[st.Source]; ok {
				line := "Source: " + mdText(src.Title)
				if src.URL != "" {
					line = fmt.Sprintf("Source: [%s](%s)", mdText(src.Title), src.URL)
				}
				if src.Outlet != "" {
					line += ", " + mdText(src.Outlet)
				}
				if src.Published != "" {
					line += ", " + src.Published
				}
				fmt.Fprintf(bw, "%s.\n\n", line)
			}
			if len(st.Reports) > 0 {
				var also []string
				for _, r := range st.Reports {
					also = append(also, mdText(b.sourceName(r.Source))+", "+orDash(r.Date))
				}
				fmt.Fprintf(bw, "Also reported by %s: %s.\n\n", count(len(st.Reports), "source"), strings.Join(also, "; "))
			}
			if st.Context != "" {
				fmt.Fprintf(bw, "%s\n\n", mdText(st.Context))
			}
			for _, n := range b.notesOn(app.Target{Kind: app.TargetStatement, ID: st.ID}) {
				excerpt := ""
				if n.Range != nil {
					excerpt, _ = app.Slice(st.Quote, n.Range.Start, n.Range.End)
				}
				writeMDNote(bw, n, excerpt)
			}
			done++
			progress(done, len(b.Statements))
		}
	}
	return bw.Flush()
}

func writeMDNote(w io.Writer, n app.Note, excerpt string) {
	head := "**Note**"
	if excerpt != "" {
		head = fmt.Sprintf("**Note on “%s”**", mdText(excerpt))
	}
	if len(n.Tags) > 0 {
		head += " #" + strings.Join(n.Tags, " #")
	}
	fmt.Fprintf(w, "%s (%s)\n\n%s\n\n", head, n.Updated.Format("2006-01-02"), n.Body)
}

// mdText keeps text from being read as Markdown markup.
func mdText(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "#", "\\#", "[", "\\[", "]", "\\]", "<", "&lt;")
	return r.Replace(s)
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func orDash(s string) string {
	if s == "" {
		return "Undated"
	}
	return s
}

func without(ids []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == id })
}

func countSpeakers(b *Bundle) int {
	seen := map[string]bool{}
	for _, st := range b.Statements {
		for _, a := range st.Speakers {
			seen[a] = true
		}
	}
	return len(seen)
}

// filterWords says what a filter keeps, for titles.
func filterWords(b *Bundle) string {
	f := b.Filter
	var parts []string
	if f.Actor != "" {
		parts = append(parts, b.actor[f.Actor].Name)
	}
	if f.Place != "" {
		parts = append(parts, "on "+b.place[f.Place].Name)
	}
	if f.From != "" || f.To != "" {
		parts = append(parts, strings.TrimSpace(f.From+" to "+f.To))
	}
	if f.Kind != "" {
		parts = append(parts, string(f.Kind)+" quotations")
	}
	if f.Tag != "" {
		parts = append(parts, "#"+f.Tag)
	}
	if f.Category != "" {
		parts = append(parts, f.Category)
	}
	if f.Cooperation != nil {
		parts = append(parts, fmt.Sprintf("Goldstein %+.1f to %+.1f", f.Cooperation.Min, f.Cooperation.Max))
	}
	return strings.Join(parts, ", ")
}

// csvHeader names the CSV columns.
var csvHeader = []string{"id", "date", "speakers", "speaker_ids", "recipients", "recipient_ids", "quote", "kind", "cue",
	"source_title", "outlet", "url", "published", "places", "plover_category", "plover_mode", "cameo", "cameo_name",
	"goldstein", "coding_confirmed", "tags", "note_tags", "pair_count", "pair_mean_goldstein", "report_count", "reported_by"}

// writeCSV writes one row per statement, with the numbers of its
// speaker→recipient pairs.
func writeCSV(ctx context.Context, b *Bundle, w io.Writer, tables *app.CodeTables, progress Progress) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	pairs := app.PairStats(b.Statements)
	noteTags := map[string][]string{}
	for _, n := range b.Notes {
		if n.Target.Kind == app.TargetStatement {
			noteTags[n.Target.ID] = append(noteTags[n.Target.ID], n.Tags...)
		}
	}
	for i, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		src := b.src[st.Source]
		var places []string
		for _, p := range st.Places {
			places = append(places, b.place[p].Name)
		}
		cameoName := ""
		if tables != nil {
			cameoName = tables.Cameo[st.Coding.CAMEO].Name
		}
		gold := ""
		if !st.Coding.IsZero() {
			gold = strconv.FormatFloat(st.Coding.Goldstein, 'f', -1, 64)
		}
		count, mean := 0, ""
		for _, a := range st.Speakers {
			for _, r := range st.Recipients {
				if p, ok := pairs[app.Pair{From: a, To: r}]; ok {
					count = p.Count
					if p.Scored > 0 {
						mean = strconv.FormatFloat(p.Mean(), 'f', 2, 64)
					}
				}
			}
		}
		pairCount := ""
		if count > 0 {
			pairCount = strconv.Itoa(count)
		}
		row := []string{st.ID, st.Date, strings.Join(b.names(st.Speakers), "; "), strings.Join(st.Speakers, "; "),
			strings.Join(b.names(st.Recipients), "; "), strings.Join(st.Recipients, "; "), st.Quote, string(st.Kind), st.Cue,
			src.Title, src.Outlet, src.URL, src.Published, strings.Join(places, "; "),
			st.Coding.Category, st.Coding.Mode, st.Coding.CAMEO, cameoName, gold, strconv.FormatBool(st.Coding.Confirmed),
			strings.Join(st.Tags, "; "), strings.Join(uniqueSorted(noteTags[st.ID]), "; "), pairCount, mean,
			strconv.Itoa(st.ReportCount()), strings.Join(b.reportNames(st), "; ")}
		if err := cw.Write(row); err != nil {
			return err
		}
		progress(i+1, len(b.Statements))
	}
	cw.Flush()
	return cw.Error()
}

// sourceName is how a source is named in an export: its outlet, else its
// title, else its id.
func (b *Bundle) sourceName(id string) string {
	src := b.src[id]
	switch {
	case src.Outlet != "":
		return src.Outlet
	case src.Title != "":
		return src.Title
	}
	return id
}

// reportNames names the sources of every report of a statement, in order.
func (b *Bundle) reportNames(st app.Statement) []string {
	var out []string
	for _, r := range st.AllReports() {
		out = append(out, b.sourceName(r.Source))
	}
	return out
}

// reportsHeader names the columns of the one-row-per-report CSV.
var reportsHeader = []string{"statement_id", "report", "first_filed", "statement_date", "speakers", "speaker_ids", "quote", "cue",
	"source_id", "source_title", "outlet", "url", "published", "start", "end"}

// writeReportsCSV writes one row per report: where each source quotes
// each statement, with its own words and offsets.
func writeReportsCSV(ctx context.Context, b *Bundle, w io.Writer, progress Progress) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(reportsHeader); err != nil {
		return err
	}
	for i, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		for n, r := range st.AllReports() {
			src := b.src[r.Source]
			row := []string{st.ID, strconv.Itoa(n + 1), strconv.FormatBool(n == 0), st.Date,
				strings.Join(b.names(st.Speakers), "; "), strings.Join(st.Speakers, "; "), r.Quote, r.Cue,
				r.Source, src.Title, src.Outlet, src.URL, src.Published, strconv.Itoa(r.Start), strconv.Itoa(r.End)}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		progress(i+1, len(b.Statements))
	}
	cw.Flush()
	return cw.Error()
}

func uniqueSorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// ploverRecord is a statement as a PLOVER event record.
type ploverRecord struct {
	ID          string      `json:"id"`
	Date        string      `json:"date"`
	Actor       string      `json:"actor"`
	ActorID     string      `json:"actor_id"`
	Recipient   string      `json:"recipient"`
	RecipientID string      `json:"recipient_id"`
	Event       *string     `json:"event"` // null for plain statements, which PLOVER does not code
	Mode        string      `json:"mode,omitempty"`
	Context     string      `json:"context,omitempty"`
	CAMEO       string      `json:"cameo,omitempty"`
	Goldstein   *float64    `json:"goldstein"`
	Confirmed   bool        `json:"confirmed"`
	Text        string      `json:"text"`
	CiteInfo    ploverCite  `json:"cite_info"`
	Pair        *ploverPair `json:"pair,omitempty"`
	Statement   string      `json:"parley_statement"`
}

type ploverCite struct {
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Kind      string `json:"kind"`
	Cue       string `json:"cue,omitempty"`
	// AlsoReported cites the other sources that report the same words.
	AlsoReported []ploverReport `json:"also_reported,omitempty"`
}

// ploverReport cites one further report of a statement.
type ploverReport struct {
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
	Cue       string `json:"cue,omitempty"`
}

// ploverPair is how the pair of this record stands over the whole export,
// and in the record's month.
type ploverPair struct {
	Count         int      `json:"count"`
	MeanGoldstein *float64 `json:"mean_goldstein"`
	Month         string   `json:"month,omitempty"`
	MonthCount    int      `json:"month_count,omitempty"`
	MonthMean     *float64 `json:"month_mean_goldstein,omitempty"`
}

// writePLOVER writes one PLOVER event record per speaker→recipient pair of
// each statement (a statement with no recipient gives one record with an
// empty recipient), one JSON object per line.
func writePLOVER(ctx context.Context, b *Bundle, w io.Writer, tables *app.CodeTables, progress Progress) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	pairs := app.PairStats(b.Statements)
	months := app.PairSeries(b.Statements)
	for i, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		src := b.src[st.Source]
		recipients := st.Recipients
		if len(recipients) == 0 {
			recipients = []string{""}
		}
		for _, a := range st.Speakers {
			for n, r := range recipients {
				rec := ploverRecord{
					ID: st.ID, Date: st.Date, Actor: b.actor[a].Name, ActorID: a,
					Mode: st.Coding.Mode, Context: contextOf(tables, st.Coding), CAMEO: st.Coding.CAMEO,
					Confirmed: st.Coding.Confirmed, Text: st.Quote, Statement: st.ID,
					CiteInfo: ploverCite{Title: src.Title, Outlet: src.Outlet, URL: src.URL, Published: src.Published, Kind: string(st.Kind), Cue: st.Cue},
				}
				for _, r := range st.Reports {
					rs := b.src[r.Source]
					rec.CiteInfo.AlsoReported = append(rec.CiteInfo.AlsoReported,
						ploverReport{Title: rs.Title, Outlet: rs.Outlet, URL: rs.URL, Published: rs.Published, Text: r.Quote, Cue: r.Cue})
				}
				if len(st.Speakers)*len(recipients) > 1 {
					rec.ID = fmt.Sprintf("%s-%s-%d", st.ID, a, n)
				}
				if r != "" {
					rec.Recipient, rec.RecipientID = b.actor[r].Name, r
				}
				if st.Coding.Category != "" {
					c := st.Coding.Category
					rec.Event = &c
				}
				if !st.Coding.IsZero() {
					g := st.Coding.Goldstein
					rec.Goldstein = &g
				}
				if p, ok := pairs[app.Pair{From: a, To: r}]; ok && r != "" {
					rec.Pair = &ploverPair{Count: p.Count}
					if p.Scored > 0 {
						m := p.Mean()
						rec.Pair.MeanGoldstein = &m
					}
					if len(st.Date) >= 7 {
						month := st.Date[:7]
						for _, pt := range months[app.Pair{From: a, To: r}] {
							if pt.Month == month {
								rec.Pair.Month, rec.Pair.MonthCount = month, pt.Count
								if pt.Scored > 0 {
									m := pt.Mean()
									rec.Pair.MonthMean = &m
								}
							}
						}
					}
				}
				if err := enc.Encode(rec); err != nil {
					return err
				}
			}
		}
		progress(i+1, len(b.Statements))
	}
	return bw.Flush()
}

func contextOf(tables *app.CodeTables, c app.Coding) string {
	if tables == nil {
		return ""
	}
	return tables.Cameo[c.CAMEO].Context
}
