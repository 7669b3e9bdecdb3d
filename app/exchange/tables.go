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
	"time"

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
		parts = append(parts, fmt.Sprintf("tone %+.1f to %+.1f", f.Cooperation.Min, f.Cooperation.Max))
	}
	return strings.Join(parts, ", ")
}

// csvHeader names the CSV columns.
var csvHeader = []string{"id", "date", "date_precision", "speakers", "speaker_ids", "recipients", "recipient_ids", "quote", "kind", "cue",
	"source_title", "outlet", "url", "published", "places", "plover_category", "plover_mode", "cameo", "cameo_name",
	"goldstein", "coding_confirmed", "tags", "note_tags", "pair_count", "pair_mean_goldstein", "report_count", "reported_by",
	"speaker_as_written"}

// csvWriter writes the CSV formats as spreadsheet programs read them best:
// UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the
// system's code page), CRLF line ends as RFC 4180 has them, and every text
// cell that a spreadsheet would run as a formula (one starting with =, +,
// -, @, a tab or a carriage return) prefixed with ', which spreadsheets
// take as "this is text" (CWE-1236). Options turn the mark and the prefix
// off for programs that read the file as plain data.
type csvWriter struct {
	cw   *csv.Writer
	opts Options
}

func newCSVWriter(w io.Writer, opts Options) (*csvWriter, error) {
	if !opts.NoBOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return nil, err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{cw: cw, opts: opts}, nil
}

// text is a cell of text from the casebook, neutralised as above.
func (c *csvWriter) text(s string) string {
	if c.opts.RawCells || s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// code is a code written with digits that must stay text: CAMEO's "013"
// is not the number 13, which is what a spreadsheet would make of it.
func (c *csvWriter) code(s string) string {
	if c.opts.RawCells || s == "" {
		return s
	}
	return "'" + s
}

// list is several values in one cell, as a JSON array of strings: values
// may hold any separator a joined list could use.
func (c *csvWriter) list(values []string) string {
	if values == nil {
		values = []string{}
	}
	out, _ := json.Marshal(values) // strings always marshal
	return c.text(string(out))
}

func (c *csvWriter) write(row []string) error { return c.cw.Write(row) }

func (c *csvWriter) flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// datePrecision says how much of a statement's date is known: day, month,
// year, or unknown when it has none.
func datePrecision(date string) string {
	if _, p, err := app.ParseSourceDate(date); err == nil {
		return string(p)
	}
	return string(app.PrecisionUnknown)
}

// writeCSV writes one row per statement, with the numbers of its
// speaker→recipient pairs.
func writeCSV(ctx context.Context, b *Bundle, w io.Writer, tables *app.CodeTables, progress Progress) error {
	cw, err := newCSVWriter(w, b.Options)
	if err != nil {
		return err
	}
	if err := cw.write(csvHeader); err != nil {
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
			gold = strconv.FormatFloat(st.Coding.Score, 'f', -1, 64)
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
		// Numbers, dates and ids are Parley's own and written as they
		// are; text from articles and users is neutralised.
		row := []string{st.ID, st.Date, datePrecision(st.Date), cw.list(b.names(st.Speakers)), cw.list(st.Speakers),
			cw.list(b.names(st.Recipients)), cw.list(st.Recipients), cw.text(st.Quote), string(st.Kind), cw.text(st.Cue),
			cw.text(src.Title), cw.text(src.Outlet), cw.text(src.URL), src.Published, cw.list(places),
			st.Coding.Category, st.Coding.Mode, cw.code(st.Coding.CAMEO), cw.text(cameoName), gold, strconv.FormatBool(st.Coding.Confirmed),
			cw.list(st.Tags), cw.list(uniqueSorted(noteTags[st.ID])), pairCount, mean,
			strconv.Itoa(st.ReportCount()), cw.list(b.reportNames(st)), cw.text(st.SpeakerAsWritten)}
		if err := cw.write(row); err != nil {
			return err
		}
		progress(i+1, len(b.Statements))
	}
	return cw.flush()
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
	cw, err := newCSVWriter(w, b.Options)
	if err != nil {
		return err
	}
	if err := cw.write(reportsHeader); err != nil {
		return err
	}
	for i, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		for n, r := range st.AllReports() {
			src := b.src[r.Source]
			row := []string{st.ID, strconv.Itoa(n + 1), strconv.FormatBool(n == 0), st.Date,
				cw.list(b.names(st.Speakers)), cw.list(st.Speakers), cw.text(r.Quote), cw.text(r.Cue),
				r.Source, cw.text(src.Title), cw.text(src.Outlet), cw.text(src.URL), src.Published, strconv.Itoa(r.Start), strconv.Itoa(r.End)}
			if err := cw.write(row); err != nil {
				return err
			}
		}
		progress(i+1, len(b.Statements))
	}
	return cw.flush()
}

// notesHeader names the columns of the one-row-per-note CSV.
var notesHeader = []string{"id", "target_kind", "target_id", "target", "start", "end", "passage", "body", "tags", "created", "updated"}

// writeNotesCSV writes one row per note: what it is on (and, for a note on
// words, which words), its text and tags, and when it was written.
func writeNotesCSV(ctx context.Context, b *Bundle, w io.Writer, progress Progress) error {
	cw, err := newCSVWriter(w, b.Options)
	if err != nil {
		return err
	}
	if err := cw.write(notesHeader); err != nil {
		return err
	}
	statements := make(map[string]app.Statement, len(b.Statements))
	for _, st := range b.Statements {
		statements[st.ID] = st
	}
	for i, n := range b.Notes {
		if err := cancelled(ctx); err != nil {
			return err
		}
		start, end, passage := "", "", ""
		if n.Range != nil {
			start, end = strconv.Itoa(n.Range.Start), strconv.Itoa(n.Range.End)
			if st, ok := statements[n.Target.ID]; ok && n.Target.Kind == app.TargetStatement {
				passage, _ = app.Slice(st.Quote, n.Range.Start, n.Range.End)
			}
		}
		row := []string{n.ID, string(n.Target.Kind), n.Target.ID, cw.text(b.targetLabel(n.Target, statements)), start, end,
			cw.text(passage), cw.text(n.Body), cw.list(n.Tags),
			n.Created.UTC().Format(time.RFC3339), n.Updated.UTC().Format(time.RFC3339)}
		if err := cw.write(row); err != nil {
			return err
		}
		progress(i+1, len(b.Notes))
	}
	return cw.flush()
}

// targetLabel names what a note is on: an actor's or place's name, a
// source's title, a statement's speakers and first words.
func (b *Bundle) targetLabel(t app.Target, statements map[string]app.Statement) string {
	switch t.Kind {
	case app.TargetActor:
		return b.actor[t.ID].Name
	case app.TargetPlace:
		return b.place[t.ID].Name
	case app.TargetSource:
		return b.src[t.ID].Title
	case app.TargetStatement:
		if st, ok := statements[t.ID]; ok {
			return strings.Join(b.names(st.Speakers), ", ") + ": " + app.Excerpt(st.Quote, 60)
		}
	}
	return t.ID
}

func uniqueSorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// A PLOVER record follows the manual's "PLOVER JSON" table (plover.schema.json
// holds it as a JSON Schema): the manual's fields by its names and types,
// and, where it invites providers to add their own, Parley's beside them
// under names it does not use.
type ploverRecord struct {
	ID            string         `json:"id"`
	Date          string         `json:"date"`
	DatePrecision string         `json:"date_precision,omitempty"` // Parley's: day, month or year
	Actor         []ploverEntity `json:"actor"`
	Recipient     []ploverEntity `json:"recipient,omitempty"`
	Event         []string       `json:"event"`
	QuadCode      int            `json:"quad_code,omitempty"`
	EventScale    *float64       `json:"event_scale,omitempty"` // the score of the statement's code (Coding.Score)
	Mode          []string       `json:"mode,omitempty"`
	Context       []string       `json:"context,omitempty"`
	Text          string         `json:"text"`
	TextInfo      *ploverText    `json:"text_info,omitempty"`
	CiteInfo      ploverCite     `json:"cite_info"`
	Coder         string         `json:"coder"`
	// Parley's: whether a person confirmed the code (false: Parley
	// suggested it, exported only when asked), the CAMEO code, the kind
	// of statement and its cue, and the pair's numbers.
	Confirmed bool        `json:"confirmed"`
	CAMEO     string      `json:"cameo,omitempty"`
	Kind      string      `json:"statement_kind,omitempty"`
	Cue       string      `json:"cue,omitempty"`
	Pair      *ploverPair `json:"pair,omitempty"`
	Statement string      `json:"parley_statement"`
	// Speaker is who said it, when the actor is the side the speaker
	// speaks for (a material act of "our" side the statement reports).
	Speaker []ploverEntity `json:"parley_speaker,omitempty"`
}

// ploverEntity is the manual's information object for entities.
type ploverEntity struct {
	Code       string `json:"code,omitempty"`   // ISO 3166-1 alpha-3 of the actor's state, where known
	Sector     string `json:"sector,omitempty"` // GOV for governments, ministries and states
	EntityText string `json:"entity_text"`
	Office     string `json:"office,omitempty"`
	// Parley's: the actor's id and kind (person, ministry, …).
	ParleyID   string `json:"parley_actor"`
	ParleyKind string `json:"parley_kind,omitempty"`
}

// ploverText places the quote in its source's text, in code points.
type ploverText struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ploverCite is the manual's information object for citations.
type ploverCite struct {
	Citation    string `json:"citation"` // the source's id in the casebook
	Title       string `json:"title,omitempty"`
	URL         string `json:"url,omitempty"`
	Publication string `json:"publication,omitempty"` // the outlet
	Language    string `json:"language,omitempty"`    // ISO 639-1
	Codebook    string `json:"codebook"`
	// Parley's: the source's date, and the other sources that report the
	// same words.
	Published    string         `json:"published,omitempty"`
	AlsoReported []ploverReport `json:"also_reported,omitempty"`
}

// ploverReport cites one further report of a statement.
type ploverReport struct {
	Citation    string `json:"citation"`
	Title       string `json:"title,omitempty"`
	Publication string `json:"publication,omitempty"`
	URL         string `json:"url,omitempty"`
	Published   string `json:"published,omitempty"`
	Text        string `json:"text"`
	Cue         string `json:"cue,omitempty"`
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

// ploverCodebook names the codebook the categories come from, in the
// manual's own form.
const ploverCodebook = "plover-base"

// PLOVERSummary says what a PLOVER export wrote and what it left out.
type PLOVERSummary struct {
	Records int `json:"records"`
	// Statements left out: without a PLOVER category (uncoded, or a CAMEO
	// code PLOVER leaves uncoded), with a suggested code only, without a
	// date, without a speaker.
	NoCategory int `json:"no_category"`
	Suggested  int `json:"suggested_only"`
	NoDate     int `json:"no_date"`
	NoSpeaker  int `json:"no_speaker"`
}

// LeftOut is how many statements the export did not write as events.
func (s PLOVERSummary) LeftOut() int { return s.NoCategory + s.Suggested + s.NoDate + s.NoSpeaker }

// entity is an actor as a PLOVER entity object.
func (b *Bundle) entity(id string) ploverEntity {
	a, ok := b.actor[id]
	if !ok {
		return ploverEntity{EntityText: id, ParleyID: id}
	}
	e := ploverEntity{EntityText: a.Name, ParleyID: id, ParleyKind: string(a.Kind)}
	if isAlpha3(a.Affiliation) {
		e.Code = a.Affiliation
	}
	switch a.Kind {
	case app.ActorGovernment, app.ActorMinistry, app.ActorState:
		e.Sector = "GOV"
	case app.ActorPerson:
		e.Office = a.Role
	}
	return e
}

// isAlpha3 reports whether s has the form of an ISO 3166-1 alpha-3 code,
// as the manual's entity code must.
func isAlpha3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range []byte(s) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// ploverDate is a statement's date as the manual's YYYY-MM-DD, with its
// precision (app.ParseSourceDate reads the form): a month or a year is
// given as its first day; a missing or malformed date gives "".
func ploverDate(date string) (string, string) {
	d, precision, err := app.ParseSourceDate(date)
	switch {
	case err != nil || d == "":
		return "", ""
	case precision == app.PrecisionMonth:
		return d + "-01", string(precision)
	case precision == app.PrecisionYear:
		return d + "-01-01", string(precision)
	}
	return d, string(precision)
}

// writePLOVER writes one PLOVER event record per speaker of each statement
// that has a confirmed PLOVER category (and, when the bundle's options ask,
// a suggested one, marked unconfirmed), one JSON object per line. Its
// addressees are the record's recipients. A statement without a category,
// a date or a speaker is no event the manual can record, and is counted in
// the summary instead.
func writePLOVER(ctx context.Context, b *Bundle, w io.Writer, tables *app.CodeTables, progress Progress) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	pairs := app.PairStats(b.Statements)
	months := app.PairSeries(b.Statements)
	sum := PLOVERSummary{}
	for i, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		progress(i+1, len(b.Statements))
		date, precision := ploverDate(st.Date)
		switch {
		case st.Coding.Category == "" || app.PLOVERQuad[st.Coding.Category] == 0:
			sum.NoCategory++
			continue
		case !st.Coding.Confirmed && !b.Options.SuggestedEvents:
			sum.Suggested++
			continue
		case date == "":
			sum.NoDate++
			continue
		case len(st.Speakers) == 0:
			sum.NoSpeaker++
			continue
		}
		src := b.src[st.Source]
		lang, _, _ := strings.Cut(src.Language, "-")
		actors := b.eventActors(st)
		for n, a := range actors {
			rec := ploverRecord{
				ID: st.ID, Date: date, Actor: []ploverEntity{b.entity(a.id)},
				Event: []string{st.Coding.Category}, QuadCode: app.PLOVERQuad[st.Coding.Category],
				Text: st.Quote, Confirmed: st.Coding.Confirmed, CAMEO: st.Coding.CAMEO,
				Kind: string(st.Kind), Cue: st.Cue, Statement: st.ID, Coder: ploverCoder(st.Coding),
				CiteInfo: ploverCite{Citation: st.Source, Title: src.Title, URL: src.URL, Publication: src.Outlet,
					Language: strings.ToLower(lang), Codebook: ploverCodebook, Published: src.Published},
			}
			if a.id == app.UnnamedSourcesID && st.SpeakerAsWritten != "" {
				rec.Actor[0].EntityText = st.SpeakerAsWritten // the text's words, as the manual's actor text is
			}
			if precision != "day" {
				rec.DatePrecision = precision
			}
			if len(actors) > 1 {
				rec.ID = fmt.Sprintf("%s-%d", st.ID, n+1)
			}
			if a.id != a.speaker {
				rec.Speaker = []ploverEntity{b.entity(a.speaker)}
			}
			if st.End > st.Start {
				rec.TextInfo = &ploverText{Start: st.Start, End: st.End}
			}
			for _, r := range st.Recipients {
				rec.Recipient = append(rec.Recipient, b.entity(r))
			}
			if st.Coding.Mode != "" {
				rec.Mode = []string{st.Coding.Mode}
			}
			if c := contextOf(tables, st.Coding); c != "" {
				rec.Context = []string{c}
			}
			if st.Coding.CAMEO != "" || st.Coding.Score != 0 {
				g := st.Coding.Score
				rec.EventScale = &g
			}
			for _, r := range st.Reports {
				rs := b.src[r.Source]
				rec.CiteInfo.AlsoReported = append(rec.CiteInfo.AlsoReported, ploverReport{Citation: r.Source,
					Title: rs.Title, Publication: rs.Outlet, URL: rs.URL, Published: rs.Published, Text: r.Quote, Cue: r.Cue})
			}
			if len(st.Recipients) == 1 {
				rec.Pair = pairOf(pairs, months, app.Pair{From: a.speaker, To: st.Recipients[0]}, st.Date)
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
			sum.Records++
		}
	}
	b.PLOVER = sum
	return bw.Flush()
}

// eventActor is the actor of one event record and the speaker it comes
// from.
type eventActor struct{ id, speaker string }

// eventActors are a statement's events' actors: its speakers, or, for a
// material act the quotation reports of the speaker's own side ("our
// forces withdrew"), the side each speaker speaks for (the last body up
// its chain of parents), once each.
func (b *Bundle) eventActors(st app.Statement) []eventActor {
	var out []eventActor
	for _, sp := range st.Speakers {
		id := sp
		if st.Coding.BySpeakersSide && app.MaterialAct(st.Coding.Category) {
			id = b.sideOf(sp)
		}
		if !slices.ContainsFunc(out, func(e eventActor) bool { return e.id == id }) {
			out = append(out, eventActor{id, sp})
		}
	}
	return out
}

// sideOf is the last actor up an actor's chain of parents.
func (b *Bundle) sideOf(id string) string {
	seen := map[string]bool{}
	for !seen[id] {
		seen[id] = true
		a, ok := b.actor[id]
		if !ok || a.Parent == "" {
			break
		}
		id = a.Parent
	}
	return id
}

// ploverCoder names who coded a statement, for the record's coder field.
func ploverCoder(c app.Coding) string {
	switch {
	case !c.Confirmed:
		return "Parley (suggested, not confirmed)"
	case c.By == app.CodedBySeed:
		return "Parley seed case"
	}
	return "Parley user"
}

// pairOf is how a pair stands over the export and in a date's month.
func pairOf(pairs map[app.Pair]app.PairStat, months map[app.Pair][]app.PairPoint, p app.Pair, date string) *ploverPair {
	ps, ok := pairs[p]
	if !ok {
		return nil
	}
	out := &ploverPair{Count: ps.Count}
	if ps.Scored > 0 {
		m := ps.Mean()
		out.MeanGoldstein = &m
	}
	if len(date) >= 7 {
		for _, pt := range months[p] {
			if pt.Month == date[:7] {
				out.Month, out.MonthCount = pt.Month, pt.Count
				if pt.Scored > 0 {
					m := pt.Mean()
					out.MonthMean = &m
				}
			}
		}
	}
	return out
}

func contextOf(tables *app.CodeTables, c app.Coding) string {
	if tables == nil {
		return ""
	}
	return tables.Cameo[c.CAMEO].Context
}
