package exchange

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/fold"
)

// A project Parley exported may come back from a QDA program with work done
// in it: codes applied to or taken off quotations, memos edited or written,
// new passages coded. Each of Parley's items in the project carries the
// item as it was exported (its "Parley data"); what the project says now,
// against that, is the edit, applied to the item so the import files the
// item as edited rather than a copy of it.

// The groups of codes a Parley export writes, by GUID, and what a code
// under each stands for.
var parleyGroups = map[string]string{
	guid("group", "actors"):     "actor",
	guid("group", "recipients"): "recipient",
	guid("group", "events"):     "event",
	guid("group", "places"):     "place",
	guid("group", "tags"):       "tag",
}

// codeMeaning is what applying a code to a quotation says of its statement.
type codeMeaning struct {
	kind   string // actor, recipient, place, tag or event
	id     string // the actor's or place's id, the tag, or the event code's name
	coding *app.Coding
}

// parleyEdits reads the edits in a project Parley exported.
type parleyEdits struct {
	codes map[string]codeMeaning
	// pending are the codes made in the other program, resolved once all
	// actors and places are read.
	pending []pendingCode
	// noteTargets says what a note written in the other program is on,
	// by the note's GUID: the item whose element refers to it.
	noteTargets map[string]app.Target
	// ourNotes are the GUIDs of the notes Parley exported.
	ourNotes map[string]bool
	// base holds the exported version of every item the project edits,
	// by KIND:ID; changes says, a line each, what the edits were.
	base    map[string]any
	changes map[string][]string
	// unread counts the quotations, and their codings, whose codings
	// were left unread because some refer to codes the project lacks.
	unread [2]int
}

type pendingCode struct {
	guid, name, group string
}

func newParleyEdits() *parleyEdits {
	return &parleyEdits{codes: map[string]codeMeaning{}, noteTargets: map[string]app.Target{},
		ourNotes: map[string]bool{}, base: map[string]any{}, changes: map[string][]string{}}
}

// isParleyProject tells a project Parley wrote, even when another program
// has written it out again under its own name.
func isParleyProject(p *qdaProject) bool {
	if p.Origin == "Parley" {
		return true
	}
	if p.CodeBook != nil {
		for _, c := range p.CodeBook.Codes.Code {
			if parleyGroups[c.GUID] != "" {
				return true
			}
		}
	}
	return false
}

// resolve says what the codes made in the other program stand for: a code
// under Speakers or Recipients named as an actor is that actor, under
// Places named as a place that place; any other is a tag of its name.
func (e *parleyEdits) resolve(c *app.Case) {
	actors, places := map[string]string{}, map[string]string{}
	for _, a := range c.Actors {
		actors[fold.String(a.Name)] = a.ID
		e.codes[guid("recipient", a.ID)] = codeMeaning{kind: "recipient", id: a.ID}
	}
	for _, p := range c.Places {
		places[fold.String(p.Name)] = p.ID
	}
	for _, pc := range e.pending {
		if _, ok := e.codes[pc.guid]; ok {
			continue
		}
		name := strings.Join(strings.Fields(pc.name), " ")
		m := codeMeaning{kind: "tag", id: name}
		switch id := actors[fold.String(name)]; {
		case pc.group == "actor" && id != "":
			m = codeMeaning{kind: "actor", id: id}
		case pc.group == "recipient" && id != "":
			m = codeMeaning{kind: "recipient", id: id}
		case pc.group == "place" && places[fold.String(name)] != "":
			m = codeMeaning{kind: "place", id: places[fold.String(name)]}
		case pc.group == "event":
			m = codeMeaning{kind: "event", id: name}
		}
		if name != "" {
			e.codes[pc.guid] = m
		}
	}
}

// statement applies the codings of an exported statement's selection, and
// files its comment and new notes; it returns the statement as edited.
func (e *parleyEdits) statement(st app.Statement, sel qdaSelection, human string, out *Project) app.Statement {
	base := st
	var speakers, recipients, places, tags []string
	var events []codeMeaning
	var unknown []string
	for _, c := range sel.Coding {
		m, ok := e.codes[c.CodeRef.TargetGUID]
		switch {
		case !ok:
			unknown = append(unknown, c.CodeRef.TargetGUID)
		case m.kind == "actor":
			speakers = append(speakers, m.id)
		case m.kind == "recipient":
			recipients = append(recipients, m.id)
		case m.kind == "place":
			places = append(places, m.id)
		case m.kind == "tag":
			tags = append(tags, m.id)
		case m.kind == "event":
			events = append(events, m)
		}
	}
	key := "statement:" + st.ID
	var lines []string
	say := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	switch {
	case len(unknown) > 0:
		// Codings to codes the project does not hold: the program has
		// renamed its codes' GUIDs, or lost some. Read as they stand they
		// would take everything off; the statement keeps its own.
		e.unread[0]++
		e.unread[1] += len(unknown)
	default:
		if len(speakers) == 0 {
			// A statement has a speaker; taking off every one is not an
			// edit Parley can file.
			speakers = st.Speakers
			say("its speakers kept: the project's quotation has no speaker code")
		}
		st.Speakers = edited(st.Speakers, speakers, "speaker", say)
		st.Recipients = edited(st.Recipients, recipients, "recipient", say)
		st.Places = edited(st.Places, places, "place", say)
		st.Tags = app.CleanTags(edited(st.Tags, tags, "tag", say))
		st.Coding = e.eventEdit(st.Coding, events, say)
	}
	// The selection's description is the statement's context; text the
	// other program's user wrote there is a comment, kept as a note.
	if comment := strings.TrimSpace(human); comment != "" && squash(comment) != squash(st.Context) {
		body := comment
		if rest, ok := strings.CutPrefix(squash(comment), squash(st.Context)); ok && st.Context != "" {
			body = strings.TrimSpace(rest)
		}
		if body != "" {
			e.newNote(out, sel.GUID+"/comment", app.Target{Kind: app.TargetStatement, ID: st.ID}, "Comment from the QDA project: "+body, nil, sel.CreationDateTime)
			say("a comment on the quotation kept as a note")
		}
	}
	for _, r := range sel.NoteRef {
		if !e.ourNotes[r.TargetGUID] {
			e.noteTargets[r.TargetGUID] = app.Target{Kind: app.TargetStatement, ID: st.ID}
		}
	}
	if len(lines) > 0 {
		e.base[key] = base
		e.changes[key] = append(e.changes[key], lines...)
	}
	return st
}

// edited is a list of ids as the project codes it: those kept in their
// order, then those added; each change said.
func edited(was, now []string, what string, say func(string, ...any)) []string {
	if sameSet(was, now) {
		return was
	}
	out := []string{}
	for _, id := range was {
		if slices.Contains(now, id) {
			out = append(out, id)
		} else {
			say("%s %q taken off", what, id)
		}
	}
	for _, id := range now {
		if !slices.Contains(out, id) {
			out = append(out, id)
			say("%s %q added", what, id)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// eventEdit is a statement's coding as the project's event codes on its
// quotation say: the code of a CAMEO code or a category, which carries the
// coding it stands for; none where the exported one was taken off (the
// coding stays, as a suggestion).
func (e *parleyEdits) eventEdit(c app.Coding, events []codeMeaning, say func(string, ...any)) app.Coding {
	var was []string
	if c.Confirmed {
		if c.Category != "" {
			was = append(was, c.Category)
		}
		if c.CAMEO != "" {
			was = append(was, "CAMEO "+c.CAMEO)
		}
	}
	var now []string
	var coding *app.Coding
	for _, m := range events {
		now = append(now, m.id)
		// A CAMEO code says more than its category: it wins.
		if m.coding != nil && (coding == nil || coding.CAMEO == "") {
			coding = m.coding
		}
	}
	if sameSet(was, now) {
		return c
	}
	switch {
	case len(now) == 0:
		say("event code %s taken off (kept as a suggestion)", strings.Join(was, ", "))
		c.Confirmed, c.By = false, ""
		return c
	case coding == nil:
		say("event code %s left out: Parley knows the codes its export listed, and this is not one", strings.Join(now, ", "))
		return c
	}
	say("event coded %s", eventName(*coding))
	return *coding
}

func eventName(c app.Coding) string {
	return strings.TrimSpace(c.Category + " CAMEO " + c.CAMEO)
}

// note applies the project's text of a note Parley exported.
func (e *parleyEdits) note(n app.Note, text string, modified string) app.Note {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == strings.TrimSpace(n.Body) {
		return n
	}
	key := "note:" + n.ID
	n.Created, n.Updated = n.Created.UTC(), n.Updated.UTC()
	e.base[key] = n
	n.Body = text
	if t, err := time.Parse(time.RFC3339, modified); err == nil && t.After(n.Updated) {
		n.Updated = t.UTC()
	} else {
		// Still later than before, and the same at every import.
		n.Updated = n.Updated.Add(time.Second)
	}
	e.changes[key] = append(e.changes[key], "its text edited")
	return n
}

// newNote files text written in the other program as a note on a Parley
// item; its id comes from the project, so that a second import finds it.
func (e *parleyEdits) newNote(out *Project, from string, t app.Target, body string, tags []string, created string) {
	h := sha1.Sum([]byte(from))
	when, err := time.Parse(time.RFC3339, created)
	if err != nil {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	n := app.Note{ID: fmt.Sprintf("n-qda-%x", h[:8]), Target: t, Body: body, Tags: app.CleanTags(tags), Created: when.UTC(), Updated: when.UTC()}
	out.Case.Notes = append(out.Case.Notes, n)
	key := "note:" + n.ID
	e.changes[key] = append(e.changes[key], fmt.Sprintf("new, on %s %s", t.Kind, t.ID))
}

// passage files a passage coded in the other program in one of Parley's
// sources as a note on that source: its words, with its codes as tags.
func (e *parleyEdits) passage(out *Project, src app.Source, text string, sel qdaSelection) {
	runes := []rune(text)
	if sel.Start < 0 || sel.End > len(runes) || sel.Start >= sel.End {
		return
	}
	var tags []string
	for _, c := range sel.Coding {
		if m, ok := e.codes[c.CodeRef.TargetGUID]; ok {
			tags = append(tags, m.id)
		}
	}
	words := strings.TrimSpace(string(runes[sel.Start:sel.End]))
	body := fmt.Sprintf("Passage coded in the QDA project (characters %d–%d):\n\n> %s", sel.Start, sel.End, strings.ReplaceAll(words, "\n", "\n> "))
	if human, _ := readMeta(sel.Description); strings.TrimSpace(human) != "" {
		body += "\n\n" + strings.TrimSpace(human)
	}
	e.newNote(out, sel.GUID, app.Target{Kind: app.TargetSource, ID: src.ID}, body, tags, sel.CreationDateTime)
	for _, r := range sel.NoteRef {
		if !e.ourNotes[r.TargetGUID] {
			e.noteTargets[r.TargetGUID] = app.Target{Kind: app.TargetSource, ID: src.ID}
		}
	}
}

// squash is text with its runs of white space as single spaces, as
// programs that rewrite a description leave it.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// highlightOf tells the selection Parley writes for a note's highlight: no
// data of its own, and a reference to a note Parley exported.
func highlightOf(sel qdaSelection, ourNotes map[string]bool) bool {
	if len(sel.Coding) > 0 || len(sel.NoteRef) == 0 {
		return false
	}
	for _, r := range sel.NoteRef {
		if !ourNotes[r.TargetGUID] {
			return false
		}
	}
	return true
}

// memoBody is a memo's text for a note: its name where the text does not
// begin with it, its description, its text.
func memoBody(name, description, text string) string {
	var parts []string
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if name = strings.TrimSpace(name); name != "" && !strings.HasPrefix(text, name) {
		parts = append(parts, name)
	}
	if d := strings.TrimSpace(strings.ReplaceAll(description, "\r\n", "\n")); d != "" {
		parts = append(parts, d)
	}
	if text != "" {
		parts = append(parts, text)
	}
	return strings.Join(parts, "\n\n")
}
