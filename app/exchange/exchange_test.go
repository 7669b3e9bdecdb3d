package exchange_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
	"codeberg.org/parley/parley/app/synth"
	"codeberg.org/parley/parley/assets"
	"codeberg.org/parley/parley/storage"

	"codeberg.org/parley/parley/app/exchange/hostile"
)

const shared = "../../../shared"

func bareStore(t *testing.T) app.Store {
	t.Helper()
	s, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// workedCase is the seed case with what a user adds: notes (one on a
// highlighted range, with tags and non-ASCII text) and an imported article
// whose text is stored.
func workedCase(t *testing.T) *app.Casebook {
	t.Helper()
	s := bareStore(t)
	seed, err := assets.SeedCase()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.EnsureSeed(s, seed); err != nil {
		t.Fatal(err)
	}
	cb := &app.Casebook{Store: s}
	doc, err := ingest.Read("geneva.txt", []byte("Talks in Geneva\n\n“We are closer than ever,” Ararat Mirzoyan said on Tuesday in Genève.\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := importer.Propose(s, doc, importer.Meta{Date: "2023-06-06", URL: "https://example.org/geneva"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Commit(s, p)
	if err != nil || res.Statements != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	ids, _ := s.StatementIDsBySource(res.SourceID)
	// A reprint of the same words, filed as a second report.
	doc, err = ingest.Read("wire.txt", []byte("Geneva talks\n\nMirzoyan said: «We are closer than ever.» The talks go on.\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err = importer.Propose(s, doc, importer.Meta{Date: "2023-06-07", URL: "https://example.org/wire"})
	if err != nil {
		t.Fatal(err)
	}
	if again, err := importer.Commit(s, p); err != nil || again.Joined != 1 {
		t.Fatalf("reprint: %+v %v", again, err)
	}
	notes := []struct {
		target app.Target
		rng    *app.Range
		body   string
		tags   []string
	}{
		{app.Target{Kind: app.TargetStatement, ID: "st-15"}, &app.Range{Start: 4, End: 18}, "A runner's image — “last kilometer”.", []string{"metaphor", "ключ"}},
		{app.Target{Kind: app.TargetStatement, ID: "st-21"}, nil, "Compare with the Armenian reading.", nil},
		{app.Target{Kind: app.TargetStatement, ID: ids[0]}, &app.Range{Start: 7, End: 13}, "closer: to what?", []string{"progress"}},
		{app.Target{Kind: app.TargetActor, ID: "mirzoyan"}, nil, "Spelled Mirzoian too.", nil},
		{app.Target{Kind: app.TargetSource, ID: res.SourceID}, &app.Range{Start: 0, End: 15}, "Headline.", nil},
	}
	for _, n := range notes {
		if _, err := cb.AddNote(n.target, n.rng, n.body, n.tags); err != nil {
			t.Fatal(err)
		}
	}
	return cb
}

func dump(t *testing.T, s app.Store) app.Case {
	t.Helper()
	c, err := (&app.Casebook{Store: s}).Dump()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// backupOf writes a backup of a case, through a store holding it.
func backupOf(t *testing.T, c app.Case) []byte {
	t.Helper()
	s := bareStore(t)
	if err := app.LoadCase(s, c, 1000); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := exchange.WriteBackup(&app.Casebook{Store: s}, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBackupRestoreGivesTheSameCasebook(t *testing.T) {
	cb := workedCase(t)
	var buf bytes.Buffer
	h, err := exchange.WriteBackup(cb, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if h.Counts["notes"] != 5 || h.Counts["texts"] != 2 {
		t.Errorf("header counts %v", h.Counts)
	}
	if _, _, err := exchange.ReadBackup("b.parley", bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	fresh := bareStore(t)
	var steps int
	_, previous, err := exchange.RestoreBackup(context.Background(), fresh, "b.parley", bytes.NewReader(buf.Bytes()), false, func(int, int) { steps++ })
	if err != nil {
		t.Fatal(err)
	}
	if previous != "" {
		t.Errorf("an empty casebook replaced was kept in %s", previous)
	}
	if got, want := dump(t, fresh), dump(t, cb.Store); !reflect.DeepEqual(got, want) {
		t.Error("restored casebook differs from the original")
	}
	if steps == 0 {
		t.Error("no progress reported")
	}
	// The seed is never loaded over a restored casebook.
	seed, _ := assets.SeedCase()
	if loaded, _ := app.EnsureSeed(fresh, seed); loaded {
		t.Error("seed loaded into a restored casebook")
	}
	// Not empty now: refused without force, replaced with it, the casebook
	// before kept beside it.
	if _, _, err := exchange.RestoreBackup(context.Background(), fresh, "b.parley", bytes.NewReader(buf.Bytes()), false, nil); !errors.Is(err, exchange.ErrNotEmpty) {
		t.Errorf("restore into a full casebook: %v", err)
	}
	small := app.Case{Texts: map[string]string{}, Actors: []app.Actor{{ID: "x", Name: "X", Aliases: []string{}, Kind: app.ActorPerson}}}
	_, previous, err = exchange.RestoreBackup(context.Background(), fresh, "small.parley", bytes.NewReader(backupOf(t, small)), true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := dump(t, fresh); len(got.Actors) != 1 || len(got.Statements) != 0 {
		t.Errorf("forced restore left %d actors, %d statements", len(got.Actors), len(got.Statements))
	}
	if _, err := os.Stat(previous); previous == "" || err != nil {
		t.Errorf("the casebook replaced is not kept: %q, %v", previous, err)
	}
}

func TestBadBackupsAreRefused(t *testing.T) {
	cb := workedCase(t)
	var good bytes.Buffer
	if _, err := exchange.WriteBackup(cb, &good); err != nil {
		t.Fatal(err)
	}
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	// Damage inside the payload: unpack, change one byte, pack again, so
	// only the checksum can tell.
	zr, _ := gzip.NewReader(bytes.NewReader(good.Bytes()))
	var plain bytes.Buffer
	plain.ReadFrom(zr)
	tampered := bytes.Replace(plain.Bytes(), []byte("Blinken"), []byte("Blinkin"), 1)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not gzip"},
		{"text", []byte("hello"), "not gzip"},
		{"truncated", good.Bytes()[:good.Len()/2], "damaged"},
		{"tampered", gz(string(tampered)), "do not match its checksum"},
		{"foreign", gz(`{"format":"something-else"}` + "\n{}"), "not a Parley backup"},
		{"newer", gz(`{"format":"parley-backup","version":99}` + "\n{}"), "newer Parley"},
	}
	target := workedCase(t).Store
	before := dump(t, target)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := exchange.ReadBackup("x.parley", bytes.NewReader(tt.data))
			if !errors.Is(err, exchange.ErrBackup) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line with %q", err, tt.want)
			}
			// Restored over a casebook, it changes nothing.
			_, _, err = exchange.RestoreBackup(context.Background(), target, "x.parley", bytes.NewReader(tt.data), true, nil)
			if !errors.Is(err, exchange.ErrBackup) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("restore: error %v, want one with %q", err, tt.want)
			}
			if after := dump(t, target); !reflect.DeepEqual(after, before) {
				t.Error("a refused restore changed the casebook")
			}
		})
	}
}

// validQDPX checks a project's project.qde against the REFI-QDA schema
// with xmllint, where both are at hand (make test installs xmllint).
func validQDPX(t *testing.T, project []byte) {
	t.Helper()
	xsd := filepath.Join(shared, "refi-qda", "Project-mrt2019.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Log("no REFI-QDA schema at hand: schema check skipped")
		return
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Log("xmllint not installed: schema check skipped")
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(project), int64(len(project)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range zr.File {
		if f.Name == "project.qde" {
			rc, _ := f.Open()
			var x bytes.Buffer
			x.ReadFrom(rc)
			os.WriteFile(filepath.Join(dir, "project.qde"), x.Bytes(), 0o644)
		}
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, filepath.Join(dir, "project.qde")).CombinedOutput()
	if err != nil {
		t.Fatalf("project.qde does not validate:\n%s", out)
	}
}

// A generated casebook (statements with one to three speakers, notes,
// suggested and confirmed codes) exports a valid project that comes back
// whole.
func TestGeneratedCasebookQDPXValidatesAndRoundTrips(t *testing.T) {
	gen := synth.Synthetic(synth.SyntheticSpec{Actors: 40, Places: 6, Sources: 12, Statements: 600, Notes: 80, Seed: 5})
	for i := range gen.Statements {
		if i%3 == 0 { // a third of them coded by a person
			gen.Statements[i].Coding.Confirmed, gen.Statements[i].Coding.By = true, app.CodedByUser
		}
	}
	s := bareStore(t)
	if err := app.LoadCase(s, gen, 1000); err != nil {
		t.Fatal(err)
	}
	cb := &app.Casebook{Store: s}
	project := qdpxOf(t, cb)
	validQDPX(t, project)
	p, err := exchange.ReadQDPX("generated.qdpx", project)
	if err != nil {
		t.Fatal(err)
	}
	fresh := bareStore(t)
	res, err := exchange.ImportProject(fresh, p, exchange.ImportOptions{})
	if err != nil || len(res.Edited) != 0 {
		t.Fatalf("import: %v, edits %q", err, res.Edited)
	}
	if !reflect.DeepEqual(dump(t, fresh), dump(t, s)) {
		t.Error("the generated casebook differs after the round trip")
	}
}

func TestQDPXValidatesAndRoundTrips(t *testing.T) {
	cb := workedCase(t)
	b, err := exchange.Gather(cb, app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "qdpx", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	validQDPX(t, buf.Bytes())
	p, err := exchange.ReadQDPX("case.qdpx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	fresh := bareStore(t)
	res, err := exchange.ImportProject(fresh, p, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	orig, back := dump(t, cb.Store), dump(t, fresh)
	if res.Statements != len(orig.Statements) || res.Notes != 5 {
		t.Errorf("import result %+v", res)
	}
	for _, part := range []struct {
		name      string
		got, want any
	}{
		{"statements", back.Statements, orig.Statements},
		{"notes", back.Notes, orig.Notes},
		{"sources", back.Sources, orig.Sources},
		{"texts", back.Texts, orig.Texts},
		{"actors", back.Actors, orig.Actors},
		{"places", back.Places, orig.Places},
	} {
		if !reflect.DeepEqual(part.got, part.want) {
			t.Errorf("%s differ after the round trip", part.name)
		}
	}
}

func TestForeignProjects(t *testing.T) {
	sample := filepath.Join(shared, "refi-qda", "sample-atlas-project.qdpx")
	if data, err := os.ReadFile(sample); err == nil {
		// Codes and no text: the codes are kept, as tags of a note on a
		// source that stands for the project.
		p, err := exchange.ReadQDPX("sample-atlas-project.qdpx", data)
		if err != nil || len(p.Kept) != 1 || !strings.HasPrefix(p.Kept[0], "3 codes") || len(p.Case.Notes) != 1 || len(p.Case.Notes[0].Tags) != 3 {
			t.Errorf("the ATLAS.ti sample: %+v, %v", p, err)
		}
	}
	// A project from another program with a text source: read as an article.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("project.qde")
	f.Write([]byte(`<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other"><Sources>
<TextSource guid="11111111-2222-3333-4444-555555555555" name="Interview" plainTextPath="internal://11111111-2222-3333-4444-555555555555.txt">
<PlainTextSelection guid="11111111-2222-3333-4444-555555555556" startPosition="0" endPosition="5"/></TextSource></Sources></Project>`))
	f, _ = zw.Create("sources/11111111-2222-3333-4444-555555555555.txt")
	f.Write([]byte(`"We will keep talking," Jeyhun Bayramov said.`))
	zw.Close()
	p, err := exchange.ReadQDPX("other.qdpx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Articles) != 1 || p.Skipped != 1 || p.Articles[0].Title != "Interview" {
		t.Errorf("foreign project read as %+v", p)
	}
	for name, data := range map[string][]byte{
		"not a zip": []byte("plain text"),
		"no qde":    zipWith(t, "readme.txt", "hi"),
		"not xml":   zipWith(t, "project.qde", "<Project"),
		"wrong ns":  zipWith(t, "project.qde", `<Project xmlns="urn:other" name="x"/>`),
	} {
		if _, err := exchange.ReadQDPX(name, data); !errors.Is(err, exchange.ErrProject) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func zipWith(t testing.TB, name, content string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create(name)
	f.Write([]byte(content))
	zw.Close()
	return buf.Bytes()
}

func TestWebAnnotations(t *testing.T) {
	cb := workedCase(t)
	b, _ := exchange.Gather(cb, app.Filter{})
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "jsonld", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	var coll struct {
		Context string `json:"@context"`
		Type    string `json:"type"`
		Total   int    `json:"total"`
		First   struct {
			ID     string           `json:"id"`
			PartOf string           `json:"partOf"`
			Items  []map[string]any `json:"items"`
		} `json:"first"`
	}
	if err := json.Unmarshal(buf.Bytes(), &coll); err != nil {
		t.Fatal(err)
	}
	reports := 0
	for _, st := range b.Statements {
		reports += st.ReportCount()
	}
	if coll.Context != "http://www.w3.org/ns/anno.jsonld" || coll.Type != "AnnotationCollection" || coll.Total != 5+reports {
		t.Fatalf("collection %+v", coll)
	}
	if coll.First.ID == "" || coll.First.PartOf != "urn:parley:annotations" {
		t.Errorf("the page has id %q and is part of %q", coll.First.ID, coll.First.PartOf)
	}
	// The texts Parley holds, by the IRI a target names its source by.
	texts, byURL := map[string]string{}, map[string]bool{}
	for id, text := range b.Texts {
		texts["urn:parley:source:"+id] = text
		for _, s := range b.Sources {
			if s.ID == id && s.URL != "" {
				texts[s.URL], byURL[s.URL] = text, true
			}
		}
	}
	want := 2 + 2 // the notes on the imported articles, and their statement's two reports
	checked := 0
	for _, a := range coll.First.Items {
		for _, k := range []string{"@context", "id", "type", "target", "body", "motivation", "creator", "generator", "created"} {
			if _, ok := a[k]; !ok && (k != "created" || strings.HasPrefix(a["id"].(string), "urn:parley:note:")) {
				t.Errorf("annotation %v lacks %s", a["id"], k)
			}
		}
		if a["type"] != "Annotation" {
			t.Errorf("type %v", a["type"])
		}
		if c := a["creator"].(map[string]any); c["type"] != "Person" || c["name"] == "" {
			t.Errorf("%v: creator %v, want the person", a["id"], c)
		}
		if g := a["generator"].(map[string]any); g["type"] != "Software" || g["name"] != "Parley" {
			t.Errorf("%v: generator %v", a["id"], g)
		}
		target := a["target"].(map[string]any)
		source := target["source"].(string)
		sels, _ := target["selector"].([]any)
		var exact, prefix, suffix string
		start, end := -1, -1
		for _, s := range sels {
			sel := s.(map[string]any)
			switch sel["type"] {
			case "TextQuoteSelector":
				exact = sel["exact"].(string)
				prefix, _ = sel["prefix"].(string)
				suffix, _ = sel["suffix"].(string)
			case "TextPositionSelector":
				start, end = int(sel["start"].(float64)), int(sel["end"].(float64))
			}
		}
		if len(sels) > 0 && exact == "" {
			t.Errorf("%v: no TextQuoteSelector", a["id"])
		}
		text, held := texts[source]
		if start >= 0 {
			// Positions only in a text the export names as Parley's own.
			if !held || byURL[source] {
				t.Errorf("%v: a TextPositionSelector on %s, whose text is no Parley text", a["id"], source)
			} else if got, _ := app.Slice(text, start, end); got != exact {
				t.Errorf("%v: exact %q, text at %d:%d is %q", a["id"], exact, start, end, got)
			}
		}
		if len(sels) == 0 || !held {
			continue
		}
		// The words with what stands around them are found in the text.
		if !strings.Contains(text, prefix+exact+suffix) {
			t.Errorf("%v: %q + %q + %q is not in its text", a["id"], prefix, exact, suffix)
		}
		checked++
	}
	if checked < want {
		t.Errorf("only %d selectors checked against their text, want %d", checked, want)
	}
}

func TestTabularExports(t *testing.T) {
	cb := workedCase(t)
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := exchange.Gather(cb, app.Filter{Actor: "blinken"})
	if len(b.Statements) != 17 {
		t.Fatalf("filtered bundle has %d statements", len(b.Statements))
	}
	var md, csvOut, plover bytes.Buffer
	ctx := context.Background()
	for format, w := range map[string]*bytes.Buffer{"md": &md, "csv": &csvOut, "plover": &plover} {
		if err := exchange.Export(ctx, b, format, w, tables, nil); err != nil {
			t.Fatal(format, err)
		}
	}
	brief := md.String()
	for _, want := range []string{"# Parley brief: Antony Blinken", "## Antony Blinken", "> the last kilometer of the marathon is always the hardest",
		"**Note on “last kilometer”** #metaphor #ключ", "Europa Press"} {
		if !strings.Contains(brief, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	rows := readCSV(t, csvOut.Bytes())
	if len(rows) != 18 || rows[0][0] != "id" {
		t.Fatalf("%d CSV rows", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		if r[col["speakers"]] != `["Antony Blinken"]` || r[col["source_title"]] == "" || !strings.HasPrefix(r[col["cameo"]], "'0") {
			t.Errorf("row %v", r)
		}
		if r[col["id"]] == "st-15" && r[col["note_tags"]] != `["metaphor","ключ"]` {
			t.Errorf("st-15 note tags %q", r[col["note_tags"]])
		}
	}
	// Only statements with a confirmed PLOVER category are events: each
	// names one (plover_test.go checks the rest against the manual).
	lines := strings.Split(strings.TrimSpace(plover.String()), "\n")
	if len(lines) == 0 || b.PLOVER.Records != len(lines) {
		t.Fatalf("%d PLOVER lines, summary %+v", len(lines), b.PLOVER)
	}
	for _, l := range lines {
		var rec struct{ Event []string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil || len(rec.Event) != 1 {
			t.Errorf("record without one event: %s (%v)", l, err)
		}
	}
}

// readCSV reads an exported CSV as a spreadsheet would be given it: a
// byte-order mark first, then RFC 4180 records, every one as wide as the
// header (csv.Reader refuses any other).
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(data, []byte("\uFEFF"))
	if !ok {
		t.Fatal("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestReportsInExports: a statement two sources report is one row, one
// record, one entry, with both sources named; the per-report CSV has a row
// for each report with its own words and offsets.
func TestReportsInExports(t *testing.T) {
	cb := workedCase(t)
	// Coded by hand, so that it is a PLOVER event.
	sts, _ := exchange.Gather(cb, app.Filter{Actor: "mirzoyan", From: "2023-06"})
	if len(sts.Statements) != 1 {
		t.Fatalf("bundle: %+v", sts.Statements)
	}
	if _, err := cb.SetCoding(sts.Statements[0].ID, app.Coding{Category: "CONSULT", CAMEO: "040", Score: 1, Confirmed: true}); err != nil {
		t.Fatal(err)
	}
	b, _ := exchange.Gather(cb, app.Filter{Actor: "mirzoyan", From: "2023-06"})
	if len(b.Statements) != 1 || b.Statements[0].ReportCount() != 2 {
		t.Fatalf("bundle: %+v", b.Statements)
	}
	if len(b.Sources) != 2 {
		t.Fatalf("the bundle holds %d sources, want both reports' sources", len(b.Sources))
	}
	ctx := context.Background()
	out := map[string]*bytes.Buffer{}
	for _, f := range []string{"md", "csv", "csv-reports", "plover"} {
		out[f] = &bytes.Buffer{}
		if err := exchange.Export(ctx, b, f, out[f], nil, nil); err != nil {
			t.Fatal(f, err)
		}
	}
	if !strings.Contains(out["md"].String(), "Also reported by 1 source: Geneva talks, 2023-06-07") {
		t.Errorf("brief:\n%s", out["md"])
	}
	rows := readCSV(t, out["csv"].Bytes())
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if len(rows) != 2 || rows[1][col["report_count"]] != "2" || !strings.Contains(rows[1][col["reported_by"]], "Geneva talks") {
		t.Errorf("csv: %v", rows)
	}
	reps := readCSV(t, out["csv-reports"].Bytes())
	if len(reps) != 3 || reps[2][6] != "We are closer than ever." || reps[1][2] != "true" || reps[2][2] != "false" {
		t.Errorf("per-report csv: %v", reps)
	}
	var rec struct {
		CiteInfo struct {
			AlsoReported []struct{ Title, Text string } `json:"also_reported"`
		} `json:"cite_info"`
	}
	if err := json.Unmarshal(out["plover"].Bytes(), &rec); err != nil || len(rec.CiteInfo.AlsoReported) != 1 {
		t.Errorf("plover: %s %v", out["plover"], err)
	}
}

// A QDA program sees speakers, recipients, confirmed event codes, places
// and tags as codes in groups of their own, statements coded with each, and
// every source's date precision and language as variables.
func TestQDPXCodesAndVariables(t *testing.T) {
	b, err := exchange.Gather(workedCase(t), app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "qdpx", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var qde []byte
	for _, f := range zr.File {
		if f.Name == "project.qde" {
			rc, _ := f.Open()
			qde, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	type code struct {
		GUID string `xml:"guid,attr"`
		Name string `xml:"name,attr"`
		Code []code `xml:"Code"`
	}
	var proj struct {
		Codes     []code `xml:"CodeBook>Codes>Code"`
		Variables []struct {
			GUID string `xml:"guid,attr"`
			Name string `xml:"name,attr"`
		} `xml:"Variables>Variable"`
		Sources []struct {
			Name   string `xml:"name,attr"`
			Values []struct {
				Ref struct {
					GUID string `xml:"targetGUID,attr"`
				} `xml:"VariableRef"`
				Text string `xml:"TextValue"`
			} `xml:"VariableValue"`
			Selections []struct {
				GUID   string `xml:"guid,attr"`
				Coding []struct {
					Ref struct {
						GUID string `xml:"targetGUID,attr"`
					} `xml:"CodeRef"`
				} `xml:"Coding"`
			} `xml:"PlainTextSelection"`
		} `xml:"Sources>TextSource"`
	}
	if err := xml.Unmarshal(qde, &proj); err != nil {
		t.Fatal(err)
	}
	groups := map[string][]code{}
	names := map[string]string{} // code guid -> name
	var index func(cs []code)
	index = func(cs []code) {
		for _, c := range cs {
			names[c.GUID] = c.Name
			index(c.Code)
		}
	}
	index(proj.Codes)
	for _, g := range proj.Codes {
		groups[g.Name] = g.Code
	}
	for _, g := range []string{"Speakers", "Recipients", "Events", "Places", "Tags"} {
		if len(groups[g]) == 0 {
			t.Errorf("no %s codes", g)
		}
	}
	// The seed case's statements carry confirmed codes.
	var coded []string
	for _, src := range proj.Sources {
		for _, sel := range src.Selections {
			for _, c := range sel.Coding {
				if names[c.Ref.GUID] == "" {
					t.Errorf("a coding refers to no code: %s", c.Ref.GUID)
				}
				coded = append(coded, names[c.Ref.GUID])
			}
		}
		if len(src.Values) != 2 || src.Values[0].Text == "" {
			t.Errorf("source %q: variable values %+v", src.Name, src.Values)
		}
	}
	hasEvent, hasCameo := false, false
	for _, c := range coded {
		hasEvent = hasEvent || c == "SUPPORT" || c == "ACCUSE" || c == "CONSULT"
		hasCameo = hasCameo || strings.HasPrefix(c, "CAMEO ")
	}
	if !hasEvent || !hasCameo {
		t.Errorf("no statement coded with an event and a CAMEO code: %v", coded)
	}
	if len(proj.Variables) != 2 {
		t.Errorf("variables: %+v", proj.Variables)
	}
}

// Every entry of a .qdpx carries the time of the export, not the zero
// time that zip tools read as the invalid 1980-00-00.
func TestQDPXEntriesCarryTheirTime(t *testing.T) {
	b, err := exchange.Gather(workedCase(t), app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	before := time.Now().Add(-2 * time.Second)
	if err := exchange.Export(context.Background(), b, "qdpx", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Modified.Before(before) || f.Modified.After(time.Now().Add(2*time.Second)) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
	}
}

func TestWriteFileIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	err := exchange.WriteFile(path, func(w io.Writer) error {
		w.Write([]byte("half a fi"))
		return errors.New("disk on fire")
	})
	if err == nil {
		t.Fatal("failure not reported")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("a failed export changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := exchange.WriteFile(path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("file holds %q", b)
	}
}

// FuzzReadQDPX: any bytes are a project or a clear refusal; nothing panics,
// and what is read holds together.
func FuzzReadQDPX(f *testing.F) {
	f.Add([]byte{})
	f.Add(zipWith(f, "project.qde", `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="11111111-2222-3333-4444-555555555555" name="a"><PlainTextContent>“Yes,” he said.</PlainTextContent></TextSource></Sources></Project>`))
	if data, err := os.ReadFile(filepath.Join(shared, "refi-qda", "sample-atlas-project.qdpx")); err == nil {
		f.Add(data)
	}
	for _, h := range hostile.Small() {
		if strings.HasSuffix(h.Name, ".qdpx") {
			f.Add(h.Data)
		}
	}
	// A small Parley export, its parts stored rather than compressed so
	// that the fuzzer's changes reach the XML and the Parley data in it,
	// which the reading of edits goes through.
	var buf bytes.Buffer
	small := synth.Synthetic(synth.SyntheticSpec{Actors: 3, Places: 2, Sources: 2, Statements: 4, Notes: 2, Seed: 1})
	if err := exchange.Export(context.Background(), exchange.BundleOf(small), "qdpx", &buf, nil, nil); err != nil {
		f.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	var stored bytes.Buffer
	zw := zip.NewWriter(&stored)
	for _, e := range zr.File {
		rc, _ := e.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Store})
		w.Write(b)
	}
	zw.Close()
	f.Add(stored.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := exchange.ReadQDPX("f.qdpx", data)
		if err != nil {
			if !errors.Is(err, exchange.ErrProject) {
				t.Fatalf("error %v is not ErrProject", err)
			}
			return
		}
		if err := app.Validate(p.Case); err != nil {
			t.Fatalf("accepted a case that does not hold together: %v", err)
		}
	})
}

// FuzzReadBackup: any bytes are a checked backup or a clear refusal.
func FuzzReadBackup(f *testing.F) {
	var buf bytes.Buffer
	s, err := storage.Open(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	seed, _ := assets.SeedCase()
	app.EnsureSeed(s, seed)
	exchange.WriteBackup(&app.Casebook{Store: s}, &buf)
	s.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("{}"))
	for _, h := range hostile.Small() {
		if strings.HasSuffix(h.Name, ".parley") {
			f.Add(h.Data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _, err := exchange.ReadBackup("f.parley", bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, exchange.ErrBackup) {
				t.Fatalf("error %v is not ErrBackup", err)
			}
			return
		}
		if err := app.Validate(c); err != nil {
			t.Fatalf("accepted a case that does not hold together: %v", err)
		}
	})
}

// allocated is how many bytes fn allocates in all: a bound on the memory
// it can hold at once that does not depend on when the collector runs.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Hostile files are refused, each with a message naming what is wrong,
// before they cost much memory; nothing they name outside the archive is
// read or written; the casebook they are restored or imported over is left
// as it was. The well-formed one in UTF-16 is read.
func TestHostileFilesAreRefusedWithinBudget(t *testing.T) {
	target := workedCase(t).Store
	before := dump(t, target)
	tests := []struct {
		file hostile.File
		want string // in the error; "" for a file that must be read
	}{
		{hostile.BackupBomb(256 << 20), "over 64 MB"},
		{hostile.BackupLying(8 << 20), "than its header says"},
		{hostile.ProjectAmplified(40, 10<<20), "more than the 256 MB"},
		{hostile.ProjectHugePart(250 << 20), "up to 64 MB"},
		{hostile.ProjectLaughs(), "entity"},
		{hostile.ProjectExternalEntity(), "entity"},
		{hostile.ProjectClimbing(), "missing"},
		{hostile.ProjectBadOffsets(-5, 10), "offsets -5:10"},
		{hostile.ProjectBadOffsets(30, 10), "offsets 30:10"},
		{hostile.ProjectUTF16(), ""},
	}
	const budget = 300 << 20
	for _, tt := range tests {
		t.Run(tt.file.Name, func(t *testing.T) {
			var err error
			used := allocated(func() {
				if strings.HasSuffix(tt.file.Name, ".parley") {
					_, _, err = exchange.RestoreBackup(context.Background(), target, tt.file.Name, bytes.NewReader(tt.file.Data), true, nil)
					return
				}
				var p *exchange.Project
				if p, err = exchange.ReadQDPX(tt.file.Name, tt.file.Data); err == nil && tt.want != "" {
					_, err = exchange.ImportProject(target, p, exchange.ImportOptions{})
				}
			})
			if used > budget {
				t.Errorf("%d MB allocated, more than the %d MB budget", used>>20, budget>>20)
			}
			if tt.want == "" {
				if err != nil {
					t.Fatalf("a well-formed file refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %v, want one line with %q", err, tt.want)
			}
			if after := dump(t, target); !reflect.DeepEqual(after, before) {
				t.Error("a refused file changed the casebook")
			}
		})
	}
}
