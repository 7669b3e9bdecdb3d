package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
)

// qdpxOf exports a casebook as a REFI-QDA project.
func qdpxOf(t *testing.T, cb *app.Casebook) []byte {
	t.Helper()
	b, err := exchange.Gather(cb, app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "qdpx", &buf, nil, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rewriteQDE gives back the project with its project.qde passed through
// edit, the other parts as they were.
func rewriteQDE(t *testing.T, data []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "project.qde" {
			b = []byte(edit(string(b)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// element is the span of the element with a GUID, from its start tag to
// its end tag.
func element(t *testing.T, qde, tag, guid string) (start, end int) {
	t.Helper()
	start = strings.Index(qde, `<`+tag+` guid="`+guid+`"`)
	if start < 0 {
		t.Fatalf("no %s %s in the project", tag, guid)
	}
	end = start + strings.Index(qde[start:], `</`+tag+`>`)
	return start, end
}

// addInside puts xml into the element with a GUID: before its first
// child named before, or at its end.
func addInside(t *testing.T, qde, tag, guid, before, xml string) string {
	start, end := element(t, qde, tag, guid)
	at := end
	if i := strings.Index(qde[start:end], "<"+before); before != "" && i >= 0 {
		at = start + i
	}
	return qde[:at] + xml + qde[at:]
}

func coding(guid, code string) string {
	return `<Coding guid="` + guid + `"><CodeRef targetGUID="` + code + `"/></Coding>`
}

// TestEditsMadeInAQDAProgramComeBack exports the worked case, edits the
// project as a QDA program's user would (codes added to and taken off
// quotations, an event code changed and one taken off, a memo edited, a
// new memo, a comment on a quotation, a new coded passage, the program's
// own name as origin) and imports it into the same casebook: the edits
// land on the statements and notes there, nothing is duplicated, and a
// second import changes nothing.
func TestEditsMadeInAQDAProgramComeBack(t *testing.T) {
	cb := workedCase(t)
	before := dump(t, cb.Store)
	data := qdpxOf(t, cb)
	var genevaSource, editedNote string
	for _, n := range before.Notes {
		if n.Target.ID == "st-21" {
			editedNote = n.ID
		}
		if n.Target.Kind == app.TargetSource {
			genevaSource = n.Target.ID
		}
	}
	g := exchange.GUID
	ceasefire := "11111111-2222-3333-4444-555555555555"
	edited := rewriteQDE(t, data, func(q string) string {
		q = strings.Replace(q, `origin="Parley"`, `origin="OtherQDA 9"`, 1)
		// A code made in the program, at the top of its code book.
		q = strings.Replace(q, "<Codes>", `<Codes><Code guid="`+ceasefire+`" name="Ceasefire" isCodable="true"/>`, 1)
		st15 := g("statement", "st-15")
		q = addInside(t, q, "PlainTextSelection", st15, "NoteRef",
			coding("A0000000-0000-0000-0000-000000000001", g("tag", "peace"))+
				coding("A0000000-0000-0000-0000-000000000002", ceasefire)+
				coding("A0000000-0000-0000-0000-000000000003", g("recipient", "mirzoyan"))+
				coding("A0000000-0000-0000-0000-000000000004", g("cameo", "112")))
		for _, off := range []string{g("coding", "st-15/tag/agreement"), g("coding", "st-15/cameo/012"), g("coding", "st-13/cameo/010")} {
			re := regexp.MustCompile(`(?s)<Coding guid="` + off + `">.*?</Coding>`)
			if !re.MatchString(q) {
				t.Fatalf("no coding %s", off)
			}
			q = re.ReplaceAllString(q, "")
		}
		// A comment after the quotation's context, and a new memo on it.
		start, end := element(t, q, "PlainTextSelection", st15)
		sel := strings.Replace(q[start:end], "&#xA;&#xA;--- Parley data", " Check the Armenian translation.&#xA;&#xA;--- Parley data", 1)
		if sel == q[start:end] {
			t.Fatal("no Parley data in the selection's description")
		}
		q = q[:start] + sel + `<NoteRef targetGUID="B0000000-0000-0000-0000-000000000001"/>` + q[end:]
		q = strings.Replace(q, "</Notes>", `<Note guid="B0000000-0000-0000-0000-000000000001" name="Memo" creationDateTime="2024-03-01T09:00:00Z"><PlainTextContent>Memo: the only line on Lachin.</PlainTextContent></Note></Notes>`, 1)
		// The memo on st-21, rewritten.
		start, end = element(t, q, "Note", g("note", editedNote))
		note := regexp.MustCompile(`(?s)<PlainTextContent>.*</PlainTextContent>`).ReplaceAllString(q[start:end],
			"<PlainTextContent>Compare with the Armenian reading, and the Russian one.</PlainTextContent>")
		q = q[:start] + note + q[end:]
		// A new passage coded in the imported article.
		q = addInside(t, q, "TextSource", g("source", genevaSource), "VariableValue",
			`<PlainTextSelection guid="C0000000-0000-0000-0000-000000000001" startPosition="0" endPosition="15">`+
				coding("A0000000-0000-0000-0000-000000000005", ceasefire)+`</PlainTextSelection>`)
		return q
	})

	p, err := exchange.ReadQDPX("edited.qdpx", edited)
	if err != nil {
		t.Fatal(err)
	}
	res, err := exchange.ImportProject(cb.Store, p, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	after := dump(t, cb.Store)
	if len(after.Statements) != len(before.Statements) || len(after.Sources) != len(before.Sources) {
		t.Fatalf("%d statements, %d sources after the import; %d and %d before", len(after.Statements), len(after.Sources), len(before.Statements), len(before.Sources))
	}
	st := func(c app.Case, id string) app.Statement {
		i := slices.IndexFunc(c.Statements, func(s app.Statement) bool { return s.ID == id })
		return c.Statements[i]
	}
	got15 := st(after, "st-15")
	if !reflect.DeepEqual(got15.Tags, []string{"peace", "Ceasefire"}) {
		t.Errorf("st-15 tags %q", got15.Tags)
	}
	if !reflect.DeepEqual(got15.Recipients, []string{"gov-armenia", "gov-azerbaijan", "mirzoyan"}) {
		t.Errorf("st-15 recipients %q", got15.Recipients)
	}
	if c := got15.Coding; c.CAMEO != "112" || c.Category != "ACCUSE" || c.Score != -2 || !c.Confirmed || c.By != app.CodedByUser {
		t.Errorf("st-15 coding %+v", c)
	}
	if c := st(after, "st-13").Coding; c.Confirmed || c.CAMEO != "010" {
		t.Errorf("st-13 coding %+v, want its code kept as a suggestion", c)
	}
	for _, s := range after.Statements {
		if s.ID != "st-15" && s.ID != "st-13" && !reflect.DeepEqual(s, st(before, s.ID)) {
			t.Errorf("%s changed, and the project did not edit it", s.ID)
		}
	}
	bodies := map[string]app.Note{}
	for _, n := range after.Notes {
		bodies[n.Body] = n
	}
	if n, ok := bodies["Compare with the Armenian reading, and the Russian one."]; !ok || n.ID != editedNote {
		t.Errorf("the edited memo is not on its note: %+v", bodies)
	}
	if n, ok := bodies["Memo: the only line on Lachin."]; !ok || n.Target != (app.Target{Kind: app.TargetStatement, ID: "st-15"}) {
		t.Errorf("the new memo is not a note on st-15: %+v", n)
	}
	if n, ok := bodies["Comment from the QDA project: Check the Armenian translation."]; !ok || n.Target.ID != "st-15" {
		t.Errorf("the comment is not a note on st-15")
	}
	passage := false
	for _, n := range after.Notes {
		if n.Target.ID == genevaSource && strings.Contains(n.Body, "> Talks in Geneva") && slices.Equal(n.Tags, []string{"Ceasefire"}) {
			passage = true
		}
	}
	if !passage {
		t.Error("the new passage is not a note on its source, tagged with its code")
	}
	if len(after.Notes) != len(before.Notes)+3 {
		t.Errorf("%d notes after, %d before; want 3 more", len(after.Notes), len(before.Notes))
	}
	for _, want := range []string{"statement st-15: tag \"agreement\" taken off", "statement st-15: event coded ACCUSE CAMEO 112",
		"statement st-13: event code CAMEO 010 taken off (kept as a suggestion)", "note " + editedNote + ": its text edited"} {
		if !slices.Contains(res.Edited, want) {
			t.Errorf("the report has no %q:\n%s", want, strings.Join(res.Edited, "\n"))
		}
	}

	// Once more: the casebook holds the project's versions; nothing to do.
	again, err := exchange.ImportProject(cb.Store, p, exchange.ImportOptions{})
	if err != nil || len(again.Edited) != 0 {
		t.Fatalf("second import: %v, edits %q", err, again.Edited)
	}
	if !reflect.DeepEqual(dump(t, cb.Store), after) {
		t.Error("the second import changed the casebook")
	}

	// Into a casebook without these items: the edited versions are filed.
	fresh := bareStore(t)
	if _, err := exchange.ImportProject(fresh, p, exchange.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := st(dump(t, fresh), "st-15"); !reflect.DeepEqual(got, got15) {
		t.Errorf("fresh casebook: st-15 %+v", got)
	}

	// A statement changed here since the export, and in the project too:
	// the project is not taken without the user's word.
	cb2 := workedCase(t)
	if _, err := cb2.SetCoding("st-15", app.Coding{CAMEO: "051", Category: "SUPPORT", Score: 3.4}); err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.ImportProject(cb2.Store, p, exchange.ImportOptions{}); !errors.Is(err, exchange.ErrCollision) {
		t.Errorf("import over a statement changed since: %v", err)
	}
}

// TestCodesWithNewGUIDsTakeNothingOff: a program that gives the codes new
// GUIDs but leaves the codings pointing at the old ones would, read as it
// stands, take every code off every quotation; Parley keeps them.
func TestCodesWithNewGUIDsTakeNothingOff(t *testing.T) {
	cb := workedCase(t)
	before := dump(t, cb.Store)
	data := rewriteQDE(t, qdpxOf(t, cb), func(q string) string {
		return strings.Replace(q, `<Code guid="`+exchange.GUID("tag", "agreement")+`"`, `<Code guid="99999999-0000-0000-0000-000000000000"`, 1)
	})
	p, err := exchange.ReadQDPX("renamed.qdpx", data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := exchange.ImportProject(cb.Store, p, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dump(t, cb.Store).Statements, before.Statements) {
		t.Error("statements changed")
	}
	if len(res.Edited) != 0 || len(res.Dropped) != 1 || !strings.Contains(res.Dropped[0], "codes of 6 quotations") {
		t.Errorf("edits reported: %q; left out: %q", res.Edited, res.Dropped)
	}
}
