package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/extract"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
	"codeberg.org/parley/parley/storage"
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
		had := map[string]bool{}
		for _, st := range first.Statements {
			had[st.ID] = true
		}
		for _, st := range after.Statements {
			if !had[st.ID] {
				t.Logf("new in the copies: %s %v %q", st.Source, st.Speakers, st.Quote)
			}
		}
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

// TestMatchingPrecisionOnPolNeAR measures matching on pairs built from the
// quotes of the PolNeAR development articles (kept outside the repository;
// skipped without them). Pairs that must match: a quote against itself
// trimmed by a word or two at either end, cut to its first two thirds,
// with one word changed, or with other quotation marks and case. Pairs
// that must not: two different quotes of the same speaker. It reports
// precision and recall at several thresholds and holds the one Parley
// uses to a precision of 0.99.
func TestMatchingPrecisionOnPolNeAR(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpora/polnear-dev/text/*.txt")
	if len(files) == 0 {
		t.Skip("PolNeAR development articles not found in ../shared/corpora")
	}
	bySpeaker := map[string][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range extract.Extract(string(data)) {
			if q.IsStatement() && q.Speaker != "" {
				bySpeaker[q.Speaker] = append(bySpeaker[q.Speaker], q.Text)
			}
		}
	}
	type pair struct {
		a, b  string
		match bool
	}
	var pairs []pair
	for _, quotes := range bySpeaker {
		for i, q := range quotes {
			w := strings.Fields(q)
			if len(w) >= 8 {
				changed := slices.Clone(w)
				changed[len(w)/2] = "different"
				pairs = append(pairs,
					pair{q, strings.Join(w[1:], " "), true},
					pair{q, strings.Join(w[:len(w)-2], " "), true},
					pair{q, strings.Join(w[:len(w)*2/3], " "), true},
					pair{q, strings.Join(changed, " "), true},
					pair{q, "«" + strings.ToUpper(strings.Trim(q, "\"\u201c\u201d,.")) + "»", true})
			}
			for _, other := range quotes[i+1:] {
				if app.NormalQuote(other) != app.NormalQuote(q) {
					pairs = append(pairs, pair{q, other, false})
				}
			}
		}
	}
	must, mustNot := 0, 0
	for _, p := range pairs {
		if p.match {
			must++
		} else {
			mustNot++
		}
	}
	for _, threshold := range []float64{0.5, 0.6, 0.7, 0.8, 0.9} {
		tp, fp := 0, 0
		for _, p := range pairs {
			if app.Nearness(p.a, p.b) >= threshold {
				if p.match {
					tp++
				} else {
					fp++
				}
			}
		}
		precision := float64(tp) / float64(max(tp+fp, 1))
		recall := float64(tp) / float64(max(must, 1))
		t.Logf("threshold %.1f: precision %.4f, recall %.3f (%d pairs that must match, %d that must not; %d false matches)",
			threshold, precision, recall, must, mustNot, fp)
		if threshold == app.NearOverlap && precision < 0.99 {
			t.Errorf("precision %.4f at the threshold Parley uses", precision)
		}
	}
}

// BenchmarkImport1000 imports the PolNeAR development articles twelve times
// over under other names, a line appended to each copy (1,008 articles),
// into a fresh casebook, matching every quote against the statements filed
// before: what a year of reprints and follow-ups costs. Run it with
// -benchtime=1x; it skips without the corpus.
func BenchmarkImport1000(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/corpora/polnear-dev/text/*.txt")
	if len(files) == 0 {
		b.Skip("PolNeAR development articles not found in ../shared/corpora")
	}
	texts := make([]string, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = string(data)
	}
	var statements, reports int
	for b.Loop() {
		b.StopTimer()
		s := newStore(b)
		b.StartTimer()
		for copyN := range 12 {
			for i, text := range texts {
				if copyN > 0 {
					text += fmt.Sprintf("\n\nCopy %d, republished with permission.\n", copyN)
				}
				doc, err := ingest.Read(fmt.Sprintf("%d-%s", copyN, filepath.Base(files[i])), []byte(text))
				if err != nil {
					b.Fatal(err)
				}
				date := strings.Split(filepath.Base(files[i]), "_")[1]
				p, err := importer.Propose(s, doc, importer.Meta{Date: date})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := importer.Commit(s, p); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StopTimer()
		c := dump(b, s)
		statements, reports = len(c.Statements), 0
		for _, st := range c.Statements {
			reports += st.ReportCount()
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(12*len(files)), "articles")
	b.ReportMetric(float64(statements), "statements")
	b.ReportMetric(float64(reports), "reports")
}

// TestPolNeARProposedActors imports the PolNeAR development articles, one
// after another, into a casebook that starts empty, and lists every actor
// the import proposes, for a person to read and judge
// (PARLEY_ACTORS=1 prints them). Skips without the corpus.
func TestPolNeARProposedActors(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpora/polnear-dev/text/*.txt")
	if len(files) == 0 {
		t.Skip("PolNeAR development split not present")
	}
	s, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var names []string
	unnamed := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Read(filepath.Base(f), raw)
		if err != nil {
			t.Fatal(err)
		}
		p, err := importer.Propose(s, doc, importer.Meta{Date: "2016-10-01"})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.NewActors {
			if a.Kind != app.ActorUnnamed { // the group of descriptions, no actor proposed
				names = append(names, a.Name)
			}
		}
		for _, q := range p.Quotes {
			if q.Keep && q.SpeakerID == app.UnnamedSourcesID {
				unnamed++
			}
		}
		if _, err := importer.Commit(s, p); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d actors proposed over %d articles; %d statements filed under the unnamed sources", len(names), len(files), unnamed)
	if os.Getenv("PARLEY_ACTORS") != "" {
		t.Log("\n" + strings.Join(names, "\n"))
	}
}
