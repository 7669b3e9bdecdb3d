package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSearchBoxFindsAndSelects(t *testing.T) {
	h := newHarness(t)
	h.w.win.Canvas().Focus(h.w.searchBox)
	test.Type(h.w.searchBox, "kilomet")
	h.w.waitIdle()
	text := h.w.detail.Text()
	if !strings.Contains(text, "the last kilometer of the marathon") || !strings.Contains(text, "STATEMENTS (1)") {
		t.Fatalf("results pane:\n%s", text)
	}
	var row *resultRow
	for _, o := range h.w.detail.box.Objects {
		if r, ok := o.(*resultRow); ok {
			row = r
			break
		}
	}
	if row == nil {
		t.Fatal("no result row")
	}
	// The match is highlighted: the word typed is a segment of its own.
	found := false
	for _, seg := range row.text.Segments {
		if seg.Textual() == "kilometer" {
			found = true
		}
	}
	if !found {
		t.Errorf("the matching word is not marked in %q", row.text.String())
	}
	test.Tap(row)
	h.w.waitIdle()
	if sel := h.w.session.Selection(); sel.Statement != "st-15" {
		t.Fatalf("tapping the result selected %+v", sel)
	}
	if !strings.Contains(h.w.detail.Text(), "SPEAKER") {
		t.Error("the detail pane does not show the statement")
	}
	// Esc in the box clears it; Enter opens the best result.
	test.Type(h.w.searchBox, "")
	h.w.searchBox.SetText("bayramov")
	h.w.waitIdle()
	h.w.searchBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.waitIdle()
	if sel := h.w.session.Selection(); sel.Actor != "bayramov" {
		t.Errorf("Enter selected %+v, want the actor Bayramov", sel)
	}
	h.w.searchBox.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.w.searchBox.Text != "" {
		t.Error("Esc did not clear the search")
	}
}

func TestFilterBarNarrowsEverything(t *testing.T) {
	h := newHarness(t)
	f := h.w.filters
	var joint string
	for label, id := range f.actorIDs {
		if id == "joint-mfa" {
			joint = label
		}
	}
	f.actor.SetSelected(joint)
	h.w.waitIdle()
	if got := len(h.w.scene.StatementIDs); got != 3 {
		t.Fatalf("speaker filter lists %d statements, want 3", got)
	}
	if !strings.Contains(h.w.stmtTitle.Text, "3 shown by the filter") || f.clear.Disabled() {
		t.Errorf("title %q, clear disabled %v: the filter must show", h.w.stmtTitle.Text, f.clear.Disabled())
	}
	if !h.w.scene.LitActors["joint-mfa"] || len(h.w.scene.LitActors) != 1 {
		t.Errorf("map lights %v, want the joint statement only", h.w.scene.LitActors)
	}
	if text := h.w.detail.Text(); !strings.Contains(text, "3 statements by 1 actor shown by the filter.") {
		t.Errorf("the overview does not count what the filter shows:\n%s", text)
	}
	f.from.SetText("2023-05-05")
	h.w.waitIdle()
	if got := len(h.w.scene.StatementIDs); got != 0 {
		t.Errorf("a date after the talks lists %d", got)
	}
	f.from.SetText("May")
	h.w.waitIdle()
	if !f.bad.Visible() {
		t.Error("a bad date is not pointed out")
	}
	test.Tap(f.clear)
	h.w.waitIdle()
	if got := len(h.w.scene.StatementIDs); got != 22 || !f.clear.Disabled() {
		t.Errorf("after Clear: %d statements, clear disabled %v", got, f.clear.Disabled())
	}
	if text := h.w.detail.Text(); !strings.Contains(text, "22 statements by 11 actors.") {
		t.Errorf("after Clear the overview does not count the whole casebook:\n%s", text)
	}
}

// The tag filter is typed: its menu offers the tags that match, a tag
// narrows the lists, and text that is no tag is pointed out and filters
// nothing.
func TestFilterBarTagIsTyped(t *testing.T) {
	h := newHarness(t)
	f := h.w.filters
	tests := []struct {
		typed   string
		choices []string // the menu, in order
		listed  int      // statements listed
		bad     bool
	}{
		{"", []string{"agreement", "border post", "dialogue", "headline", "joint statement", "Lachin corridor",
			"leadership", "normalization", "peace", "progress", "security", "support"}, 22, false},
		{"pea", []string{"peace"}, 22, true},
		{"peace", []string{"peace"}, 3, false},
		{"PÉACE", []string{"peace"}, 3, false}, // case and accents aside
		{"o", []string{"border post", "dialogue", "joint statement", "Lachin corridor", "normalization", "progress", "support"}, 22, true},
		{"st", []string{"border post", "joint statement"}, 22, true},
		{"progress", []string{"progress"}, 5, false},
		{"", nil, 22, false},
	}
	for _, tt := range tests {
		f.tag.SetText(tt.typed)
		h.w.waitIdle()
		if tt.choices != nil && !slices.Equal(f.tagMenu, tt.choices) {
			t.Errorf("typed %q: the menu offers %q, want %q", tt.typed, f.tagMenu, tt.choices)
		}
		if got := len(h.w.scene.StatementIDs); got != tt.listed && !tt.bad {
			t.Errorf("typed %q: %d statements listed, want %d", tt.typed, got, tt.listed)
		}
		if f.bad.Visible() != tt.bad {
			t.Errorf("typed %q: problem shown %v (%q), want %v", tt.typed, f.bad.Visible(), f.bad.Text, tt.bad)
		}
	}
}

func TestTimelineShowsAndSelects(t *testing.T) {
	h := newHarness(t)
	h.w.showTab(1)
	h.w.waitIdle()
	tl := h.w.timeline
	if len(tl.data.Points) != 23 || len(tl.data.Lanes) != 5 {
		t.Fatalf("timeline has %d points on %d lanes, want 23 on 5", len(tl.data.Points), len(tl.data.Lanes))
	}
	// One day, spread into single dots: every statement can be clicked.
	singles := 0
	var target timelineMark
	for _, m := range tl.drawn {
		if len(m.ids) == 1 {
			singles++
			if m.ids[0] == "st-15" {
				target = m
			}
		}
	}
	if singles != 23 || target.ids == nil {
		t.Fatalf("%d single dots drawn; st-15 found: %v", singles, target.ids != nil)
	}
	test.TapAt(tl, target.at)
	h.w.waitIdle()
	if sel := h.w.session.Selection(); sel.Statement != "st-15" {
		t.Fatalf("tapping the dot selected %+v", sel)
	}
	// Zooming out far bundles the day into one mark with its count.
	tl.zoom(400, tl.dayAt(target.at.X))
	bundled := false
	for _, m := range tl.drawn {
		if len(m.ids) == 17 {
			bundled = true
		}
	}
	if !bundled {
		t.Error("zoomed out, Blinken's day is not one bundle of 17")
	}
}
