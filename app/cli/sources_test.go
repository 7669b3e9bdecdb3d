package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
)

// importedArticle imports an article of our own, with no date anywhere in
// it, and returns its source id and the warning import printed.
func importedArticle(t *testing.T, dir string) (string, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "talks.txt")
	text := "Talks resume\n\n\"We are close to an agreement,\" Mirzoyan said on Monday.\n\nThe narration mentions the Hakari bridge checkpoint once."
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := run(t, dir, "import", file)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	var res struct{ Source string }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("import printed %q", out)
	}
	return res.Source, stderr
}

func TestImportWithNoDateWarnsAndStoresUnknown(t *testing.T) {
	dir := t.TempDir()
	id, stderr := importedArticle(t, dir)
	if !strings.Contains(stderr, "warning: no date was found") || !strings.Contains(stderr, "date unknown") {
		t.Fatalf("stderr = %q", stderr)
	}
	out, _, code := run(t, dir, "sources", "show", id, "--json")
	if code != 0 {
		t.Fatal(code)
	}
	var src app.Source
	if err := json.Unmarshal([]byte(out), &src); err != nil {
		t.Fatal(err)
	}
	if src.Published != "" || src.DatePrecision != app.PrecisionUnknown {
		t.Fatalf("stored date %q precision %q", src.Published, src.DatePrecision)
	}
}

func TestSourcesListShowSet(t *testing.T) {
	dir := t.TempDir()
	id, _ := importedArticle(t, dir)
	out, _, code := run(t, dir, "sources", "list")
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "date unknown") || !strings.Contains(out, "seed-article") {
		t.Fatalf("list: %d %q", code, out)
	}
	_, stderr, code := run(t, dir, "sources", "set", id, "--date", "2023-05", "--byline", "Ann Lee, Bo Park", "--outlet", "Our Desk", "--lang", "EN")
	if code != 0 {
		t.Fatalf("set: %d %s", code, stderr)
	}
	out, _, _ = run(t, dir, "sources", "show", id)
	for _, want := range []string{"Byline:     Ann Lee, Bo Park", "Date:       2023-05 (month)", "Outlet:     Our Desk", "Language:   en", "\"We are close to an agreement,\""} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = run(t, dir, "sources", "list", "--json")
	if !strings.Contains(out, `"statements":1`) {
		t.Errorf("list --json: %s", out)
	}
}

func TestSourcesAndStatementsRefuseBadInput(t *testing.T) {
	dir := t.TempDir()
	id, _ := importedArticle(t, dir)
	before, _, _ := run(t, dir, "dump")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown source", []string{"sources", "set", "src-nope", "--title", "x"}, "no source"},
		{"not a date", []string{"sources", "set", id, "--date", "2023-02-30"}, "day out of range"},
		{"words for a date", []string{"sources", "set", id, "--date", "last May"}, "not a date"},
		{"bad url", []string{"sources", "set", id, "--url", "file:///etc/passwd"}, "not an http"},
		{"bad language", []string{"sources", "set", id, "--lang", "english please"}, "not a language tag"},
		{"nothing to set", []string{"sources", "set", id}, "at least one"},
		{"show unknown", []string{"sources", "show", "src-nope"}, "no source"},
		{"range outside", []string{"statements", "add", "--source", id, "--range", "5:9999", "--speaker", "Mirzoyan"}, "not inside the text"},
		{"range garbage", []string{"statements", "add", "--source", id, "--range", "x", "--speaker", "Mirzoyan"}, "START:END"},
		{"add unknown source", []string{"statements", "add", "--source", "src-nope", "--range", "0:5", "--speaker", "Mirzoyan"}, "no source"},
		{"no text", []string{"statements", "add", "--source", "seed-article", "--range", "0:5", "--speaker", "Mirzoyan"}, "no stored text"},
		{"no speaker", []string{"statements", "add", "--source", id, "--range", "0:5"}, "--speaker"},
		{"unknown recipient", []string{"statements", "add", "--source", id, "--range", "0:5", "--speaker", "Mirzoyan", "--to", "Nobody Known"}, "not an actor"},
		{"bad kind", []string{"statements", "add", "--source", id, "--range", "0:5", "--speaker", "Mirzoyan", "--kind", "shouted"}, "--kind"},
		{"split outside", []string{"statements", "split", "st-05", "0"}, "not inside the quote"},
		{"merge across sources", []string{"statements", "merge", "st-05", "st-06"}, ""},
		{"delete unknown", []string{"statements", "delete", "st-nope"}, "no statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, dir, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if after, _, _ := run(t, dir, "dump"); after != before {
				t.Fatal("a refused command changed the casebook")
			}
		})
	}
}

func TestStatementsAddMarksAMissedQuote(t *testing.T) {
	dir := t.TempDir()
	id, _ := importedArticle(t, dir)
	text := "Talks resume\n\n\"We are close to an agreement,\" Mirzoyan said on Monday.\n\nThe narration mentions the Hakari bridge checkpoint once."
	i := strings.Index(text, "The narration")
	start := app.RuneLen(text[:i])
	end := start + app.RuneLen("The narration mentions the Hakari bridge checkpoint once.")
	rng := strings.Join([]string{itoa(start), itoa(end)}, ":")
	out, stderr, code := run(t, dir, "statements", "add", "--source", id, "--range", rng, "--speaker", "Ann Observer", "--kind", "indirect", "--to", "bayramov")
	if code != 0 {
		t.Fatalf("add: %d %s", code, stderr)
	}
	var st app.Statement
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Quote != "The narration mentions the Hakari bridge checkpoint once." || st.Speakers[0] != "ann-observer" || st.Recipients[0] != "bayramov" {
		t.Fatalf("statement %+v", st)
	}
	if !strings.Contains(stderr, "added as the actor ann-observer") {
		t.Errorf("stderr %q", stderr)
	}
	// It survives a restart and passes the provenance check in a dump.
	dump, _, _ := run(t, dir, "dump")
	var c app.Case
	if err := json.Unmarshal([]byte(dump), &c); err != nil {
		t.Fatal(err)
	}
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dump, st.ID) {
		t.Fatal("the statement is not in the dump")
	}
	// In every export; the Web Annotation export holds notes, so the
	// statement gets one.
	if _, stderr, code := run(t, dir, "notes", "add", "--on", "statement:"+st.ID, "Marked by hand."); code != 0 {
		t.Fatal(stderr)
	}
	for _, format := range []string{"md", "csv", "jsonld", "qdpx", "plover"} {
		file := filepath.Join(t.TempDir(), "out."+format)
		if _, stderr, code := run(t, dir, "export", "--format", format, "-o", file); code != 0 {
			t.Fatalf("export %s: %s", format, stderr)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if format != "qdpx" && !strings.Contains(string(data), "Hakari bridge checkpoint once") {
			t.Errorf("the %s export lacks the manual statement", format)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSearchFindsWordsOfASourcesText(t *testing.T) {
	dir := t.TempDir()
	id, _ := importedArticle(t, dir)
	text := "Talks resume\n\n\"We are close to an agreement,\" Mirzoyan said on Monday.\n\nThe narration mentions the Hakari bridge checkpoint once."
	want := app.RuneLen(text[:strings.Index(text, "narration")])
	out, stderr, code := run(t, dir, "search", "narration", "--json")
	if code != 0 {
		t.Fatalf("search: %d %s", code, stderr)
	}
	var groups []struct {
		Kind    string
		Results []struct {
			ID         string
			Snippet    string
			TextOffset *int `json:"text_offset"`
		}
	}
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	found := false
	for _, g := range groups {
		for _, r := range g.Results {
			if g.Kind == "source" && r.ID == id {
				found = true
				if r.TextOffset == nil || *r.TextOffset != want || !strings.Contains(r.Snippet, "narration mentions") {
					t.Errorf("result %+v, want offset %d", r, want)
				}
			}
		}
	}
	if !found {
		t.Fatalf("the source was not found by a word of its narration: %s", out)
	}
	// A filter on statements keeps the source only when it reports one
	// that passes.
	out, stderr, code = run(t, dir, "search", "narration", "--actor", "blinken", "--json")
	if code != 0 || strings.Contains(out, id) {
		t.Errorf("a source with no statement by the actor was found under the actor filter: %d %s %s", code, out, stderr)
	}
	if out, _, _ = run(t, dir, "search", "narration", "--actor", "mirzoyan", "--json"); !strings.Contains(out, id) {
		t.Errorf("the source was not found under its speaker's filter: %s", out)
	}
	out, _, _ = run(t, dir, "search", "narration")
	if !strings.Contains(out, "(in its text, at ") {
		t.Errorf("plain output lacks the offset: %s", out)
	}
}
