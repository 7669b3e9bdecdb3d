package app_test

import (
	"errors"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/storetest"
)

// articleText is a short article of our own, with a quote the extractor
// would find and narration around it.
const articleText = "Talks resumed on Monday.\n\n" +
	"\"We are close to an agreement on the border,\" the minister said. \"Some questions remain open.\"\n\n" +
	"Ковалёв ответил: «Мы готовы к переговорам».\n\n" +
	"The delegations meet again next week."

// withArticle adds a source with articleText to a seeded casebook.
func withArticle(t *testing.T) (*app.Casebook, app.Source) {
	t.Helper()
	cb, _ := storetest.Seeded(t)
	text := articleText
	src := app.Source{ID: "src-test", Title: "Talks resume", Outlet: "Our desk", Published: "2023-05-03",
		DatePrecision: app.PrecisionDay, Language: "en", TextHash: app.TextHash(text), TextLength: app.RuneLen(text), HasText: true}
	if err := cb.Store.Update(func(tx app.Tx) error { return tx.PutSource(src, &text) }); err != nil {
		t.Fatal(err)
	}
	return cb, src
}

// spanOfWords finds words in articleText and returns their code point range.
func spanOfWords(t *testing.T, words string) app.Range {
	t.Helper()
	i := strings.Index(articleText, words)
	if i < 0 {
		t.Fatalf("%q is not in the article", words)
	}
	start := app.RuneLen(articleText[:i])
	return app.Range{Start: start, End: start + app.RuneLen(words)}
}

// checkVerbatim runs the provenance check on the whole casebook.
func checkVerbatim(t *testing.T, cb *app.Casebook) {
	t.Helper()
	c, err := cb.Dump()
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Validate(c); err != nil {
		t.Fatalf("the casebook fails its provenance check: %v", err)
	}
}

func TestAddStatementIsVerbatimAndUndoable(t *testing.T) {
	cb, _ := withArticle(t)
	r := spanOfWords(t, "\"Some questions remain open.\"")
	// A mouse selection takes the blank before the quote: it is trimmed.
	r.Start--
	st, rev, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Quote != "\"Some questions remain open.\"" || st.Start != r.Start+1 || st.Date != "2023-05-03" || st.Kind != app.KindDirect {
		t.Fatalf("statement = %+v", st)
	}
	checkVerbatim(t, cb)
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Store.Statement(st.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("undo left the statement")
	}
}

func TestAddStatementWithANewSpeaker(t *testing.T) {
	cb, _ := withArticle(t)
	r := spanOfWords(t, "«Мы готовы к переговорам»")
	who := app.Actor{ID: "kovalev", Name: "Ковалёв", Kind: app.ActorPerson, Aliases: []string{}}
	st, rev, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, NewSpeaker: &who})
	if err != nil {
		t.Fatal(err)
	}
	if st.Quote != "«Мы готовы к переговорам»" || len(st.Speakers) != 1 || st.Speakers[0] != "kovalev" {
		t.Fatalf("statement = %+v", st)
	}
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Store.Actor("kovalev"); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("undo left the actor it created")
	}
}

func TestAddStatementRefusesBadInput(t *testing.T) {
	cb, _ := withArticle(t)
	n := app.RuneLen(articleText)
	for _, tc := range []struct {
		name  string
		draft app.StatementDraft
		want  string
	}{
		{"unknown source", app.StatementDraft{Source: "nope", Range: app.Range{Start: 0, End: 4}, Speakers: []string{"blinken"}}, "not found"},
		{"past the end", app.StatementDraft{Source: "src-test", Range: app.Range{Start: n - 2, End: n + 5}, Speakers: []string{"blinken"}}, "not inside"},
		{"empty", app.StatementDraft{Source: "src-test", Range: app.Range{Start: 3, End: 3}, Speakers: []string{"blinken"}}, "not inside"},
		{"blank", app.StatementDraft{Source: "src-test", Range: spanOfWords(t, "\n\n"), Speakers: []string{"blinken"}}, "white space"},
		{"no speaker", app.StatementDraft{Source: "src-test", Range: app.Range{Start: 0, End: 5}}, "no speaker"},
		{"unknown speaker", app.StatementDraft{Source: "src-test", Range: app.Range{Start: 0, End: 5}, Speakers: []string{"ghost"}}, "not an actor"},
		{"seed has no text", app.StatementDraft{Source: "seed-article", Range: app.Range{Start: 0, End: 5}, Speakers: []string{"blinken"}}, "no stored text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := cb.Store.StatementIDs()
			_, _, err := cb.AddStatement(tc.draft)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one saying %q", err, tc.want)
			}
			after, _ := cb.Store.StatementIDs()
			if len(after) != len(before) {
				t.Fatal("a refused statement changed the casebook")
			}
		})
	}
}

func TestSplitAndMergeKeepTheWordsAndTheNotes(t *testing.T) {
	cb, _ := withArticle(t)
	whole := "\"We are close to an agreement on the border,\" the minister said. \"Some questions remain open.\""
	r := spanOfWords(t, whole)
	st, _, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	// A note on "questions", in the second sentence.
	q := strings.Index(whole, "questions")
	qs := app.RuneLen(whole[:q])
	note, err := cb.AddNote(app.Target{Kind: app.TargetStatement, ID: st.ID}, &app.Range{Start: qs, End: qs + 9}, "Which ones?", nil)
	if err != nil {
		t.Fatal(err)
	}
	cut := r.Start + app.RuneLen(whole[:strings.Index(whole, " the minister")])
	parts, rev, err := cb.SplitStatement(st.ID, cut)
	if err != nil {
		t.Fatal(err)
	}
	if parts[0].Quote != "\"We are close to an agreement on the border,\"" || !strings.HasPrefix(parts[1].Quote, "the minister said.") {
		t.Fatalf("parts = %q | %q", parts[0].Quote, parts[1].Quote)
	}
	moved, _ := cb.Store.Note(note.ID)
	if moved.Target.ID != parts[1].ID {
		t.Fatalf("the note on the second part stayed on %s", moved.Target.ID)
	}
	if got, _ := app.Slice(parts[1].Quote, moved.Range.Start, moved.Range.End); got != "questions" {
		t.Fatalf("the moved note highlights %q", got)
	}
	checkVerbatim(t, cb)

	merged, _, err := cb.MergeStatements(parts[1].ID, parts[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if merged.Quote != whole || merged.ID != st.ID {
		t.Fatalf("merged = %+v", merged)
	}
	back, _ := cb.Store.Note(note.ID)
	if got, _ := app.Slice(merged.Quote, back.Range.Start, back.Range.End); got != "questions" || back.Target.ID != st.ID {
		t.Fatalf("after the merge the note highlights %q on %s", got, back.Target.ID)
	}
	checkVerbatim(t, cb)
	_ = rev
}

func TestSplitUndoRestoresTheStatement(t *testing.T) {
	cb, _ := withArticle(t)
	r := spanOfWords(t, "\"We are close to an agreement on the border,\" the minister said.")
	st, _, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	parts, rev, err := cb.SplitStatement(st.ID, r.Start+10)
	if err != nil {
		t.Fatal(err)
	}
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	got, _ := cb.Store.Statement(st.ID)
	if got.Quote != st.Quote {
		t.Fatalf("after undo the quote is %q", got.Quote)
	}
	if _, err := cb.Store.Statement(parts[1].ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("undo left the second part")
	}
	if _, _, err := cb.SplitStatement(st.ID, st.End); err == nil {
		t.Fatal("a cut at the end of the quote was accepted")
	}
}

func TestRemoveStatementAndUndo(t *testing.T) {
	cb, _ := storetest.Seeded(t)
	n, err := cb.AddNote(app.Target{Kind: app.TargetStatement, ID: "st-05"}, nil, "mine", nil)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := cb.RemoveStatement("st-05")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Store.Note(n.ID); !errors.Is(err, app.ErrNotFound) {
		t.Fatal("the note on a deleted statement stayed")
	}
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Store.Note(n.ID); err != nil {
		t.Fatal("undo did not bring the note back")
	}
	checkVerbatim(t, cb)
}

func TestSetStatementSpanMovesTheQuote(t *testing.T) {
	cb, _ := withArticle(t)
	r := spanOfWords(t, "\"We are close to an agreement on the border,\"")
	st, _, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	wider := spanOfWords(t, "\"We are close to an agreement on the border,\" the minister said.")
	got, rev, err := cb.SetStatementSpan(st.ID, wider)
	if err != nil || got.Quote != "\"We are close to an agreement on the border,\" the minister said." {
		t.Fatalf("quote = %q, err = %v", got.Quote, err)
	}
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	back, _ := cb.Store.Statement(st.ID)
	if back.Quote != st.Quote {
		t.Fatalf("after undo the quote is %q", back.Quote)
	}
}

func TestParseSourceDate(t *testing.T) {
	for _, tc := range []struct {
		in        string
		date      string
		precision app.DatePrecision
		bad       string
	}{
		{"2023-05-03", "2023-05-03", app.PrecisionDay, ""},
		{" 2023-05 ", "2023-05", app.PrecisionMonth, ""},
		{"2023", "2023", app.PrecisionYear, ""},
		{"", "", app.PrecisionUnknown, ""},
		{"unknown", "", app.PrecisionUnknown, ""},
		{"2023-02-30", "", "", "day out of range"},
		{"2023-13", "", "", "month out of range"},
		{"May 3", "", "", "YYYY-MM-DD"},
		{"0999", "", "", "four digits"},
	} {
		date, precision, err := app.ParseSourceDate(tc.in)
		if tc.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tc.bad) || !errors.Is(err, app.ErrInvalid) {
				t.Errorf("%q: err = %v, want one saying %q", tc.in, err, tc.bad)
			}
			continue
		}
		if err != nil || date != tc.date || precision != tc.precision {
			t.Errorf("%q → %q %q %v", tc.in, date, precision, err)
		}
	}
}

func TestSetSourceMetaFollowsAndUndoes(t *testing.T) {
	cb, _ := withArticle(t)
	r := spanOfWords(t, "\"Some questions remain open.\"")
	st, _, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	m := app.SourceMeta{Title: "  Talks   resume ", Outlet: "Desk", Byline: app.ParseByline("Ann Lee and Bo Park; Ann Lee"),
		Published: "2023-05", URL: "https://example.org/a", Language: "EN-gb"}
	edit, err := cb.SetSourceMeta("src-test", m)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := cb.Store.Source("src-test")
	if got.Title != "Talks resume" || got.Published != "2023-05" || got.DatePrecision != app.PrecisionMonth ||
		got.Language != "en-GB" || strings.Join(got.Byline, "|") != "Ann Lee|Bo Park" {
		t.Fatalf("source = %+v", got)
	}
	moved, _ := cb.Store.Statement(st.ID)
	if moved.Date != "2023-05" {
		t.Fatalf("the statement's date stayed %q", moved.Date)
	}
	checkVerbatim(t, cb)
	for _, bad := range []app.SourceMeta{
		{Title: "x", Published: "2023-02-30"},
		{Title: "", Published: "2023"},
		{Title: "x", URL: "javascript:alert(1)"},
		{Title: "x", Language: "not a tag!"},
	} {
		if _, err := cb.SetSourceMeta("src-test", bad); !errors.Is(err, app.ErrInvalid) {
			t.Errorf("%+v: err = %v", bad, err)
		}
	}
	if after, _ := cb.Store.Source("src-test"); after.Title != "Talks resume" {
		t.Fatal("a refused edit changed the source")
	}
	if err := cb.UndoSourceEdit(edit); err != nil {
		t.Fatal(err)
	}
	back, _ := cb.Store.Source("src-test")
	undone, _ := cb.Store.Statement(st.ID)
	if back.Published != "2023-05-03" || back.Title != "Talks resume" || undone.Date != "2023-05-03" {
		t.Fatalf("after undo: %+v / %q", back, undone.Date)
	}
}

func TestJoinRemoveAndSplitReports(t *testing.T) {
	cb, _ := withArticle(t)
	reprint := "Reprint\n\nHe said: «We are close to an agreement on the border.»"
	src2 := app.Source{ID: "src-reprint", Title: "Reprint", Published: "2023-05-02", DatePrecision: app.PrecisionDay,
		TextHash: app.TextHash(reprint), TextLength: app.RuneLen(reprint), HasText: true}
	if err := cb.Store.Update(func(tx app.Tx) error { return tx.PutSource(src2, &reprint) }); err != nil {
		t.Fatal(err)
	}
	a, _, err := cb.AddStatement(app.StatementDraft{Source: "src-test", Range: spanOfWords(t, "\"We are close to an agreement on the border,\""), Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(reprint, "«")
	r := app.Range{Start: app.RuneLen(reprint[:i]), End: app.RuneLen(reprint)}
	b, _, err := cb.AddStatement(app.StatementDraft{Source: "src-reprint", Range: r, Speakers: []string{"mirzoyan"}})
	if err != nil {
		t.Fatal(err)
	}
	joined, rev, err := cb.JoinStatements(a.ID, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if joined.ReportCount() != 2 || joined.Date != "2023-05-02" || joined.FirstReport().Date != "2023-05-03" {
		t.Fatalf("joined %+v", joined)
	}
	checkVerbatim(t, cb)
	if ids, _ := cb.Store.StatementIDsBySource("src-reprint"); len(ids) != 1 || ids[0] != a.ID {
		t.Fatalf("the reprint lists %v", ids)
	}
	if err := cb.UndoRevision(rev); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Store.Statement(b.ID); err != nil {
		t.Fatal("undoing the join did not bring the second statement back")
	}
	if _, _, err := cb.JoinStatements(a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	// Taking the first source's report out leaves the statement with the
	// reprint's words.
	if _, err := cb.RemoveReport(a.ID, "src-test"); err != nil {
		t.Fatal(err)
	}
	st, _ := cb.Store.Statement(a.ID)
	if st.Source != "src-reprint" || st.ReportCount() != 1 || st.Quote != "«We are close to an agreement on the border.»" {
		t.Fatalf("after removing the first report: %+v", st)
	}
	checkVerbatim(t, cb)
	if _, _, err := cb.SplitReport(a.ID, "src-reprint"); err == nil {
		t.Fatal("splitting a statement's only report was accepted")
	}
}
