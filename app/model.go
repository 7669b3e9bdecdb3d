package app

import (
	"strings"
	"time"
)

// ActorKind says what sort of speaker an actor is.
type ActorKind string

// The kinds of actor a casebook knows.
const (
	ActorPerson       ActorKind = "person"
	ActorMinistry     ActorKind = "ministry"
	ActorGovernment   ActorKind = "government"
	ActorState        ActorKind = "state"
	ActorOrganization ActorKind = "organization"
	ActorJoint        ActorKind = "joint" // a joint body; Members names who speaks together
	// ActorUnnamed is the one group of speakers an article describes
	// without naming ("a spokesman for the ministry", "officials"): each
	// statement keeps its words in SpeakerAsWritten.
	ActorUnnamed ActorKind = "unnamed"
)

// UnnamedSourcesID is the id of the unnamed sources' group.
const UnnamedSourcesID = "unnamed-sources"

// UnnamedSources is the group an import files a statement under when its
// speaker is a description no actor of the article answers to. It is one
// actor for them all, so that a description never becomes an actor of
// its own.
func UnnamedSources() Actor {
	return Actor{ID: UnnamedSourcesID, Name: "Unnamed sources", Aliases: []string{}, Kind: ActorUnnamed,
		Role: "Speakers the articles describe without naming them"}
}

// Dated is a fact with the date it became true. Background text tells what
// was known at the time of the case; Later holds what happened afterwards,
// kept apart so it is never read as the sources' own claim.
type Dated struct {
	Date string `json:"date"` // YYYY-MM-DD, YYYY-MM or YYYY
	Text string `json:"text"`
}

// Actor is anyone or anything that speaks or is spoken to.
type Actor struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Short       string    `json:"short,omitempty"` // what the map's marker says; see ShortName
	Aliases     []string  `json:"aliases"`
	Kind        ActorKind `json:"kind"`
	Role        string    `json:"role"`
	Affiliation string    `json:"affiliation,omitempty"` // ISO 3166-1 alpha-3
	Parent      string    `json:"parent,omitempty"`      // actor id
	Members     []string  `json:"members,omitempty"`     // actor ids, for joint actors
	Seat        string    `json:"seat,omitempty"`        // place id where the actor sits on the map
	Background  string    `json:"background,omitempty"`
	Later       []Dated   `json:"later,omitempty"`
}

// PlaceKind says what sort of place it is.
type PlaceKind string

// The kinds of place a casebook knows.
const (
	PlaceCountry    PlaceKind = "country"
	PlaceRegion     PlaceKind = "region"
	PlaceCity       PlaceKind = "city"
	PlaceCorridor   PlaceKind = "corridor"
	PlaceCheckpoint PlaceKind = "checkpoint"
)

// GeometryType is the shape of a place on the map.
type GeometryType string

// The shapes a place can have.
const (
	GeomPoint   GeometryType = "point"
	GeomLine    GeometryType = "line"
	GeomPolygon GeometryType = "polygon"
)

// LonLat is a position in degrees.
type LonLat [2]float64

// Geometry is a place's shape in longitude/latitude. A point has one
// position; a line a path; a polygon one or more rings.
type Geometry struct {
	Type  GeometryType `json:"type"`
	Rings [][]LonLat   `json:"coords"`
}

// Center is a representative point of the geometry: the point itself, the
// middle vertex of a line, or the mean of a polygon's outer ring.
func (g Geometry) Center() (LonLat, bool) {
	if len(g.Rings) == 0 || len(g.Rings[0]) == 0 {
		return LonLat{}, false
	}
	ring := g.Rings[0]
	switch g.Type {
	case GeomPoint:
		return ring[0], true
	case GeomLine:
		return ring[len(ring)/2], true
	}
	var c LonLat
	for _, p := range ring {
		c[0] += p[0]
		c[1] += p[1]
	}
	n := float64(len(ring))
	return LonLat{c[0] / n, c[1] / n}, true
}

// Place is a location statements can concern.
type Place struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Aliases    []string  `json:"aliases"`
	Kind       PlaceKind `json:"kind"`
	Geometry   Geometry  `json:"geometry,omitzero"`
	Shape      string    `json:"shape,omitempty"`   // key of a map outline (ARM, NAKH, ...) drawn as this place
	OffMap     bool      `json:"off_map,omitempty"` // far away: shown as a badge at the map's edge
	Label      string    `json:"label,omitempty"`   // map label when it differs from Name
	Background string    `json:"background,omitempty"`
	Later      []Dated   `json:"later,omitempty"`
}

// DatePrecision says how sure a source's date is.
type DatePrecision string

// The precisions a source date can have.
const (
	PrecisionDay      DatePrecision = "day"
	PrecisionMonth    DatePrecision = "month"
	PrecisionYear     DatePrecision = "year"
	PrecisionInferred DatePrecision = "inferred" // taken from the text, not given by the source
	PrecisionUnknown  DatePrecision = "unknown"  // no date: Published is empty
)

// Source is an article or document statements come from.
type Source struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	Outlet        string        `json:"outlet"`
	Byline        []string      `json:"byline,omitempty"` // authors, in the order the source names them
	URL           string        `json:"url,omitempty"`
	Published     string        `json:"published"` // YYYY-MM-DD, YYYY-MM or YYYY as the precision says; "" when unknown
	DatePrecision DatePrecision `json:"date_precision"`
	Language      string        `json:"language"`             // BCP 47
	TextHash      string        `json:"text_hash,omitempty"`  // sha256 hex of the NFC text
	LooseHash     string        `json:"loose_hash,omitempty"` // LooseTextHash of the text
	TextLength    int           `json:"text_length"`          // code points
	HasText       bool          `json:"has_text"`             // the text itself is stored
	Context       string        `json:"context,omitempty"`    // our note on where it comes from
	ImportedAt    time.Time     `json:"imported_at,omitzero"` // zero for the seed case
}

// StatementKind says how a statement reports speech.
type StatementKind string

// The kinds of statement.
const (
	KindDirect   StatementKind = "direct"   // a quoted sentence
	KindFragment StatementKind = "fragment" // quoted words inside narration
	KindIndirect StatementKind = "indirect" // reported speech, no quote marks
)

// Coding is a statement's event coding: PLOVER category and mode, the CAMEO
// code where one applies, and its score from conflict (-10) to cooperation
// (+10): the PLOVER manual's for the category and mode where the manual
// scores them, the code's Goldstein score otherwise (CameoCode.Score). The
// field keeps its stored name, goldstein, which casebooks written before
// hold, on that scale.
type Coding struct {
	Category  string  `json:"category,omitempty"` // PLOVER event type, e.g. CONSULT
	Mode      string  `json:"mode,omitempty"`     // PLOVER mode
	CAMEO     string  `json:"cameo,omitempty"`
	Score     float64 `json:"goldstein"`
	Confirmed bool    `json:"confirmed"` // a person checked it; otherwise a suggestion
	// By says who coded a confirmed statement: CodedBySeed for the codes
	// the seed case came with, CodedByUser (or "", in casebooks from before
	// this field) for a person's.
	By string `json:"by,omitempty"`
	// Why says, for a suggestion, what suggested it ("ACCUSE: “condemn”
	// in the quote"), and Confidence how sure the rule is, from 0 to 1.
	Why        string  `json:"why,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
	// BySpeakersSide marks a material act the quotation reports of the
	// speaker's own side ("our forces withdrew"): the act's actor is the
	// side the speaker speaks for, not the speaker.
	BySpeakersSide bool `json:"by_speakers_side,omitempty"`
}

// Who coded a statement.
const (
	CodedBySeed = "seed"
	CodedByUser = "user"
)

// IsZero reports whether nothing is coded.
func (c Coding) IsZero() bool { return c.Category == "" && c.CAMEO == "" }

// Scored reports whether the coding's score counts, on the map's lines and
// in the tone filter: a person's code, or a suggestion Parley is fairly
// sure of. An unsure one (a supposition, a plain statement) is shown as
// a suggestion but colours nothing. Suggestions from before confidence was
// kept count as they did.
func (c Coding) Scored() bool {
	return !c.IsZero() && (c.Confirmed || c.Confidence == 0 || c.Confidence >= 0.5)
}

// Report is one place where a source quotes a statement: the words as
// that source prints them, at their code points in its text.
type Report struct {
	Source string `json:"source"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Quote  string `json:"quote"`
	Cue    string `json:"cue,omitempty"`
	Date   string `json:"date"` // the source's date
}

// Statement is something an actor said, once. Its own Source, offsets,
// Quote and Cue are its first report (the one filed first, which notes on
// its words count into); Reports holds the others: reprints, translations,
// follow-ups quoting the same words. Its Date is its earliest report's.
type Statement struct {
	ID         string        `json:"id"`
	Speakers   []string      `json:"speakers"`   // actor ids
	Recipients []string      `json:"recipients"` // actor ids
	Quote      string        `json:"quote"`
	Kind       StatementKind `json:"kind"`
	Cue        string        `json:"cue,omitempty"`
	// SpeakerAsWritten is how the text names a speaker it does not name:
	// "a spokesman for the ministry". Set when the speaker was filed as
	// one of the unnamed sources.
	SpeakerAsWritten string   `json:"speaker_as_written,omitempty"`
	Source           string   `json:"source"`
	Start            int      `json:"start"` // code points into the source text
	End              int      `json:"end"`
	Date             string   `json:"date"` // YYYY-MM-DD
	Places           []string `json:"places"`
	Tags             []string `json:"tags"`
	Coding           Coding   `json:"coding"`
	Context          string   `json:"context,omitempty"`
	// Reports are the further places the same words are reported, earliest
	// first; none in a statement only one source reports.
	Reports []Report `json:"reports,omitempty"`
	// ReportDate is the date of the statement's own report when an earlier
	// report made Date earlier; "" when they are the same.
	ReportDate string `json:"report_date,omitempty"`
}

// SpeakerNames joins the names of a statement's speakers, each found by
// actor (an id it does not know stands as itself). One of the unnamed
// sources is named as the text describes it: "officials (unnamed)".
func (st Statement) SpeakerNames(actor func(id string) (Actor, bool)) string {
	names := make([]string, 0, len(st.Speakers))
	for _, id := range st.Speakers {
		a, ok := actor(id)
		switch {
		case !ok:
			names = append(names, id)
		case a.Kind == ActorUnnamed && st.SpeakerAsWritten != "":
			names = append(names, st.SpeakerAsWritten+" (unnamed)")
		default:
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, " & ")
}

// FirstReport is the statement's own report: its source, offsets, words.
func (st Statement) FirstReport() Report {
	date := st.Date
	if st.ReportDate != "" {
		date = st.ReportDate
	}
	return Report{Source: st.Source, Start: st.Start, End: st.End, Quote: st.Quote, Cue: st.Cue, Date: date}
}

// AllReports lists every report of the statement, its own first.
func (st Statement) AllReports() []Report {
	return append([]Report{st.FirstReport()}, st.Reports...)
}

// ReportCount is how many sources report the statement.
func (st Statement) ReportCount() int { return 1 + len(st.Reports) }

// ReportIn is the statement's report in a source, if it has one.
func (st Statement) ReportIn(source string) (Report, bool) {
	for _, r := range st.AllReports() {
		if r.Source == source {
			return r, true
		}
	}
	return Report{}, false
}

// TargetKind names what a note is attached to.
type TargetKind string

// The things a note can be attached to.
const (
	TargetActor     TargetKind = "actor"
	TargetPlace     TargetKind = "place"
	TargetSource    TargetKind = "source"
	TargetStatement TargetKind = "statement"
)

// Target points at one item of the casebook.
type Target struct {
	Kind TargetKind `json:"kind"`
	ID   string     `json:"id"`
}

// String renders the target as KIND:ID, the form the command line takes.
func (t Target) String() string { return string(t.Kind) + ":" + t.ID }

// Range is a span of code points [Start, End).
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Note is the user's own writing on an item, optionally on a range of its text.
type Note struct {
	ID      string    `json:"id"`
	Target  Target    `json:"target"`
	Range   *Range    `json:"range,omitempty"`
	Body    string    `json:"body"` // Markdown
	Tags    []string  `json:"tags"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Event is a dated happening in the case's background, for the timeline.
type Event struct {
	ID     string   `json:"id"`
	Date   string   `json:"date"` // YYYY-MM-DD
	End    string   `json:"end,omitempty"`
	Title  string   `json:"title"`
	Text   string   `json:"text"`
	Later  bool     `json:"later"` // after the seed article: a later development
	Places []string `json:"places,omitempty"`
}

// Case is a whole casebook in one value: what dump prints, what the seed is,
// what a backup holds.
type Case struct {
	Actors     []Actor     `json:"actors"`
	Places     []Place     `json:"places"`
	Sources    []Source    `json:"sources"`
	Statements []Statement `json:"statements"`
	Notes      []Note      `json:"notes"`
	Events     []Event     `json:"events"`
	// Texts holds the stored text of each source that has one, by source id.
	Texts map[string]string `json:"texts,omitempty"`
	// Changed and ChangedNotes hold, for undoing a deletion, the statements
	// and notes it changed rather than removed, as they were: a statement
	// other sources report too loses only its report in the source.
	Changed      []Statement `json:"-"`
	ChangedNotes []Note      `json:"-"`
}
