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
		out, stderr, code := run(t, dir, "export", "--format", format, "-o", file)
		if code != 0 {
			t.Fatalf("export %s: %s", format, stderr)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		in := strings.Contains(string(data), "Hakari bridge checkpoint once")
		switch format {
		case "plover":
			// Not coded, so no event: left out, and counted.
			var res struct {
				PLOVER struct {
					NoCategory int `json:"no_category"`
				} `json:"plover"`
			}
			if err := json.Unmarshal([]byte(out), &res); err != nil || in || res.PLOVER.NoCategory == 0 {
				t.Errorf("plover: the uncoded manual statement is in the export (%v), or not counted: %s (%v)", in, out, err)
			}
		case "qdpx":
		default:
			if !in {
				t.Errorf("the %s export lacks the manual statement", format)
			}
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

// TestReportsSplitAndMergeFromTheCommandLine: a reprint's quote is filed as
// a report of the first article's statement; split takes it out, merge
// puts it back.
func TestReportsSplitAndMergeFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	wire := filepath.Join(files, "wire.txt")
	again := filepath.Join(files, "again.txt")
	if err := os.WriteFile(wire, []byte("Talks\n\n\"We have advanced on several articles of the draft,\" Mirzoyan told reporters."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(again, []byte("Reprint\n\nMirzoyan said: «We have advanced on several articles of the draft.»"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{wire, again} {
		if _, stderr, code := run(t, dir, "import", "--date", "2023-05-04", f); code != 0 {
			t.Fatal(stderr)
		}
	}
	var c app.Case
	dumpCase := func() {
		out, _, _ := run(t, dir, "dump")
		c = app.Case{}
		if err := json.Unmarshal([]byte(out), &c); err != nil {
			t.Fatal(err)
		}
	}
	dumpCase()
	var joined app.Statement
	for _, st := range c.Statements {
		if strings.Contains(st.Quote, "advanced") {
			joined = st
		}
	}
	if joined.ReportCount() != 2 {
		t.Fatalf("the reprint was not filed as a report: %+v", joined)
	}
	second := joined.Reports[0].Source
	out, stderr, code := run(t, dir, "statements", "split", joined.ID, "--report", second)
	if code != 0 {
		t.Fatal(stderr)
	}
	var parts []app.Statement
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var st app.Statement
		if err := json.Unmarshal([]byte(line), &st); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, st)
	}
	if len(parts) != 2 || parts[0].ReportCount() != 1 || parts[1].Source != second {
		t.Fatalf("split gave %+v", parts)
	}
	if _, stderr, code := run(t, dir, "statements", "merge", parts[0].ID, parts[1].ID); code != 0 {
		t.Fatal(stderr)
	}
	dumpCase()
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
	for _, st := range c.Statements {
		if st.ID == joined.ID && st.ReportCount() != 2 {
			t.Fatalf("merge did not put the report back: %+v", st)
		}
	}
	// Cutting the words of a statement two sources report is refused.
	if _, stderr, code := run(t, dir, "statements", "split", joined.ID, itoa(joined.Start+5)); code != 2 || !strings.Contains(stderr, "reported by 2 sources") {
		t.Fatalf("cut: %d %s", code, stderr)
	}
}

// TestCopiesOfAnArticleAreDuplicates: the same article with other spacing,
// or at the same address, is reported and not filed, unless --force.
func TestCopiesOfAnArticleAreDuplicates(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	text := "Talks resume\n\n\"We are close to an agreement,\" Mirzoyan said on Monday.\n"
	write := func(name, body string) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	orig := write("a.txt", text)
	spaced := write("b.txt", strings.ReplaceAll(text, " ", "   "))
	other := write("c.txt", "Something else entirely\n\n\"Other words,\" Bayramov said.\n")
	if _, stderr, code := run(t, dir, "import", "--url", "https://news.example/a", orig); code != 0 {
		t.Fatal(stderr)
	}
	out, stderr, code := run(t, dir, "import", spaced)
	if code != 0 || !strings.Contains(out, `"duplicate":true`) || !strings.Contains(stderr, "the same text apart from its spacing") {
		t.Fatalf("spacing copy: %d %s %s", code, out, stderr)
	}
	out, stderr, _ = run(t, dir, "import", "--url", "https://news.example/a", other)
	if !strings.Contains(out, `"duplicate":true`) || !strings.Contains(stderr, "the same address") {
		t.Fatalf("same address: %s %s", out, stderr)
	}
	out, stderr, code = run(t, dir, "import", "--force", spaced)
	if code != 0 || strings.Contains(out, `"duplicate":true`) {
		t.Fatalf("--force: %d %s %s", code, out, stderr)
	}
	list, _, _ := run(t, dir, "sources", "list")
	if n := strings.Count(list, "Talks resume"); n != 2 {
		t.Fatalf("%d copies listed after --force:\n%s", n, list)
	}
}

// TestStatementsMatchJoinsWhatWasFiledApart: two articles filed as separate
// statements (one kept apart at import) are found and joined on demand.
func TestStatementsMatchJoinsWhatWasFiledApart(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	a := filepath.Join(files, "a.txt")
	b := filepath.Join(files, "b.txt")
	os.WriteFile(a, []byte("Talks\n\n\"We have advanced on several articles of the draft,\" Mirzoyan told reporters."), 0o644)
	os.WriteFile(b, []byte("Reprint\n\nMirzoyan said: «We have advanced on several articles of the draft.»"), 0o644)
	for _, f := range []string{a, b} {
		if _, stderr, code := run(t, dir, "import", "--date", "2023-05-04", f); code != 0 {
			t.Fatal(stderr)
		}
	}
	// Split the automatic join apart, as if filed before matching existed.
	out, _, _ := run(t, dir, "dump")
	var c app.Case
	json.Unmarshal([]byte(out), &c)
	for _, st := range c.Statements {
		if st.ReportCount() == 2 {
			if _, stderr, code := run(t, dir, "statements", "split", st.ID, "--report", st.Reports[0].Source); code != 0 {
				t.Fatal(stderr)
			}
		}
	}
	out, _, code := run(t, dir, "statements", "match", "--dry-run")
	if code != 0 || strings.Count(out, `"into"`) != 1 {
		t.Fatalf("dry run: %d %s", code, out)
	}
	before, _, _ := run(t, dir, "dump")
	if out2, _, _ := run(t, dir, "statements", "match", "--dry-run"); out2 != out {
		t.Fatal("a dry run is not repeatable")
	}
	if after, _, _ := run(t, dir, "dump"); after != before {
		t.Fatal("a dry run changed the casebook")
	}
	if _, stderr, code := run(t, dir, "statements", "match"); code != 0 {
		t.Fatal(stderr)
	}
	if out, _, _ := run(t, dir, "statements", "match", "--dry-run"); strings.TrimSpace(out) != "" {
		t.Fatalf("still matches after joining: %s", out)
	}
	dump, _, _ := run(t, dir, "dump")
	json.Unmarshal([]byte(dump), &c)
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
}

func TestSearchQueryLanguageAndMistakes(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := run(t, dir, "search", "progress", "speaker:Blinken", "--json")
	if code != 0 || !strings.Contains(out, `"statement"`) {
		t.Fatalf("%d %s %s", code, out, stderr)
	}
	_, stderr, code = run(t, dir, "search", `"Lachin corridor`)
	if code != 2 || !strings.Contains(stderr, "not closed") {
		t.Fatalf("an open quote: %d %s", code, stderr)
	}
	_, stderr, code = run(t, dir, "search", "peace", "when:2023")
	if code != 2 || !strings.Contains(stderr, "is not a field") {
		t.Fatalf("an unknown field: %d %s", code, stderr)
	}
}

func TestSearchPages(t *testing.T) {
	dir := t.TempDir()
	ids := func(args ...string) []string {
		out, stderr, code := run(t, dir, append([]string{"search", "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		var groups []struct {
			Kind    string
			Total   int
			Results []struct{ ID string }
		}
		if err := json.Unmarshal([]byte(out), &groups); err != nil {
			t.Fatal(err)
		}
		var out2 []string
		for _, g := range groups {
			if g.Kind == "statement" {
				for _, r := range g.Results {
					out2 = append(out2, r.ID)
				}
			}
		}
		return out2
	}
	all := ids("Blinken", "--limit", "6")
	first := ids("Blinken", "--limit", "3")
	next := ids("Blinken", "--limit", "3", "--offset", "3")
	if len(all) != 6 || strings.Join(append(first, next...), " ") != strings.Join(all, " ") {
		t.Fatalf("pages %v + %v, want %v", first, next, all)
	}
	if _, stderr, code := run(t, dir, "search", "Blinken", "--offset", "-1"); code != 2 || !strings.Contains(stderr, "--offset") {
		t.Fatalf("a negative offset: %d %s", code, stderr)
	}
}
