package exchange

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
)

// ErrProject marks a .qdpx file Parley cannot import; the message says why.
var ErrProject = errors.New("cannot import project")

func projectErr(name, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrProject, fmt.Sprintf(format, args...))
}

// What a project may hold, checked before and while each part is read, so
// that a hostile archive is refused before it costs much memory or time.
const (
	// MaxProjectFile bounds the .qdpx file itself.
	MaxProjectFile = 256 << 20
	// maxProjectBytes bounds what is unpacked in all: every read counts,
	// so a part referred to by many sources counts as often.
	maxProjectBytes = 256 << 20
	// maxProjectEntry bounds one part: project.qde, or one source's text.
	maxProjectEntry = 64 << 20
	// maxProjectEntries bounds the parts of the archive.
	maxProjectEntries = 100_000
)

// ReadQDPXFile reads a .qdpx file from disk, refusing one too large to be
// a project before reading it, and anything that is not a regular file.
func ReadQDPXFile(path string) (*Project, error) {
	name := filepath.Base(path)
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, projectErr(name, "%v", err)
	case !info.Mode().IsRegular():
		return nil, projectErr(name, "it is not a file (a folder, a pipe or a device)")
	case info.Size() > MaxProjectFile:
		return nil, projectErr(name, "the file is %d MB; Parley imports projects up to %d MB", info.Size()>>20, MaxProjectFile>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, projectErr(name, "%v", err)
	}
	return ReadQDPX(name, data)
}

// Project is a REFI-QDA project read for import.
type Project struct {
	Name string
	// Case holds the items of a project Parley exported, as they were.
	Case app.Case
	// Articles are the text sources of a project made elsewhere, imported
	// as articles: their quotations are found afresh.
	Articles []ingest.Document
	// Skipped counts coded selections of other programs, which are not
	// statements Parley can take over.
	Skipped int
	// Kept and Dropped say, a line each, what of another program's
	// project Parley keeps (as a source standing for the project, with
	// notes on it) and what it leaves out, and why.
	Kept, Dropped []string
	// Base holds, by KIND:ID, the items of a Parley export as exported,
	// where the project (edited in another program) has them otherwise;
	// Changes says what the edits were.
	Base    map[string]any
	Changes map[string][]string
}

// ReadQDPX reads a .qdpx project (a zip with project.qde and its sources).
func ReadQDPX(name string, data []byte) (*Project, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, projectErr(name, "not a REFI-QDA project (.qdpx is a zip file): %v", err)
	}
	if len(zr.File) > maxProjectEntries {
		return nil, projectErr(name, "it holds %d parts; a project holds up to %d", len(zr.File), maxProjectEntries)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(path.Clean(f.Name))] = f
	}
	// Every read is counted against one budget, checked against what each
	// part says it unpacks to before it is opened and again as it is read
	// (a part may say less than it holds).
	budget := int64(maxProjectBytes)
	read := func(f *zip.File) ([]byte, error) {
		if f.UncompressedSize64 > maxProjectEntry {
			return nil, fmt.Errorf("%s unpacks to %d MB; a part of a project may hold up to %d MB", f.Name, f.UncompressedSize64>>20, maxProjectEntry>>20)
		}
		if int64(f.UncompressedSize64) > budget {
			return nil, fmt.Errorf("it unpacks to more than the %d MB Parley reads of a project (a part is referred to many times, or there are too many)", maxProjectBytes>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		limit := min(int64(maxProjectEntry), budget)
		b, err := io.ReadAll(io.LimitReader(rc, limit+1))
		if err != nil {
			return nil, fmt.Errorf("%s is damaged: %v", f.Name, err)
		}
		if int64(len(b)) > limit {
			return nil, fmt.Errorf("%s unpacks to more than it says, past the limit of %d MB", f.Name, limit>>20)
		}
		budget -= int64(len(b))
		return b, nil
	}
	qde, ok := files["project.qde"]
	if !ok {
		return nil, projectErr(name, "there is no project.qde in it")
	}
	raw, err := read(qde)
	if err != nil {
		return nil, projectErr(name, "project.qde: %v", err)
	}
	var p qdaProject
	xd, err := xmlDecoder(raw)
	if err != nil {
		return nil, projectErr(name, "project.qde: %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(xd.raw))
	dec.CharsetReader = xd.charset
	if err := dec.Decode(&p); err != nil {
		return nil, projectErr(name, "project.qde is not QDA-XML: %v", oneLineErr(err))
	}
	if p.XMLName.Space != qdaNamespace {
		return nil, projectErr(name, "project.qde is in namespace %q, not %s", p.XMLName.Space, qdaNamespace)
	}
	out := &Project{Name: p.Name, Case: app.Case{Texts: map[string]string{}}}

	// Codes: our own carry their actor or place; another program's are
	// kept as the tags of a note, with their tree in its text.
	codes := 0
	var foreign foreignParts
	ours := isParleyProject(&p) // its grouping codes carry no Parley data
	edits := newParleyEdits()
	var walk func(cs []qdaCode, depth int, group string)
	walk = func(cs []qdaCode, depth int, group string) {
		for _, c := range cs {
			codes++
			human, m := readMeta(c.Description)
			target := app.Target{}
			switch {
			case ours && parleyGroups[c.GUID] != "":
				walk(c.Code, depth+1, parleyGroups[c.GUID])
				continue
			case m != nil && m.Kind == "actor" && m.Actor != nil:
				out.Case.Actors = append(out.Case.Actors, *m.Actor)
				edits.codes[c.GUID] = codeMeaning{kind: "actor", id: m.Actor.ID}
				target = app.Target{Kind: app.TargetActor, ID: m.Actor.ID}
			case m != nil && m.Kind == "place" && m.Place != nil:
				out.Case.Places = append(out.Case.Places, *m.Place)
				edits.codes[c.GUID] = codeMeaning{kind: "place", id: m.Place.ID}
				target = app.Target{Kind: app.TargetPlace, ID: m.Place.ID}
			case m != nil && m.Kind == "tag" && m.Tag != "":
				edits.codes[c.GUID] = codeMeaning{kind: "tag", id: m.Tag}
			case m != nil && m.Kind == "event" && m.Coding != nil:
				edits.codes[c.GUID] = codeMeaning{kind: "event", id: c.Name, coding: m.Coding}
			case m == nil && !ours:
				foreign.code(c.Name, human, depth)
			default:
				edits.pending = append(edits.pending, pendingCode{c.GUID, c.Name, group})
			}
			if target.Kind != "" {
				for _, r := range c.NoteRef {
					edits.noteTargets[r.TargetGUID] = target
				}
			}
			walk(c.Code, depth+1, group)
		}
	}
	if p.CodeBook != nil {
		walk(p.CodeBook.Codes.Code, 0, "")
	}
	edits.resolve(&out.Case)
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			if _, m := readMeta(n.Description); m != nil && m.Note != nil {
				edits.ourNotes[n.GUID] = true
			}
		}
	}
	var sources []qdaTextSource
	others := 0
	if p.Sources != nil {
		sources = p.Sources.TextSource
		others = len(p.Sources.Other)
	}
	// What the references say they unpack to, all together, before any is
	// read: a project that names one large part many times is refused at
	// once.
	var promised uint64
	for _, ts := range sources {
		if f := sourceFile(ts, files); f != nil {
			promised += f.UncompressedSize64
		}
	}
	if promised > maxProjectBytes {
		return nil, projectErr(name, "its sources unpack to %d MB in all, more than the %d MB Parley reads of a project (a part may be referred to many times)", promised>>20, maxProjectBytes>>20)
	}
	for _, ts := range sources {
		text, err := sourceText(ts, files, read)
		if err != nil {
			return nil, projectErr(name, "source %q: %v", ts.Name, err)
		}
		_, m := readMeta(ts.Description)
		if m == nil || m.Source == nil {
			// A text from another program: an article to read afresh.
			doc, err := ingest.Read(firstNonEmpty(ts.Name, "source")+".txt", []byte(text))
			if err != nil {
				return nil, projectErr(name, "source %q: %v", ts.Name, err)
			}
			if ts.Name != "" {
				doc.Title = ts.Name
			}
			out.Articles = append(out.Articles, doc)
			out.Skipped += len(ts.Selection)
			for _, v := range ts.VariableValue {
				foreign.values = append(foreign.values, fmt.Sprintf("%s: %s = %s", firstNonEmpty(ts.Name, "a source"), varName(p, v.Ref.TargetGUID), v.value()))
			}
			continue
		}
		src := *m.Source
		if !m.Excerpts {
			out.Case.Texts[src.ID] = app.CanonicalText(text)
		}
		out.Case.Sources = append(out.Case.Sources, src)
		for _, r := range ts.NoteRef {
			if !edits.ourNotes[r.TargetGUID] {
				edits.noteTargets[r.TargetGUID] = app.Target{Kind: app.TargetSource, ID: src.ID}
			}
		}
		for _, sel := range ts.Selection {
			human, sm := readMeta(sel.Description)
			switch {
			case sm != nil && sm.Statement != nil:
				out.Case.Statements = append(out.Case.Statements, edits.statement(*sm.Statement, sel, human, out))
			case sm != nil:
				// A further report: its statement carries it.
			case highlightOf(sel, edits.ourNotes):
				// A note's highlight: the note carries its range.
			case !m.Excerpts:
				edits.passage(out, src, text, sel)
			default:
				out.Dropped = append(out.Dropped, fmt.Sprintf("a passage coded in %q, which holds only Parley's quotations, not the article", src.Title))
			}
		}
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			human, m := readMeta(n.Description)
			if m != nil && m.Note != nil {
				note := *m.Note
				// A program that keeps a note's text elsewhere, or not at
				// all, has not edited it.
				if n.PlainTextContent != nil || n.PlainTextPath != "" {
					text, err := sourceText(n, files, read)
					if err != nil {
						return nil, projectErr(name, "note %q: %v", n.Name, err)
					}
					note = edits.note(note, text, n.ModifiedDateTime)
				}
				out.Case.Notes = append(out.Case.Notes, note)
			} else if target, ok := edits.noteTargets[n.GUID]; ok {
				text, err := sourceText(n, files, read)
				if err != nil {
					return nil, projectErr(name, "note %q: %v", n.Name, err)
				}
				if body := memoBody(n.Name, human, text); body != "" {
					edits.newNote(out, n.GUID, target, body, nil, firstNonEmpty(n.CreationDateTime, n.ModifiedDateTime))
				}
			} else {
				text, err := sourceText(n, files, read)
				if err != nil {
					return nil, projectErr(name, "note %q: %v", n.Name, err)
				}
				foreign.notes = append(foreign.notes, [2]string{n.Name, strings.TrimSpace(strings.Join([]string{human, text}, "\n\n"))})
			}
		}
	}
	if p.Cases != nil {
		for _, c := range p.Cases.Case {
			foreign.cases = append(foreign.cases, describeGroup(p, c))
		}
	}
	if p.Sets != nil {
		for _, c := range p.Sets.Set {
			foreign.sets = append(foreign.sets, describeGroup(p, c))
		}
	}
	if p.Variables != nil && !ours && len(foreign.values) == 0 && len(foreign.cases) == 0 {
		for _, v := range p.Variables.Variable {
			foreign.values = append(foreign.values, fmt.Sprintf("variable %s (%s) with no values", v.Name, v.Type))
		}
	}
	foreign.keep(out, &p)
	out.Base, out.Changes = edits.base, edits.changes
	if n := edits.unread; n[0] > 0 {
		out.Dropped = append(out.Dropped, fmt.Sprintf("the codes of %d quotations, as the project has them: %d of their codings refer to codes it does not list (renamed or lost by the program that wrote it), so those statements keep the codes they have", n[0], n[1]))
	}
	if others > 0 {
		out.Dropped = append(out.Dropped, fmt.Sprintf("%d pictures, PDFs, audio or video sources: Parley reads text", others))
	}
	if out.Skipped > 0 {
		out.Dropped = append(out.Dropped, fmt.Sprintf("%d selections coded in the other program: they are not statements; Parley finds the statements of its text sources afresh", out.Skipped))
	}
	if len(out.Case.Sources) == 0 && len(out.Articles) == 0 && len(out.Case.Actors) == 0 {
		why := fmt.Sprintf("the project holds %d codes and no text sources", codes)
		if others > 0 {
			why = fmt.Sprintf("the project's %d sources are pictures, PDFs, audio or video, not text", others)
		}
		return nil, projectErr(name, "%s; Parley imports the text sources of a project, so there is nothing to take", why)
	}
	if err := app.Validate(out.Case); err != nil {
		return nil, projectErr(name, "the Parley data in it does not hold together: %v", oneLineErr(err))
	}
	return out, nil
}

// sourceFile is the part of the archive a text source refers to, nil when
// it has its text inline or names no part there.
func sourceFile(ts qdaTextSource, files map[string]*zip.File) *zip.File {
	if ts.PlainTextContent != nil {
		return nil
	}
	rest, ok := strings.CutPrefix(ts.PlainTextPath, "internal://")
	if !ok {
		return nil
	}
	return files[strings.ToLower(path.Clean("sources/"+rest))]
}

// sourceText reads a text source's text: inline, or from the project's
// sources folder. Paths outside the project are not followed.
func sourceText(ts qdaTextSource, files map[string]*zip.File, read func(*zip.File) ([]byte, error)) (string, error) {
	if ts.PlainTextContent != nil {
		return *ts.PlainTextContent, nil
	}
	rest, ok := strings.CutPrefix(ts.PlainTextPath, "internal://")
	if !ok {
		return "", fmt.Errorf("its text is outside the project (%q)", ts.PlainTextPath)
	}
	f, ok := files[strings.ToLower(path.Clean("sources/"+rest))]
	if !ok {
		return "", fmt.Errorf("its text sources/%s is missing", rest)
	}
	b, err := read(f)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// ImportResult says what a project import filed.
type ImportResult struct {
	Statements int `json:"statements"`
	Notes      int `json:"notes"`
	Sources    int `json:"sources"`
	Actors     int `json:"actors"`
	Articles   int `json:"articles"`
	Skipped    int `json:"skipped_selections"`
	// Kept and Dropped say what of another program's project was kept as
	// notes, and what was left out and why (see Project).
	Kept    []string `json:"kept,omitempty"`
	Dropped []string `json:"dropped,omitempty"`
	// Edited says, a line each, what the work done on a Parley export in
	// another program changed in the casebook's items.
	Edited []string `json:"edited,omitempty"`
	// Replaced names the items the project replaced (with Replace), and
	// Previous where the casebook before it is kept.
	Replaced []string `json:"replaced,omitempty"`
	Previous string   `json:"previous,omitempty"`
}

// ImportOptions say how a project is filed.
type ImportOptions struct {
	// Replace takes the project's version of the items the casebook holds
	// under the same ids with other contents; without it such a project is
	// refused, with those items named.
	Replace bool
}

// ErrCollision marks a project whose items would replace the casebook's.
var ErrCollision = errors.New("the project would replace items of this casebook")

// ImportProject files a project: Parley's own items, and the articles of
// other programs through the article importer, each in its own transaction.
// Items the casebook holds already under the same ids are never silently
// replaced: identical ones are left, and other ones refuse the import unless
// opt.Replace is set; then the whole import is made on a copy of the
// casebook that takes its place at once, the casebook before kept beside it.
func ImportProject(s app.Store, p *Project, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{Skipped: p.Skipped, Kept: p.Kept, Dropped: p.Dropped}
	clashes, edits, err := collisions(s, p)
	if err != nil {
		return res, err
	}
	res.Edited = editLines(p, edits)
	if len(clashes) > 0 && !opt.Replace {
		shown := clashes[:min(len(clashes), 5)]
		more := ""
		if len(clashes) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(clashes)-len(shown))
		}
		return res, fmt.Errorf("%w: %d of its items have the ids of items here, with other contents (%s%s); import it with replace to take the project's versions (the casebook before is kept)",
			ErrCollision, len(clashes), strings.Join(shown, ", "), more)
	}
	if len(clashes) > 0 {
		amender, ok := s.(app.Amender)
		if !ok {
			return res, errors.New("this casebook cannot take a project's versions in one step")
		}
		res.Replaced = clashes
		previous, err := amender.Amend("import", func(copy app.Store) error {
			var err error
			res, err = fileProject(copy, p, res)
			return err
		})
		res.Previous = previous
		return res, err
	}
	return fileProject(s, p, res)
}

// fileProject writes a project's items and imports its articles.
func fileProject(s app.Store, p *Project, res ImportResult) (ImportResult, error) {
	if len(p.Case.Sources)+len(p.Case.Actors)+len(p.Case.Places) > 0 {
		if err := s.CheckRoom(caseSize(p.Case)); err != nil {
			return res, err
		}
		err := s.Update(func(tx app.Tx) error { return app.PutCase(tx, p.Case) })
		if errors.Is(err, app.ErrTooBig) {
			err = app.LoadCase(s, p.Case, 500)
		}
		if err != nil {
			return res, err
		}
		res.Statements, res.Notes, res.Sources, res.Actors = len(p.Case.Statements), len(p.Case.Notes), len(p.Case.Sources), len(p.Case.Actors)
	}
	for _, doc := range p.Articles {
		prop, err := importer.Propose(s, doc, importer.Meta{})
		if err != nil {
			return res, err
		}
		r, err := importer.Commit(s, prop)
		if err != nil {
			return res, err
		}
		res.Articles++
		res.Statements += r.Statements
	}
	return res, nil
}

// caseSize is about what writing a case takes on disk.
func caseSize(c app.Case) int64 {
	n := int64(0)
	for _, t := range c.Texts {
		n += int64(len(t))
	}
	return n + 2000*int64(len(c.Statements)+len(c.Notes)+len(c.Actors)+len(c.Places)+len(c.Sources))
}

// collisions names the items of the project that the store holds under
// the same ids with other contents, as KIND:ID; an item the store holds as
// a Parley export had it, which the project edits, is no collision. edits
// names the items the project's edits change here: those it adds, and
// those the store holds as exported.
func collisions(r app.Reader, p *Project) (clashes, edits []string, err error) {
	check := func(kind, id string, have any, err error, want any) error {
		key := kind + ":" + id
		_, changed := p.Changes[key]
		switch {
		case errors.Is(err, app.ErrNotFound):
			if changed {
				edits = append(edits, key)
			}
		case err != nil:
			return err
		case reflect.DeepEqual(have, want):
		case changed && p.Base[key] != nil && reflect.DeepEqual(have, p.Base[key]):
			edits = append(edits, key)
		default:
			clashes = append(clashes, key)
		}
		return nil
	}
	c := p.Case
	for _, a := range c.Actors {
		have, err := r.Actor(a.ID)
		if err := check("actor", a.ID, have, err, a); err != nil {
			return nil, nil, err
		}
	}
	for _, pl := range c.Places {
		have, err := r.Place(pl.ID)
		if err := check("place", pl.ID, have, err, pl); err != nil {
			return nil, nil, err
		}
	}
	for _, src := range c.Sources {
		have, err := r.Source(src.ID)
		if err := check("source", src.ID, have, err, src); err != nil {
			return nil, nil, err
		}
	}
	for _, st := range c.Statements {
		have, err := r.Statement(st.ID)
		if err := check("statement", st.ID, have, err, st); err != nil {
			return nil, nil, err
		}
	}
	for _, n := range c.Notes {
		have, err := r.Note(n.ID)
		if err == nil {
			// Times come back from JSON without their monotonic part.
			have.Created, have.Updated = have.Created.UTC(), have.Updated.UTC()
			n.Created, n.Updated = n.Created.UTC(), n.Updated.UTC()
		}
		if err := check("note", n.ID, have, err, n); err != nil {
			return nil, nil, err
		}
	}
	return clashes, edits, nil
}

// editLines says what the edits of the named items change.
func editLines(p *Project, keys []string) []string {
	var out []string
	for _, key := range keys {
		kind, id, _ := strings.Cut(key, ":")
		for _, line := range p.Changes[key] {
			out = append(out, fmt.Sprintf("%s %s: %s", kind, id, line))
		}
	}
	return out
}

func oneLineErr(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// foreignParts are what another program's project holds that Parley has no
// item for: its codes (their tree), memos and notes, the values of its
// variables, its cases and sets.
type foreignParts struct {
	tree   strings.Builder
	names  []string
	notes  [][2]string // name, text
	values []string
	cases  []string
	sets   []string
}

func (f *foreignParts) code(name, description string, depth int) {
	f.names = append(f.names, name)
	fmt.Fprintf(&f.tree, "%s- %s", strings.Repeat("  ", depth), name)
	if d := strings.TrimSpace(description); d != "" {
		fmt.Fprintf(&f.tree, ": %s", strings.Join(strings.Fields(d), " "))
	}
	f.tree.WriteString("\n")
}

// keep files what another program's project holds beyond its texts: a
// source standing for the project (no text, its name and program), a note
// on it whose tags are the project's codes and whose text is their tree,
// a note for each memo or note of the project, and one for its variables,
// cases and sets. Ids and dates come from the project, so that importing
// it again finds them the same and files nothing twice.
func (f *foreignParts) keep(out *Project, p *qdaProject) {
	if len(f.names)+len(f.notes)+len(f.values)+len(f.cases)+len(f.sets) == 0 {
		return
	}
	h := sha1.Sum([]byte(p.Name + "\x00" + p.Origin + "\x00" + p.CreationDateTime))
	id := fmt.Sprintf("qdpx-%x", h[:6])
	when, err := time.Parse(time.RFC3339, firstNonEmpty(p.ModifiedDateTime, p.CreationDateTime))
	if err != nil {
		when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	src := app.Source{ID: id, Title: "REFI-QDA project " + firstNonEmpty(p.Name, "without a name"), Outlet: p.Origin,
		Published: when.UTC().Format("2006-01-02"), DatePrecision: app.PrecisionDay,
		Context: "What the project held beyond its texts: its codes, notes, variables, cases and sets, kept as notes on this source."}
	out.Case.Sources = append(out.Case.Sources, src)
	n := 0
	note := func(body string, tags []string) {
		n++
		out.Case.Notes = append(out.Case.Notes, app.Note{ID: fmt.Sprintf("%s-n%d", id, n), Target: app.Target{Kind: app.TargetSource, ID: id},
			Body: body, Tags: app.CleanTags(tags), Created: when, Updated: when})
	}
	if len(f.names) > 0 {
		note("Codes of the project, as it grouped them (each is a tag of this note):\n\n"+f.tree.String(), f.names)
		out.Kept = append(out.Kept, fmt.Sprintf("%d codes, as the tags of a note on the source %q", len(f.names), src.Title))
	}
	for _, nt := range f.notes {
		note(strings.TrimSpace(firstNonEmpty(nt[0], "Note")+"\n\n"+nt[1]), nil)
	}
	if len(f.notes) > 0 {
		out.Kept = append(out.Kept, fmt.Sprintf("%d memos and notes, as notes on the same source", len(f.notes)))
	}
	var parts []string
	for _, g := range []struct {
		title string
		lines []string
	}{{"Variables", f.values}, {"Cases", f.cases}, {"Sets", f.sets}} {
		if len(g.lines) > 0 {
			parts = append(parts, g.title+":\n\n- "+strings.Join(g.lines, "\n- "))
			out.Kept = append(out.Kept, fmt.Sprintf("%d %s, in a note on the same source", len(g.lines), strings.ToLower(g.title)))
		}
	}
	if len(parts) > 0 {
		note(strings.Join(parts, "\n\n"), nil)
	}
}

// varName is the name of a project's variable by its GUID.
func varName(p qdaProject, guid string) string {
	if p.Variables != nil {
		for _, v := range p.Variables.Variable {
			if v.GUID == guid {
				return v.Name
			}
		}
	}
	return "a variable"
}

// describeGroup tells a case or a set in a line: its name, description,
// values and how many members it has.
func describeGroup(p qdaProject, g qdaGroup) string {
	line := firstNonEmpty(g.Name, "without a name")
	if d := strings.Join(strings.Fields(g.Description), " "); d != "" {
		line += ": " + d
	}
	for _, v := range g.Values {
		line += fmt.Sprintf("; %s = %s", varName(p, v.Ref.TargetGUID), v.value())
	}
	if len(g.Members) > 0 {
		line += fmt.Sprintf(" (%d members)", len(g.Members))
	}
	return line
}
