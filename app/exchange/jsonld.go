package exchange

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/user"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
)

// Web Annotation vocabulary (https://www.w3.org/TR/annotation-model/).

type annoCollection struct {
	Context string   `json:"@context"`
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Label   string   `json:"label"`
	Total   int      `json:"total"`
	First   annoPage `json:"first"`
}

type annoPage struct {
	ID         string       `json:"id"` // the model requires one
	Type       string       `json:"type"`
	PartOf     string       `json:"partOf"`
	StartIndex int          `json:"startIndex"`
	Items      []annotation `json:"items"`
}

type annotation struct {
	Context    string     `json:"@context,omitempty"`
	ID         string     `json:"id"`
	Type       string     `json:"type"`
	Motivation string     `json:"motivation"`
	Created    string     `json:"created,omitempty"`
	Modified   string     `json:"modified,omitempty"`
	Creator    annoAgent  `json:"creator"`   // the person whose casebook it is
	Generator  annoAgent  `json:"generator"` // Parley, which wrote it out
	Body       []annoBody `json:"body"`
	Target     annoTarget `json:"target"`
}

type annoAgent struct {
	ID       string `json:"id,omitempty"`
	Type     string `json:"type"`
	Name     string `json:"name"`
	Homepage string `json:"homepage,omitempty"`
}

type annoBody struct {
	ID       string `json:"id,omitempty"` // a body that is a resource of its own
	Type     string `json:"type,omitempty"`
	Value    string `json:"value,omitempty"`
	Format   string `json:"format,omitempty"`
	Purpose  string `json:"purpose"`
	Language string `json:"language,omitempty"`
}

type annoTarget struct {
	Source   string         `json:"source"`
	Scope    string         `json:"scope,omitempty"`
	Selector []annoSelector `json:"selector,omitempty"`
}

type annoSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

const annoContext = "http://www.w3.org/ns/anno.jsonld"

// parleyAgent is the software, as the annotations' generator.
var parleyAgent = annoAgent{ID: "urn:parley:software", Type: "Software", Name: "Parley"}

// urn names an item of the casebook where it has no address of its own.
func urn(kind, id string) string { return "urn:parley:" + kind + ":" + id }

// writeJSONLD writes every note as a Web Annotation: the note as a
// commenting body, each tag as a tagging body, and the words it is on found
// by a TextQuoteSelector (with the words around them where Parley holds the
// text), and by a TextPositionSelector only where the positions count in a
// text that is exported too: Parley's own copy of a source, named by its
// urn, which the REFI-QDA export carries. A source known by its address is
// named by it, and found there by its words alone: positions in Parley's
// copy are not positions in the page at that address.
func writeJSONLD(ctx context.Context, b *Bundle, w io.Writer, progress Progress) error {
	statements := map[string]app.Statement{}
	for _, st := range b.Statements {
		statements[st.ID] = st
	}
	creator := annoAgent{Type: "Person", Name: b.author()}
	const collID = "urn:parley:annotations"
	coll := annoCollection{Context: annoContext, ID: collID, Type: "AnnotationCollection",
		Label: "Parley notes, highlights and the statements' words in their sources",
		First: annoPage{ID: collID + ":page:1", Type: "AnnotationPage", PartOf: collID, Items: []annotation{}}}
	for i, n := range b.Notes {
		if err := cancelled(ctx); err != nil {
			return err
		}
		a := annotation{
			Context: annoContext, ID: urn("note", n.ID), Type: "Annotation", Motivation: "commenting",
			Created: n.Created.UTC().Format(time.RFC3339), Modified: n.Updated.UTC().Format(time.RFC3339),
			Creator: creator, Generator: parleyAgent,
			Body: []annoBody{{Type: "TextualBody", Value: n.Body, Format: "text/markdown", Purpose: "commenting"}},
		}
		if n.Range != nil {
			a.Motivation = "highlighting"
		}
		for _, t := range n.Tags {
			a.Body = append(a.Body, annoBody{Type: "TextualBody", Value: t, Purpose: "tagging"})
		}
		a.Target = b.annoTarget(n, statements)
		coll.First.Items = append(coll.First.Items, a)
		progress(i+1, len(b.Notes))
	}
	// Every report of every statement: the words a source prints, said by
	// the statement's speakers.
	for _, st := range b.Statements {
		if err := cancelled(ctx); err != nil {
			return err
		}
		said := strings.Join(b.names(st.Speakers), " and ") + " said this"
		if n := st.ReportCount(); n > 1 {
			said += fmt.Sprintf(" (one statement, reported by %d sources)", n)
		}
		for _, r := range st.AllReports() {
			coll.First.Items = append(coll.First.Items, annotation{
				Context: annoContext, ID: urn("report", st.ID+"/"+r.Source), Type: "Annotation", Motivation: "identifying",
				Creator: creator, Generator: parleyAgent,
				Body: []annoBody{{Type: "TextualBody", Value: said, Purpose: "identifying"},
					{ID: urn("statement", st.ID), Purpose: "linking"}},
				Target: annoTarget{Source: b.sourceIRI(r.Source), Selector: b.selectors(r.Source, r.Quote, r.Start, r.End)},
			})
		}
	}
	coll.Total = len(coll.First.Items)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(coll)
}

// annoTarget locates what a note is on.
func (b *Bundle) annoTarget(n app.Note, statements map[string]app.Statement) annoTarget {
	switch n.Target.Kind {
	case app.TargetStatement:
		st, ok := statements[n.Target.ID]
		if !ok {
			return annoTarget{Source: urn("statement", n.Target.ID)}
		}
		t := annoTarget{Source: b.sourceIRI(st.Source), Scope: urn("statement", st.ID)}
		start, end := st.Start, st.End
		exact := st.Quote
		if n.Range != nil {
			start, end = st.Start+n.Range.Start, st.Start+n.Range.End
			exact, _ = app.Slice(st.Quote, n.Range.Start, n.Range.End)
		}
		t.Selector = b.selectors(st.Source, exact, start, end)
		return t
	case app.TargetSource:
		t := annoTarget{Source: b.sourceIRI(n.Target.ID)}
		if text, ok := b.Texts[n.Target.ID]; ok && n.Range != nil {
			exact, _ := app.Slice(text, n.Range.Start, n.Range.End)
			t.Selector = b.selectors(n.Target.ID, exact, n.Range.Start, n.Range.End)
		}
		return t
	case app.TargetActor, app.TargetPlace:
		t := annoTarget{Source: urn(string(n.Target.Kind), n.Target.ID)}
		background := b.actor[n.Target.ID].Background
		if n.Target.Kind == app.TargetPlace {
			background = b.place[n.Target.ID].Background
		}
		if n.Range != nil {
			// The background is in no exported text: its words alone.
			exact, _ := app.Slice(background, n.Range.Start, n.Range.End)
			t.Selector = []annoSelector{quoteSelector(background, exact, n.Range.Start, n.Range.End)}
		}
		return t
	}
	return annoTarget{Source: urn(string(n.Target.Kind), n.Target.ID)}
}

func (b *Bundle) sourceIRI(id string) string {
	if s, ok := b.src[id]; ok && s.URL != "" {
		return s.URL
	}
	return urn("source", id)
}

// selectors locates words in a source: by a quote selector always, and by
// a position selector only when the source is named by Parley's urn for
// its text (see writeJSONLD) and that text is held.
func (b *Bundle) selectors(source, exact string, start, end int) []annoSelector {
	text, held := b.Texts[source]
	out := []annoSelector{quoteSelector(text, exact, start, end)}
	if held && b.src[source].URL == "" {
		s, e := start, end
		out = append(out, annoSelector{Type: "TextPositionSelector", Start: &s, End: &e})
	}
	return out
}

// quoteSelector gives the words and, with the text at hand, up to 32
// characters either side of them.
func quoteSelector(text, exact string, start, end int) annoSelector {
	q := annoSelector{Type: "TextQuoteSelector", Exact: exact}
	if text != "" {
		n := app.RuneLen(text)
		q.Prefix, _ = app.Slice(text, max(0, start-32), start)
		q.Suffix, _ = app.Slice(text, end, min(n, end+32))
	}
	return q
}

// author names the person whose casebook it is, for the creator of the
// annotations: the full name of the account Parley runs under, else its
// login name.
func (b *Bundle) author() string {
	if b.Author != "" {
		return b.Author
	}
	if u, err := user.Current(); err == nil {
		if name, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(name) != "" {
			return strings.TrimSpace(name)
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return "Parley user"
}
