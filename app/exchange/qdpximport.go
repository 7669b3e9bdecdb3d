package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
)

// ErrProject marks a .qdpx file Parley cannot import; the message says why.
var ErrProject = errors.New("cannot import project")

func projectErr(name, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrProject, fmt.Sprintf(format, args...))
}

// maxProjectBytes bounds what a project may unpack to.
const maxProjectBytes = 256 << 20

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
}

// ReadQDPX reads a .qdpx project (a zip with project.qde and its sources).
func ReadQDPX(name string, data []byte) (*Project, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, projectErr(name, "not a REFI-QDA project (.qdpx is a zip file): %v", err)
	}
	files := map[string]*zip.File{}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		files[strings.ToLower(path.Clean(f.Name))] = f
	}
	if total > maxProjectBytes {
		return nil, projectErr(name, "it unpacks to %d MB, more than Parley imports", total>>20)
	}
	read := func(f *zip.File) ([]byte, error) {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, maxProjectBytes))
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
	dec := xml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&p); err != nil {
		return nil, projectErr(name, "project.qde is not QDA-XML: %v", oneLineErr(err))
	}
	if p.XMLName.Space != qdaNamespace {
		return nil, projectErr(name, "project.qde is in namespace %q, not %s", p.XMLName.Space, qdaNamespace)
	}
	out := &Project{Name: p.Name, Case: app.Case{Texts: map[string]string{}}}

	// Codes: our own carry their actor or place.
	codes := 0
	var walk func([]qdaCode)
	walk = func(cs []qdaCode) {
		for _, c := range cs {
			codes++
			if _, m := readMeta(c.Description); m != nil {
				switch {
				case m.Kind == "actor" && m.Actor != nil:
					out.Case.Actors = append(out.Case.Actors, *m.Actor)
				case m.Kind == "place" && m.Place != nil:
					out.Case.Places = append(out.Case.Places, *m.Place)
				}
			}
			walk(c.Code)
		}
	}
	if p.CodeBook != nil {
		walk(p.CodeBook.Codes.Code)
	}
	var sources []qdaTextSource
	others := 0
	if p.Sources != nil {
		sources = p.Sources.TextSource
		others = len(p.Sources.Other)
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
			continue
		}
		src := *m.Source
		if !m.Excerpts {
			out.Case.Texts[src.ID] = app.CanonicalText(text)
		}
		out.Case.Sources = append(out.Case.Sources, src)
		for _, sel := range ts.Selection {
			if _, sm := readMeta(sel.Description); sm != nil && sm.Statement != nil {
				out.Case.Statements = append(out.Case.Statements, *sm.Statement)
			}
		}
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			if _, m := readMeta(n.Description); m != nil && m.Note != nil {
				out.Case.Notes = append(out.Case.Notes, *m.Note)
			}
		}
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
}

// ImportProject files a project: Parley's own items in one transaction,
// replacing items with the same ids, and articles of other programs
// through the article importer, each in its own.
func ImportProject(s app.Store, p *Project) (ImportResult, error) {
	res := ImportResult{Skipped: p.Skipped}
	if len(p.Case.Sources)+len(p.Case.Actors)+len(p.Case.Places) > 0 {
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
