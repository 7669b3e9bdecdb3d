package filterbar

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	_ "codeberg.org/parley/parley/views/locale" // before Fyne; see the package

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/storage/storetest"
	"codeberg.org/parley/parley/views/ui"
)

// newShell is a shell over the seed case, its index built.
func newShell(t *testing.T) *ui.TestShell {
	t.Helper()
	_, store := storetest.IndexedSeed(t)
	sh, err := ui.NewTestShell(test.NewTempApp(t), store)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sh.WaitIdle)
	return sh
}

// listed counts the statements the session's filter lets through.
func listed(t *testing.T, sh *ui.TestShell) int {
	t.Helper()
	sc, err := sh.Session.Scene(app.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return len(sc.StatementIDs)
}

func TestBarNarrowsTheList(t *testing.T) {
	sh := newShell(t)
	f := New(sh.Shell)
	var joint string
	for label, id := range f.actorIDs {
		if id == "joint-mfa" {
			joint = label
		}
	}
	f.actor.SetSelected(joint)
	sh.WaitIdle()
	if got := listed(t, sh); got != 3 {
		t.Fatalf("speaker filter lists %d statements, want 3", got)
	}
	if f.clear.Disabled() {
		t.Error("Clear is disabled with a filter on")
	}
	f.from.SetText("2023-05-05")
	sh.WaitIdle()
	if got := listed(t, sh); got != 0 {
		t.Errorf("a date after the talks lists %d", got)
	}
	f.from.SetText("May")
	sh.WaitIdle()
	if !f.bad.Visible() {
		t.Error("a bad date is not pointed out")
	}
	test.Tap(f.clear)
	sh.WaitIdle()
	if got := listed(t, sh); got != 22 || !f.clear.Disabled() {
		t.Errorf("after Clear: %d statements, clear disabled %v", got, f.clear.Disabled())
	}
}

// The tag filter is typed: its menu offers the tags that match, a tag
// narrows the lists, and text that is no tag is pointed out and filters
// nothing.
func TestTagIsTyped(t *testing.T) {
	sh := newShell(t)
	f := New(sh.Shell)
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
		sh.WaitIdle()
		if tt.choices != nil && !slices.Equal(f.tagMenu, tt.choices) {
			t.Errorf("typed %q: the menu offers %q, want %q", tt.typed, f.tagMenu, tt.choices)
		}
		if got := listed(t, sh); got != tt.listed && !tt.bad {
			t.Errorf("typed %q: %d statements listed, want %d", tt.typed, got, tt.listed)
		}
		if f.bad.Visible() != tt.bad {
			t.Errorf("typed %q: problem shown %v (%q), want %v", tt.typed, f.bad.Visible(), f.bad.Text, tt.bad)
		}
	}
}
