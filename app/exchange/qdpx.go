package exchange

import (
	"archive/zip"
	"context"
	"crypto/sha1"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
)

// REFI-QDA project (QDA-XML 1.0, Project-mrt2019.xsd). Element order follows
// the schema's sequences.

const qdaNamespace = "urn:QDA-XML:project:1.0"

type qdaProject struct {
	XMLName          xml.Name     `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string       `xml:"name,attr"`
	Origin           string       `xml:"origin,attr,omitempty"`
	CreatingUserGUID string       `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string       `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime string       `xml:"modifiedDateTime,attr,omitempty"`
	Users            *qdaUsers    `xml:"Users"`
	CodeBook         *qdaCodeBook `xml:"CodeBook"`
	Variables        *qdaVars     `xml:"Variables"`
	Cases            *qdaCases    `xml:"Cases"`
	Sources          *qdaSources  `xml:"Sources"`
	Notes            *qdaNotes    `xml:"Notes"`
	Sets             *qdaSets     `xml:"Sets"`
	Description      string       `xml:"Description,omitempty"`
}

type qdaUsers struct {
	User []qdaUser `xml:"User"`
}

type qdaUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
}

type qdaCodeBook struct {
	Codes qdaCodes `xml:"Codes"`
}

type qdaCodes struct {
	Code []qdaCode `xml:"Code"`
}

type qdaCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	NoteRef     []qdaRef  `xml:"NoteRef"`
	Code        []qdaCode `xml:"Code"`
}

type qdaVars struct {
	Variable []qdaVar `xml:"Variable"`
}

type qdaVar struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type qdaVarValue struct {
	Ref  qdaRef `xml:"VariableRef"`
	Text string `xml:"TextValue"`
	// The other kinds of value, read from other programs' projects.
	Boolean  string `xml:"BooleanValue,omitempty"`
	Integer  string `xml:"IntegerValue,omitempty"`
	Float    string `xml:"FloatValue,omitempty"`
	Date     string `xml:"DateValue,omitempty"`
	DateTime string `xml:"DateTimeValue,omitempty"`
}

// value is the variable value as text, whatever its kind.
func (v qdaVarValue) value() string {
	return firstNonEmpty(v.Text, v.Boolean, v.Integer, v.Float, v.Date, v.DateTime)
}

// Cases and sets are read from other programs' projects, to be kept as
// notes; Parley writes none.
type qdaCases struct {
	Case []qdaGroup `xml:"Case"`
}

type qdaSets struct {
	Set []qdaGroup `xml:"Set"`
}

// qdaGroup is a case or a set: a name, a description, and what it holds.
type qdaGroup struct {
	GUID        string        `xml:"guid,attr"`
	Name        string        `xml:"name,attr"`
	Description string        `xml:"Description,omitempty"`
	Values      []qdaVarValue `xml:"VariableValue"`
	Members     []struct {
		XMLName xml.Name
	} `xml:",any"`
}

type qdaRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

type qdaSources struct {
	TextSource []qdaTextSource `xml:"TextSource"`
	// Sources of other kinds, counted when a project is refused.
	Other []struct {
		XMLName xml.Name
	} `xml:",any"`
}

type qdaTextSource struct {
	GUID             string         `xml:"guid,attr"`
	Name             string         `xml:"name,attr,omitempty"`
	PlainTextPath    string         `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string         `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string         `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime string         `xml:"modifiedDateTime,attr,omitempty"`
	Description      string         `xml:"Description,omitempty"`
	PlainTextContent *string        `xml:"PlainTextContent"`
	Selection        []qdaSelection `xml:"PlainTextSelection"`
	Coding           []qdaCoding    `xml:"Coding"`
	NoteRef          []qdaRef       `xml:"NoteRef"`
	VariableValue    []qdaVarValue  `xml:"VariableValue"`
}

type qdaSelection struct {
	GUID             string      `xml:"guid,attr"`
	Name             string      `xml:"name,attr,omitempty"`
	Start            int         `xml:"startPosition,attr"`
	End              int         `xml:"endPosition,attr"`
	CreatingUser     string      `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	Description      string      `xml:"Description,omitempty"`
	Coding           []qdaCoding `xml:"Coding"`
	NoteRef          []qdaRef    `xml:"NoteRef"`
}

type qdaCoding struct {
	GUID    string `xml:"guid,attr"`
	CodeRef qdaRef `xml:"CodeRef"`
}

type qdaNotes struct {
	Note []qdaTextSource `xml:"Note"`
}

// parleyMeta rides in the Description of our own elements after a marker
// line, so that our own export comes back whole; other programs show it as
// text.
type parleyMeta struct {
	Kind      string         `json:"kind"`
	Actor     *app.Actor     `json:"actor,omitempty"`
	Place     *app.Place     `json:"place,omitempty"`
	Tag       string         `json:"tag,omitempty"`
	Source    *app.Source    `json:"source,omitempty"`
	Statement *app.Statement `json:"statement,omitempty"`
	Note      *app.Note      `json:"note,omitempty"`
	// Report is a further report of the statement Of: its words in this
	// source, coded as the statement is (the statement itself carries it).
	Report *app.Report `json:"report,omitempty"`
	Of     string      `json:"of,omitempty"`
	// Excerpts marks a source whose text here is only its quotations,
	// because Parley does not hold the article.
	Excerpts bool `json:"excerpts,omitempty"`
	// Coding is what an event code stands for, so that the code applied
	// to another quotation in a QDA program codes it the same way.
	Coding *app.Coding `json:"coding,omitempty"`
}

const metaMarker = "\n\n--- Parley data (keep to re-import into Parley) ---\n"

func withMeta(human string, m parleyMeta) string {
	b, _ := json.Marshal(m)
	return human + metaMarker + string(b)
}

func readMeta(desc string) (string, *parleyMeta) {
	human, raw, ok := strings.Cut(desc, metaMarker)
	if !ok {
		return desc, nil
	}
	var m parleyMeta
	if json.Unmarshal([]byte(strings.TrimSpace(raw)), &m) != nil {
		return desc, nil
	}
	return human, &m
}

// guid makes a stable GUID for an item: the same casebook exports the same
// GUIDs, so re-exports can be compared and re-imports recognised.
func guid(kind, id string) string {
	h := sha1.Sum([]byte("parley:" + kind + ":" + id))
	h[6] = h[6]&0x0f | 0x50 // version 5, name-based
	h[8] = h[8]&0x3f | 0x80
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16]))
}

// writeQDPX writes a REFI-QDA project: each source as a text source
// (stored in sources/), actors, places and tags as codes, each statement as
// a selection coded with its speakers, places and tags, each note as a
// note referred to from what it is on; a highlight is a selection of its
// own carrying its note.
func writeQDPX(ctx context.Context, b *Bundle, w io.Writer, progress Progress) error {
	now := time.Now().UTC().Format(time.RFC3339)
	user := guid("user", "parley")
	p := qdaProject{
		Name: "Parley casebook", Origin: "Parley", CreatingUserGUID: user, CreationDateTime: now,
		Users: &qdaUsers{User: []qdaUser{{GUID: user, Name: "Parley"}}},
	}
	if !b.Whole {
		p.Name += ": " + filterWords(b)
	}
	noteRefs := map[app.Target][]qdaRef{}
	for _, n := range b.Notes {
		if n.Range == nil || n.Target.Kind != app.TargetStatement {
			noteRefs[n.Target] = append(noteRefs[n.Target], qdaRef{guid("note", n.ID)})
		}
	}
	// Codes: speakers, recipients, events, places and tags, each under a
	// parent that groups them. An actor is a code as a speaker (which
	// carries the actor, for Parley to read back) and, when it is spoken
	// to, as a recipient.
	actorCodes := qdaCode{GUID: guid("group", "actors"), Name: "Speakers", IsCodable: false, Description: "Who speaks."}
	for _, a := range b.Actors {
		actorCodes.Code = append(actorCodes.Code, qdaCode{GUID: guid("actor", a.ID), Name: a.Name, IsCodable: true,
			Description: withMeta(a.Role, parleyMeta{Kind: "actor", Actor: &a}), NoteRef: noteRefs[app.Target{Kind: app.TargetActor, ID: a.ID}]})
	}
	addressed := map[string]bool{}
	// PLOVER category ("" for none) -> CAMEO code ("" for none) -> the
	// first confirmed coding of that kind, which the code carries.
	events := map[string]map[string]app.Coding{}
	for _, st := range b.Statements {
		for _, r := range st.Recipients {
			addressed[r] = true
		}
		if c := st.Coding; c.Confirmed && !c.IsZero() {
			if events[c.Category] == nil {
				events[c.Category] = map[string]app.Coding{}
			}
			if _, ok := events[c.Category][c.CAMEO]; !ok {
				c.By = app.CodedByUser
				events[c.Category][c.CAMEO] = c
			}
		}
	}
	recipientCodes := qdaCode{GUID: guid("group", "recipients"), Name: "Recipients", IsCodable: false, Description: "Who is spoken to."}
	for _, a := range b.Actors {
		if addressed[a.ID] {
			recipientCodes.Code = append(recipientCodes.Code, qdaCode{GUID: guid("recipient", a.ID), Name: a.Name, IsCodable: true,
				Description: "Spoken to: " + a.Name})
		}
	}
	eventCodes := qdaCode{GUID: guid("group", "events"), Name: "Events", IsCodable: false,
		Description: "Confirmed event codes: PLOVER categories, with the CAMEO codes under them."}
	for _, cat := range slices.Sorted(maps.Keys(events)) {
		parent := &eventCodes
		if cat != "" {
			code := qdaCode{GUID: guid("event", cat), Name: cat, IsCodable: true, Description: "PLOVER category " + cat}
			if c, ok := events[cat][""]; ok {
				code.Description = withMeta(code.Description, parleyMeta{Kind: "event", Coding: &c})
			}
			eventCodes.Code = append(eventCodes.Code, code)
			parent = &eventCodes.Code[len(eventCodes.Code)-1]
		}
		for _, cameo := range slices.Sorted(maps.Keys(events[cat])) {
			if cameo != "" {
				c := events[cat][cameo]
				parent.Code = append(parent.Code, qdaCode{GUID: guid("cameo", cameo), Name: "CAMEO " + cameo, IsCodable: true,
					Description: withMeta("CAMEO code "+cameo, parleyMeta{Kind: "event", Coding: &c})})
			}
		}
	}
	placeCodes := qdaCode{GUID: guid("group", "places"), Name: "Places", IsCodable: false, Description: "What statements concern."}
	for _, pl := range b.Places {
		placeCodes.Code = append(placeCodes.Code, qdaCode{GUID: guid("place", pl.ID), Name: pl.Name, IsCodable: true,
			Description: withMeta(string(pl.Kind), parleyMeta{Kind: "place", Place: &pl}), NoteRef: noteRefs[app.Target{Kind: app.TargetPlace, ID: pl.ID}]})
	}
	tags := map[string]bool{}
	for _, st := range b.Statements {
		for _, t := range st.Tags {
			tags[t] = true
		}
	}
	tagCodes := qdaCode{GUID: guid("group", "tags"), Name: "Tags", IsCodable: false, Description: "The user's tags on statements."}
	for _, t := range slices.Sorted(maps.Keys(tags)) {
		tagCodes.Code = append(tagCodes.Code, qdaCode{GUID: guid("tag", t), Name: t, IsCodable: true,
			Description: withMeta("", parleyMeta{Kind: "tag", Tag: t})})
	}
	p.CodeBook = &qdaCodeBook{Codes: qdaCodes{Code: []qdaCode{actorCodes, recipientCodes, eventCodes, placeCodes, tagCodes}}}
	// Each source's date precision and language, as variables a QDA
	// program can sort and filter its documents by.
	precisionVar, languageVar := guid("variable", "date precision"), guid("variable", "language")
	p.Variables = &qdaVars{Variable: []qdaVar{
		{GUID: precisionVar, Name: "Date precision", Type: "Text", Description: "How much of the source's date is known: day, month, year, inferred or unknown."},
		{GUID: languageVar, Name: "Language", Type: "Text", Description: "The source's language, a BCP 47 tag."},
	}}

	zw := zip.NewWriter(w)
	// Entries carry the time of the export: an entry without one reads
	// as 1980-00-00, a date that zip tools flag as invalid.
	made := time.Now()
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: made})
	}
	bySource := map[string][]app.Statement{}
	further := map[string][]app.Statement{} // source -> statements it reports again
	for _, st := range b.Statements {
		bySource[st.Source] = append(bySource[st.Source], st)
		for _, r := range st.Reports {
			further[r.Source] = append(further[r.Source], st)
		}
	}
	highlights := map[string][]app.Note{}
	for _, n := range b.Notes {
		if n.Range != nil && n.Target.Kind == app.TargetStatement {
			highlights[n.Target.ID] = append(highlights[n.Target.ID], n)
		}
	}
	p.Sources = &qdaSources{}
	done := 0
	for _, src := range b.Sources {
		if err := cancelled(ctx); err != nil {
			return err
		}
		sts := bySource[src.ID]
		slices.SortFunc(sts, func(x, y app.Statement) int { return x.Start - y.Start })
		text, hasText := b.Texts[src.ID]
		// Where the text itself is not held, the source's text is its
		// quotations, one per paragraph, and selections point into that.
		offset := map[string]int{}
		if !hasText {
			var sb strings.Builder
			n := 0
			for _, st := range sts {
				if n > 0 {
					sb.WriteString("\n\n")
					n += 2
				}
				offset[st.ID] = n - st.Start
				sb.WriteString(st.Quote)
				n += app.RuneLen(st.Quote)
			}
			text = sb.String()
		}
		g := guid("source", src.ID)
		human := strings.TrimSpace(strings.Join([]string{src.Outlet, src.Published, src.URL}, " · "))
		if !hasText {
			human += "\nParley holds only this source's quotations; the text here is those quotations, one per paragraph."
		}
		precision := string(src.DatePrecision)
		if precision == "" {
			precision = datePrecision(src.Published)
		}
		ts := qdaTextSource{GUID: g, Name: src.Title, PlainTextPath: "internal://" + g + ".txt", CreatingUser: user,
			CreationDateTime: now, Description: withMeta(human, parleyMeta{Kind: "source", Source: &src, Excerpts: !hasText}),
			NoteRef:       noteRefs[app.Target{Kind: app.TargetSource, ID: src.ID}],
			VariableValue: []qdaVarValue{{Ref: qdaRef{precisionVar}, Text: precision}, {Ref: qdaRef{languageVar}, Text: src.Language}}}
		for _, st := range sts {
			sel := qdaSelection{GUID: guid("statement", st.ID), Name: app.Excerpt(st.Quote, 60),
				Start: st.Start + offset[st.ID], End: st.End + offset[st.ID], CreatingUser: user, CreationDateTime: now,
				Description: withMeta(st.Context, parleyMeta{Kind: "statement", Statement: &st}),
				NoteRef:     noteRefs[app.Target{Kind: app.TargetStatement, ID: st.ID}]}
			code := func(kind, id string) {
				sel.Coding = append(sel.Coding, qdaCoding{GUID: guid("coding", st.ID+"/"+kind+"/"+id), CodeRef: qdaRef{guid(kind, id)}})
			}
			for _, a := range st.Speakers {
				code("actor", a)
			}
			for _, a := range st.Recipients {
				code("recipient", a)
			}
			if c := st.Coding; c.Confirmed {
				if c.Category != "" {
					code("event", c.Category)
				}
				if c.CAMEO != "" {
					code("cameo", c.CAMEO)
				}
			}
			for _, pl := range st.Places {
				code("place", pl)
			}
			for _, t := range st.Tags {
				code("tag", t)
			}
			ts.Selection = append(ts.Selection, sel)
			for _, n := range highlights[st.ID] {
				ts.Selection = append(ts.Selection, qdaSelection{GUID: guid("highlight", n.ID), Name: "Highlight",
					Start: st.Start + offset[st.ID] + n.Range.Start, End: st.Start + offset[st.ID] + n.Range.End,
					CreatingUser: user, CreationDateTime: now, NoteRef: []qdaRef{{guid("note", n.ID)}}})
			}
			done++
			progress(done, len(b.Statements))
		}
		// Every further report is a selection too, in its own source,
		// coded as its statement is.
		for _, st := range further[src.ID] {
			r, _ := st.ReportIn(src.ID)
			if !hasText {
				continue // the excerpts text holds the statements' own words only
			}
			sel := qdaSelection{GUID: guid("report", st.ID+"/"+src.ID), Name: app.Excerpt(r.Quote, 60),
				Start: r.Start, End: r.End, CreatingUser: user, CreationDateTime: now,
				Description: withMeta("Another report of “"+app.Excerpt(st.Quote, 60)+"”", parleyMeta{Kind: "report", Report: &r, Of: st.ID}),
				NoteRef:     noteRefs[app.Target{Kind: app.TargetStatement, ID: st.ID}]}
			for _, a := range st.Speakers {
				sel.Coding = append(sel.Coding, qdaCoding{GUID: guid("coding", st.ID+"/"+src.ID+"/actor/"+a), CodeRef: qdaRef{guid("actor", a)}})
			}
			for _, pl := range st.Places {
				sel.Coding = append(sel.Coding, qdaCoding{GUID: guid("coding", st.ID+"/"+src.ID+"/place/"+pl), CodeRef: qdaRef{guid("place", pl)}})
			}
			for _, t := range st.Tags {
				sel.Coding = append(sel.Coding, qdaCoding{GUID: guid("coding", st.ID+"/"+src.ID+"/tag/"+t), CodeRef: qdaRef{guid("tag", t)}})
			}
			ts.Selection = append(ts.Selection, sel)
		}
		p.Sources.TextSource = append(p.Sources.TextSource, ts)
		f, err := create("sources/" + g + ".txt")
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, text); err != nil {
			return err
		}
	}
	if len(b.Notes) > 0 {
		p.Notes = &qdaNotes{}
		for _, n := range b.Notes {
			body := n.Body
			human := "Note"
			if len(n.Tags) > 0 {
				human += " #" + strings.Join(n.Tags, " #")
			}
			p.Notes.Note = append(p.Notes.Note, qdaTextSource{GUID: guid("note", n.ID), Name: app.Excerpt(firstLineOf(n.Body), 60),
				CreatingUser: user, CreationDateTime: n.Created.UTC().Format(time.RFC3339), ModifiedDateTime: n.Updated.UTC().Format(time.RFC3339),
				Description: withMeta(human, parleyMeta{Kind: "note", Note: &n}), PlainTextContent: &body})
		}
	}
	f, err := create("project.qde")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(f)
	enc.Indent("", "  ")
	if err := enc.Encode(p); err != nil {
		return err
	}
	return zw.Close()
}

func firstLineOf(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimLeft(line, "# ")
}
