package views

import (
	"fmt"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/detail"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSearchBoxFindsAndSelects(t *testing.T) {
	h := newHarness(t)
	h.w.win.Canvas().Focus(h.w.searchBox)
	test.Type(h.w.searchBox, "kilomet")
	h.w.sh.WaitIdle()
	text := h.w.detail.Text()
	if !strings.Contains(text, "the last kilometer of the marathon") || !strings.Contains(text, "STATEMENTS (1)") {
		t.Fatalf("results pane:\n%s", text)
	}
	row := findResult(h.w.detail.Object(), "kilometer")
	if row == nil {
		t.Fatal("no result row")
	}
	test.Tap(row)
	h.w.sh.WaitIdle()
	if sel := h.w.sh.Session.Selection(); sel.Statement != "st-15" {
		t.Fatalf("tapping the result selected %+v", sel)
	}
	if !strings.Contains(h.w.detail.Text(), "SPEAKER") {
		t.Error("the detail pane does not show the statement")
	}
	// Esc in the box clears it; Enter opens the best result.
	test.Type(h.w.searchBox, "")
	h.w.searchBox.SetText("bayramov")
	h.w.sh.WaitIdle()
	h.w.searchBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.sh.WaitIdle()
	if sel := h.w.sh.Session.Selection(); sel.Actor != "bayramov" {
		t.Errorf("Enter selected %+v, want the actor Bayramov", sel)
	}
	h.w.searchBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.w.searchBox.Text != "" {
		t.Error("Esc did not clear the search")
	}
}

// Two letters typed are a word, not yet a prefix: what they begin is found
// from the third, and the pane says so when the two find nothing.
func TestTwoLettersTypedAreAWord(t *testing.T) {
	h := newHarness(t)
	h.w.win.Canvas().Focus(h.w.searchBox)
	test.Type(h.w.searchBox, "ki")
	h.w.sh.WaitIdle()
	if text := h.w.detail.Text(); !strings.Contains(text, "from its third letter") {
		t.Fatalf("two letters that are no word:\n%s", text)
	}
	test.Type(h.w.searchBox, "l")
	h.w.sh.WaitIdle()
	if text := h.w.detail.Text(); !strings.Contains(text, "kilometer") {
		t.Fatalf("three letters find the words they begin:\n%s", text)
	}
}

// TestFilterShowsEverywhere: a filter narrows the list, its title, the
// map's lights and the overview's counts (the bar itself is tested in its
// package).
func TestFilterShowsEverywhere(t *testing.T) {
	h := newHarness(t)
	h.w.sh.Session.SetFilter(app.Filter{Actor: "joint-mfa"})
	h.w.sh.WaitIdle()
	if got := len(h.w.scene.StatementIDs); got != 3 {
		t.Fatalf("speaker filter lists %d statements, want 3", got)
	}
	if !strings.Contains(h.w.statements.Title.Text, "3 shown by the filter") {
		t.Errorf("title %q: the filter must show", h.w.statements.Title.Text)
	}
	if !h.w.scene.LitActors["joint-mfa"] || len(h.w.scene.LitActors) != 1 {
		t.Errorf("map lights %v, want the joint statement only", h.w.scene.LitActors)
	}
	// The actors list too: only who spoke what the filter shows, counted so.
	if rows := h.w.actors.Rows; len(rows) != 1 || rows[0].Actor.ID != "joint-mfa" || rows[0].Count != 3 {
		t.Errorf("actors under the filter: %+v", rows)
	}
	if text := h.w.detail.Text(); !strings.Contains(text, "3 statements by 1 actor shown by the filter.") {
		t.Errorf("the overview does not count what the filter shows:\n%s", text)
	}
	h.w.filters.Reset()
	h.w.sh.WaitIdle()
	if got := len(h.w.scene.StatementIDs); got != 22 {
		t.Errorf("after Clear: %d statements", got)
	}
	if got := len(h.w.actors.Rows); got != 11 {
		t.Errorf("after Clear the actors list holds %d", got)
	}
	if text := h.w.detail.Text(); !strings.Contains(text, "22 statements by 11 actors.") {
		t.Errorf("after Clear the overview does not count the whole casebook:\n%s", text)
	}
}

// findResult finds the search result whose text holds substr.
func findResult(o fyne.CanvasObject, substr string) fyne.Tappable {
	r, _ := findIn(o, func(o fyne.CanvasObject) (fyne.Tappable, bool) {
		v, ok := o.(detail.Texter)
		r, tappable := o.(fyne.Tappable)
		return r, ok && tappable && strings.Contains(v.PlainText(), substr)
	})
	return r
}

// TestSearchShowsMore: past the first page of a kind, a button adds the
// next results under them.
func TestSearchShowsMore(t *testing.T) {
	h := newHarness(t)
	err := h.w.sh.Store.Update(func(tx app.Tx) error {
		for i := range 30 {
			st := app.Statement{ID: fmt.Sprintf("st-extra-%02d", i), Speakers: []string{"blinken"}, Recipients: []string{},
				Quote: fmt.Sprintf("Zanzibar remark number %d", i), Kind: app.KindDirect, Source: "seed-article",
				Start: 0, End: 10, Date: "2023-05-04", Places: []string{}, Tags: []string{}}
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.w.searchBox.SetText("zanzibar ")
	h.w.sh.WaitIdle()
	if !strings.Contains(h.w.detail.Text(), "STATEMENTS (BEST 25 OF 30)") {
		t.Fatalf("results:\n%s", h.w.detail.Text())
	}
	more := findButton(h.w.detail.Object(), "Show 5 more")
	if more == nil {
		t.Fatal("no Show more button")
	}
	test.Tap(more)
	h.w.sh.WaitIdle()
	if text := h.w.detail.Text(); !strings.Contains(text, "STATEMENTS (30)") || strings.Count(text, "Zanzibar remark") != 30 {
		t.Fatalf("after Show more:\n%s", text)
	}
}
