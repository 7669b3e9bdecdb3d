package views

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/fold"
)

// plainCategory stands for the CAMEO codes PLOVER leaves uncoded: public
// statements, comments, appeals.
const plainCategory = "Plain statement (CAMEO only)"

// codingBlock shows a statement's event coding in words, says whether a
// person confirmed it, and lets the user confirm or change it and the
// recipients.
func (d *detailPane) codingBlock(sd *app.StatementDetail) []fyne.CanvasObject {
	st := sd.Statement
	w := d.w
	objs := []fyne.CanvasObject{caption("Event coding")}
	var names []string
	for _, a := range sd.Speakers {
		names = append(names, a.Name)
	}
	var to []string
	for _, a := range sd.Recipients {
		to = append(to, a.Name)
	}
	who := strings.Join(names, " & ")
	if len(to) > 0 {
		who += " → " + strings.Join(to, ", ")
	} else {
		who += " → (no recipient: no line on the map)"
	}
	objs = append(objs, para(who))
	c := st.Coding
	words := "Not coded."
	if w.codes != nil {
		words = w.codes.Words(c)
	}
	status := widget.NewLabel("")
	label := para(words)
	var confirm *widget.Button
	switch {
	case c.IsZero():
		status.SetText("Not coded yet: choose a category and a code below.")
	case c.Confirmed:
		status.SetText("✓ Confirmed by you")
		status.TextStyle.Bold = true
		status.Importance = widget.SuccessImportance
		label.TextStyle.Bold = true
	default:
		status.SetText("Suggested by Parley from the cue and the words: check it")
		status.Importance = widget.WarningImportance
		confirm = widget.NewButtonWithIcon("Confirm", theme.ConfirmIcon(), func() { w.saveCoding(st.ID, c) })
	}
	objs = append(objs, label)
	if !c.IsZero() {
		objs = append(objs, newScoreBar(c.Goldstein))
	}
	if confirm != nil {
		objs = append(objs, container.NewBorder(nil, nil, nil, confirm, status))
	} else {
		objs = append(objs, status)
	}
	if w.codes != nil {
		objs = append(objs, container.NewHBox(d.menuButton("Change the code…", theme.DocumentCreateIcon(), func() *fyne.Menu { return d.codeMenu(st) })))
	}
	objs = append(objs, d.recipientEditor(sd))
	return objs
}

// codeMenu offers every code, grouped by PLOVER category, each with its
// score; the choice is saved as confirmed. A menu rather than a drop-down:
// its width does not depend on the longest code name.
func (d *detailPane) codeMenu(st app.Statement) *fyne.Menu {
	w := d.w
	byCategory := map[string][]app.CameoCode{}
	for _, cc := range w.codes.Cameo {
		cat := cc.Category
		if cat == "" {
			cat = plainCategory
		}
		byCategory[cat] = append(byCategory[cat], cc)
	}
	cats := []string{plainCategory}
	for _, c := range w.codes.Categories {
		if len(byCategory[c]) > 0 {
			cats = append(cats, c)
		}
	}
	var items []*fyne.MenuItem
	for _, cat := range cats {
		codes := byCategory[cat]
		slices.SortFunc(codes, func(a, b app.CameoCode) int { return cmp.Compare(a.Code, b.Code) })
		sub := fyne.NewMenu(cat)
		for _, cc := range codes {
			item := fyne.NewMenuItem(fmt.Sprintf("%s %s (%+.1f)", cc.Code, cc.Name, cc.Goldstein), func() {
				coding, _ := w.codes.Code(cc.Code, true)
				w.saveCoding(st.ID, coding)
			})
			item.Checked = cc.Code == st.Coding.CAMEO
			sub.Items = append(sub.Items, item)
		}
		parent := fyne.NewMenuItem(cat, nil)
		parent.ChildMenu = sub
		parent.Checked = cat == st.Coding.Category || cat == plainCategory && st.Coding.Category == "" && st.Coding.CAMEO != ""
		items = append(items, parent)
	}
	return fyne.NewMenu("Code", items...)
}

// menuButton opens a menu under itself.
func (d *detailPane) menuButton(label string, icon fyne.Resource, menu func() *fyne.Menu) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(label, icon, func() {
		c := d.w.win.Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu(), c, pos)
	})
	return b
}

// recipientEditor lists who the statement is addressed to, each with a
// remove button, and adds others.
func (d *detailPane) recipientEditor(sd *app.StatementDetail) fyne.CanvasObject {
	w := d.w
	st := sd.Statement
	box := container.NewVBox()
	for _, a := range sd.Recipients {
		rest := slices.DeleteFunc(slices.Clone(st.Recipients), func(id string) bool { return id == a.ID })
		rm := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { w.saveRecipients(st.ID, rest) })
		rm.Importance = widget.LowImportance
		name := widget.NewLabel("→ " + a.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		box.Add(container.NewBorder(nil, nil, nil, rm, name))
	}
	add := d.menuButton("Add a recipient…", theme.ContentAddIcon(), func() *fyne.Menu {
		var items []*fyne.MenuItem
		for _, r := range w.session.ActorRows() {
			if slices.Contains(st.Recipients, r.Actor.ID) || slices.Contains(st.Speakers, r.Actor.ID) {
				continue
			}
			id := r.Actor.ID
			items = append(items, fyne.NewMenuItem(r.Actor.Name, func() {
				w.saveRecipients(st.ID, append(slices.Clone(st.Recipients), id))
			}))
		}
		slices.SortFunc(items, func(a, b *fyne.MenuItem) int { return strings.Compare(fold.String(a.Label), fold.String(b.Label)) })
		return fyne.NewMenu("Recipients", items...)
	})
	return container.NewVBox(box, container.NewHBox(add))
}

// saveCoding writes a coding, confirmed, and shows its effect everywhere.
func (w *mainWindow) saveCoding(id string, c app.Coding) {
	w.write(func() func() {
		_, err := w.casebook().SetCoding(id, c)
		return func() {
			if err != nil {
				w.setStatus("Could not save the coding: " + err.Error())
				return
			}
			w.statementChanged(id)
			w.setStatus("Coding saved.")
		}
	})
}

func (w *mainWindow) saveRecipients(id string, recipients []string) {
	w.write(func() func() {
		_, err := w.casebook().SetRecipients(id, recipients)
		return func() {
			if err != nil {
				w.setStatus("Could not save the recipients: " + err.Error())
				return
			}
			w.statementChanged(id)
			w.setStatus("Recipients saved.")
		}
	})
}

// statementChanged redraws after a statement was rewritten.
func (w *mainWindow) statementChanged(id string) {
	w.session.Changed(id)
	w.timelineFor = ""
	w.requestScene(w.session.Selection())
}

// scoreColor maps a Goldstein score to a colour: red for hostile, grey
// about zero, blue-green for cooperative; readable on light and dark maps.
func scoreColor(score float64) color.NRGBA {
	t := max(-1, min(1, score/10))
	grey := color.NRGBA{0x8a, 0x8f, 0x98, 0xff}
	hostile := color.NRGBA{0xd6, 0x3a, 0x2f, 0xff}
	friendly := color.NRGBA{0x1f, 0x9e, 0x74, 0xff}
	mix := func(a, b color.NRGBA, f float64) color.NRGBA {
		l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f) }
		return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 0xff}
	}
	// Even a mild score shows its side: the first step is a third of the way.
	f := 0.0
	if t != 0 {
		f = 0.35 + 0.65*abs(t)
	}
	if t < 0 {
		return mix(grey, hostile, f)
	}
	return mix(grey, friendly, f)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// newScoreBar draws the Goldstein scale with the score marked.
func newScoreBar(score float64) fyne.CanvasObject {
	const w, h = 240, 14
	objs := []fyne.CanvasObject{}
	for i := range 20 {
		r := canvas.NewRectangle(withAlpha(scoreColor(float64(i)-9.5), 120))
		r.Move(fyne.NewPos(float32(i)*w/20, 3))
		r.Resize(fyne.NewSize(w/20, h-6))
		objs = append(objs, r)
	}
	x := float32((score + 10) / 20 * w)
	mark := canvas.NewRectangle(scoreColor(score))
	mark.StrokeColor = theme.Color(theme.ColorNameForeground)
	mark.StrokeWidth = 1
	mark.Move(fyne.NewPos(x-3, 0))
	mark.Resize(fyne.NewSize(6, h))
	objs = append(objs, mark)
	left := canvas.NewText("−10 hostile", theme.Color(theme.ColorNameDisabled))
	left.TextSize = theme.CaptionTextSize()
	right := canvas.NewText("cooperative +10", theme.Color(theme.ColorNameDisabled))
	right.TextSize = theme.CaptionTextSize()
	bar := container.NewWithoutLayout(objs...)
	bar.Resize(fyne.NewSize(w, h))
	return container.NewHBox(left, container.NewGridWrap(fyne.NewSize(w, h), bar), right)
}
