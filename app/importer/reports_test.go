package importer_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/importer"
)

// A wire story of our own and a reprint by another outlet that trims the
// quote and prints it with other quotation marks.
const (
	wireStory = `Talks resume in Arlington

ARLINGTON, May 4, 2023 — "We have advanced on several articles of the draft, and some gaps remain," Mirzoyan told reporters after the last session.

Bayramov said the sides "understand each other better than a week ago".
`
	reprint = `Armenian minister sees progress

YEREVAN, May 5, 2023 — Foreign Minister Ararat Mirzoyan said: «We have advanced on several articles of the draft». He spoke in Arlington.
`
)

func TestAReprintIsAReportOfTheSameStatement(t *testing.T) {
	s := newStore(t)
	first, err := importer.Commit(s, propose(t, s, "wire.txt", wireStory, importer.Meta{}))
	if err != nil {
		t.Fatal(err)
	}
	p := propose(t, s, "reprint.txt", reprint, importer.Meta{})
	var q *importer.Quote
	for i := range p.Quotes {
		if strings.Contains(p.Quotes[i].Text, "advanced") {
			q = &p.Quotes[i]
		}
	}
	if q == nil || q.Joins == nil || q.JoinsReports != 1 {
		t.Fatalf("the reprinted quote is not matched: %+v", q)
	}
	res, err := importer.Commit(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Joined != 1 || res.Statements != 0 {
		t.Fatalf("result %+v, want the quote joined and no new statement", res)
	}
	ids, _ := s.StatementIDsBySource(res.SourceID)
	if len(ids) != 1 {
		t.Fatalf("the reprint lists %d statements, want the joined one", len(ids))
	}
	st, _ := s.Statement(ids[0])
	if st.Source != first.SourceID || st.ReportCount() != 2 || st.Reports[0].Source != res.SourceID ||
		st.Reports[0].Quote != "We have advanced on several articles of the draft" || st.Date != "2023-05-04" {
		t.Fatalf("statement %+v", st)
	}
	c := dump(t, s)
	if err := app.Validate(c); err != nil {
		t.Fatal(err)
	}
	// Deleting the reprint takes only its report; undo puts it back.
	cb := &app.Casebook{Store: s}
	gone, err := cb.DeleteSource(res.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	if len(gone.Statements) != 0 || len(gone.Changed) != 1 {
		t.Fatalf("deleting the reprint removed %d statements and changed %d", len(gone.Statements), len(gone.Changed))
	}
	if st, _ := s.Statement(ids[0]); st.ReportCount() != 1 {
		t.Fatal("the reprint's report outlived its source")
	}
	if err := app.Validate(dump(t, s)); err != nil {
		t.Fatal(err)
	}
	if err := cb.RestoreCase(gone); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, s); !reflect.DeepEqual(c, after) {
		t.Fatal("undo of the delete did not bring the report back")
	}
	// Deleting the wire story instead leaves the statement reported by the
	// reprint alone.
	if _, err := cb.DeleteSource(first.SourceID); err != nil {
		t.Fatal(err)
	}
	st, err = s.Statement(ids[0])
	if err != nil || st.Source != res.SourceID || st.ReportCount() != 1 || st.Date != "2023-05-05" {
		t.Fatalf("after deleting the first source: %+v, %v", st, err)
	}
	if err := app.Validate(dump(t, s)); err != nil {
		t.Fatal(err)
	}
}

func TestDifferentSpeakersAreNeverJoined(t *testing.T) {
	s := newStore(t)
	if _, err := importer.Commit(s, propose(t, s, "wire.txt", wireStory, importer.Meta{})); err != nil {
		t.Fatal(err)
	}
	other := strings.ReplaceAll(reprint, "Foreign Minister Ararat Mirzoyan", "Foreign Minister Jeyhun Bayramov")
	p := propose(t, s, "other.txt", other, importer.Meta{})
	for _, q := range p.Quotes {
		if q.Joins != nil {
			t.Fatalf("a quote by another speaker joined %s", q.Joins.Statement)
		}
	}
}

// TestPolNeARCopiesAddReportsNotStatements imports the PolNeAR development
// articles, then each again under another name with a line appended: the
// statements stay as many, each with a report from each copy. The corpus
// is research data kept outside the repository; the test skips without it.
func TestPolNeARCopiesAddReportsNotStatements(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpora/polnear-dev/text/*.txt")
	if len(files) == 0 {
		t.Skip("PolNeAR development articles not found in ../shared/corpora")
	}
	if testing.Short() {
		files = files[:20]
	}
	s := newStore(t)
	importAll := func(suffix, extra string) {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimSuffix(filepath.Base(f), ".txt") + suffix + ".txt"
			// The copies keep the original's date: a reprint the same day.
			date := strings.Split(filepath.Base(f), "_")[1]
			if _, err := importer.Commit(s, propose(t, s, name, string(data)+extra, importer.Meta{Date: date})); err != nil {
				t.Fatal(err)
			}
		}
	}
	importAll("", "")
	first := dump(t, s)
	importAll("-copy", "\n\nThis article was republished with permission.\n")
	after := dump(t, s)
	if len(after.Statements) != len(first.Statements) {
		t.Fatalf("%d statements after the copies, %d before", len(after.Statements), len(first.Statements))
	}
	seedSources := 1
	if len(after.Sources) != len(first.Sources)+len(files) || len(first.Sources) != len(files)+seedSources {
		t.Fatalf("%d sources, want %d", len(after.Sources), len(first.Sources)+len(files))
	}
	// Each statement is reported twice as often: by its articles and by
	// their copies. (Some words are reported by several articles already.)
	before := map[string]int{}
	reports := 0
	for _, st := range first.Statements {
		before[st.ID] = st.ReportCount()
		reports += st.ReportCount()
	}
	wrong := 0
	for _, st := range after.Statements {
		if st.Source != "seed-article" && st.ReportCount() != 2*before[st.ID] {
			wrong++
			t.Logf("%s: %d reports, %d before the copies: %q", st.ID, st.ReportCount(), before[st.ID], st.Quote)
		}
	}
	if wrong > 0 {
		t.Errorf("%d statements are not reported by their copies exactly once more", wrong)
	}
	if err := app.Validate(after); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles: %d statements with %d reports; with their copies, the same statements with twice the reports",
		len(files), len(first.Statements)-22, reports-22)
}
