package views

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
)

// TestChangingACodeShowsEverywhere changes a statement's code in the
// detail pane: the coding is confirmed, the map's line for its pair
// changes colour, and the PLOVER export carries the new code.
func TestChangingACodeShowsEverywhere(t *testing.T) {
	h := newHarness(t)
	h.w.sh.Session.Select(app.Selection{Actor: "gov-azerbaijan", Statement: "st-21"})
	h.w.sh.WaitIdle()
	text := h.w.detail.Text()
	if !strings.Contains(text, "EVENT CODING") || !strings.Contains(text, "Coded with the seed case") {
		t.Fatalf("coding block:\n%s", text)
	}
	lineColor := func(from, to string) string {
		for _, l := range h.w.mapView.Lines() {
			if l.Stat.From == from && l.Stat.To == to {
				r, g, b, _ := l.Color.RGBA()
				return strings.Join([]string{string(rune(r >> 8)), string(rune(g >> 8)), string(rune(b >> 8))}, ",")
			}
		}
		return ""
	}
	st, _ := h.store.Statement("st-21")
	if len(st.Recipients) == 0 {
		t.Fatal("st-21 has no recipient")
	}
	before := lineColor("gov-azerbaijan", st.Recipients[0])
	// Choose a cooperative code from the pane's menu, as a user would.
	if findButton(h.w.detail.Object(), "Change the code") == nil {
		t.Fatal("no way to change the code")
	}
	st, _ = h.store.Statement("st-21")
	var pick *fyne.MenuItem
	for _, cat := range h.w.detail.CodeMenu(st).Items {
		if cat.Label != "SUPPORT" {
			continue
		}
		for _, it := range cat.ChildMenu.Items {
			if strings.HasPrefix(it.Label, "051 ") {
				pick = it
			}
		}
	}
	if pick == nil {
		t.Fatal("no code 051 under SUPPORT")
	}
	pick.Action()
	h.w.sh.WaitIdle()
	st, _ = h.store.Statement("st-21")
	if st.Coding.CAMEO != "051" || st.Coding.Category != "SUPPORT" || !st.Coding.Confirmed || st.Coding.Score != 5 || st.Coding.By != app.CodedByUser {
		t.Fatalf("coding saved as %+v", st.Coding)
	}
	if !strings.Contains(h.w.detail.Text(), "Confirmed by you") {
		t.Error("a code the user chose is not shown as theirs")
	}
	if after := lineColor("gov-azerbaijan", st.Recipients[0]); after == before {
		t.Error("the map line kept its colour")
	}
	b, _ := exchange.Gather(h.w.sh.Casebook(), app.Filter{})
	var buf bytes.Buffer
	if err := exchange.Export(context.Background(), b, "plover", &buf, h.w.sh.Codes, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var rec struct {
			Statement string   `json:"parley_statement"`
			Event     []string `json:"event"`
			CAMEO     string   `json:"cameo"`
		}
		json.Unmarshal([]byte(line), &rec)
		if rec.Statement == "st-21" && rec.CAMEO == "051" && len(rec.Event) == 1 && rec.Event[0] == "SUPPORT" {
			found = true
		}
	}
	if !found {
		t.Error("the PLOVER export does not carry the change")
	}
	// A suggested code looks different and can be confirmed with a tap.
	if _, err := h.w.sh.Casebook().SetCoding("st-13", app.Coding{CAMEO: "010"}); err != nil {
		t.Fatal(err)
	}
	sug, _ := h.store.Statement("st-13")
	sug.Coding.Confirmed = false
	h.store.Update(func(tx app.Tx) error { return tx.PutStatement(sug) })
	h.w.sh.Session.Changed("st-13")
	h.w.sh.Session.Select(app.Selection{Actor: "blinken", Statement: "st-13"})
	h.w.sh.WaitIdle()
	if !strings.Contains(h.w.detail.Text(), "Suggested by Parley") {
		t.Fatal("a suggestion is not marked as one")
	}
	confirm := findButton(h.w.detail.Object(), "Confirm")
	if confirm == nil {
		t.Fatal("no Confirm button on a suggestion")
	}
	test.Tap(confirm)
	h.w.sh.WaitIdle()
	if st, _ := h.store.Statement("st-13"); !st.Coding.Confirmed {
		t.Error("Confirm did not confirm")
	}
}

// TestMapPairLinesMatchTheStatements checks the lines the map draws against
// a plain count over the statements listed: one line per speaker →
// pair line on the map lists what one said to the other, with the pair in
// the detail pane.
func TestClickingAPairLineListsThePair(t *testing.T) {
	h := newHarness(t)
	all, err := h.w.sh.Casebook().Dump()
	if err != nil {
		t.Fatal(err)
	}
	want := app.PairStats(all.Statements)
	m := h.w.mapView
	// A click on a line lists the statements between that pair.
	var mid *fyne.Position
	for _, l := range m.Lines() {
		if l.Drawn && l.Stat.From == "blinken" && l.Stat.To == "gov-azerbaijan" {
			mid = &l.Middle
		}
	}
	if mid == nil {
		t.Fatal("no line from Blinken to the government of Azerbaijan")
	}
	m.Tapped(&fyne.PointEvent{Position: *mid})
	h.w.sh.WaitIdle()
	sel := h.w.sh.Session.Selection()
	if sel.Actor != "blinken" || sel.Recipient != "gov-azerbaijan" {
		t.Fatalf("clicking the line selected %+v", sel)
	}
	if got, w := h.w.scene.StatementIDs, want[app.Pair{From: "blinken", To: "gov-azerbaijan"}].Statements; len(got) != len(w) {
		t.Errorf("the pair lists %d statements, want %d", len(got), len(w))
	}
	if text := h.w.detail.Text(); !strings.Contains(text, "Antony Blinken → Government of Azerbaijan") || !strings.Contains(text, "MONTH BY MONTH") {
		t.Errorf("the pair pane:\n%s", text)
	}
}

// TestCtrlKConfirmsTheSuggestedCode: one keystroke confirms the code Parley
// suggested for the statement shown.
func TestCtrlKConfirmsTheSuggestedCode(t *testing.T) {
	h := newHarness(t)
	st, err := h.w.sh.Store.Statement("st-13")
	if err != nil {
		t.Fatal(err)
	}
	st.Coding = app.SuggestCoding(app.Statement{Cue: "said", Quote: "We condemn the shelling of the villages"})
	if err := h.w.sh.Store.Update(func(tx app.Tx) error { return tx.PutStatement(st) }); err != nil {
		t.Fatal(err)
	}
	if err := h.w.sh.Session.Reload(); err != nil {
		t.Fatal(err)
	}
	h.w.sh.Session.Select(app.Selection{Statement: "st-13"})
	h.w.sh.WaitIdle()
	fire(h.w, ctrl(fyne.KeyK, false))
	h.w.sh.WaitIdle()
	got, _ := h.w.sh.Store.Statement("st-13")
	if !got.Coding.Confirmed || got.Coding.CAMEO != "111" || got.Coding.By != app.CodedByUser || got.Coding.Why != "" {
		t.Errorf("after Ctrl+K: %+v", got.Coding)
	}
	if !strings.Contains(h.w.status.Text, "Code confirmed") {
		t.Errorf("status %q", h.w.status.Text)
	}
	fire(h.w, ctrl(fyne.KeyK, false))
	h.w.sh.WaitIdle()
	if !strings.Contains(h.w.status.Text, "confirmed already") {
		t.Errorf("second Ctrl+K: status %q", h.w.status.Text)
	}
	// Ctrl+Shift+K opens the codes to choose another.
	fire(h.w, ctrl(fyne.KeyK, true))
	if top := h.w.win.Canvas().Overlays().Top(); top == nil || !slices.Contains(texts(top), "SUPPORT") {
		t.Errorf("Ctrl+Shift+K showed %v, want the menu of codes", top)
	}
	h.w.win.Canvas().Overlays().Top().Hide()
	h.w.sh.Session.Select(app.Selection{})
	h.w.sh.WaitIdle()
	fire(h.w, ctrl(fyne.KeyK, true))
	if !strings.Contains(h.w.status.Text, "Select a statement to change its code") {
		t.Errorf("Ctrl+Shift+K with nothing shown: status %q", h.w.status.Text)
	}
}

// findCheck finds a check box whose text starts with prefix.
func findCheck(o fyne.CanvasObject, prefix string) *widget.Check {
	c, _ := findIn(o, func(o fyne.CanvasObject) (*widget.Check, bool) {
		v, ok := o.(*widget.Check)
		return v, ok && strings.HasPrefix(v.Text, prefix)
	})
	return c
}

// An act a statement reports of the speaker's own side shows as such in
// the detail pane, survives a change to another act, and is undone by its
// box; a code for words drops it.
func TestAnActOfTheSpeakersSideIsShownAndKept(t *testing.T) {
	dir := t.TempDir()
	s := seededStore(t, dir)
	if err := s.Update(func(tx app.Tx) error {
		st, err := tx.Statement("st-21")
		if err != nil {
			return err
		}
		st.Quote, st.Cue = "Our units withdrew from the two villages", "said"
		st.Coding = app.SuggestCoding(st)
		return tx.PutStatement(st)
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	h := openHarness(t, dir)
	h.w.sh.Session.Select(app.Selection{Actor: "gov-azerbaijan", Statement: "st-21"})
	h.w.sh.WaitIdle()
	const label = "Done by the speaker's own side"
	side := findCheck(h.w.detail.Object(), label)
	if side == nil || !side.Checked {
		t.Fatalf("no checked box for the speaker's side: %v\n%s", side, h.w.detail.Text())
	}
	if got := h.w.win.Content().MinSize(); got.Width > 1024 {
		t.Errorf("with the box shown the window needs %v", got)
	}
	pick := func(category string, code string) {
		t.Helper()
		st, _ := h.store.Statement("st-21")
		for _, cat := range h.w.detail.CodeMenu(st).Items {
			if cat.Label != category {
				continue
			}
			for _, it := range cat.ChildMenu.Items {
				if code == "" || strings.HasPrefix(it.Label, code+" ") {
					it.Action()
					h.w.sh.WaitIdle()
					return
				}
			}
		}
		t.Fatalf("no code %q under %s", code, category)
	}
	pick("ASSAULT", "")
	if st, _ := h.store.Statement("st-21"); st.Coding.Category != "ASSAULT" || !st.Coding.BySpeakersSide {
		t.Fatalf("after another act: %+v", st.Coding)
	}
	if side = findCheck(h.w.detail.Object(), label); side == nil || !side.Checked {
		t.Fatal("the box went with the new code")
	}
	test.Tap(side)
	h.w.sh.WaitIdle()
	if st, _ := h.store.Statement("st-21"); st.Coding.BySpeakersSide || !st.Coding.Confirmed {
		t.Fatalf("after unticking: %+v", st.Coding)
	}
	pick("SUPPORT", "051")
	if st, _ := h.store.Statement("st-21"); st.Coding.BySpeakersSide {
		t.Fatalf("a code for words kept the side: %+v", st.Coding)
	}
	if findCheck(h.w.detail.Object(), label) != nil {
		t.Error("the box is shown for a code for words")
	}
}

// texts collects every text drawn under an object, menus' included.
func texts(o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *canvas.Text:
		out = append(out, v.Text)
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, texts(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, texts(c)...)
		}
	}
	return out
}
