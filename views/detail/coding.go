package detail

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"

	"codeberg.org/parley/parley/app/fold"

	"codeberg.org/parley/parley/views/ui"
)

// plainCategory stands for the CAMEO codes PLOVER leaves uncoded: public
// statements, comments, appeals.
const plainCategory = "Plain statement (CAMEO only)"

// codingBlock shows a statement's event coding in words, says whether a
// person confirmed it, and lets the user confirm or change it and the
// recipients.
func (d *Pane) codingBlock(sd *app.StatementDetail) []fyne.CanvasObject {
	st := sd.Statement
	objs := []fyne.CanvasObject{ui.Caption("Event coding")}
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
	objs = append(objs, ui.Para(who))
	c := st.Coding
	words := "Not coded."
	if d.sh.Codes != nil {
		words = d.sh.Codes.Words(c)
	}
	status := widget.NewLabel("")
	label := ui.Para(words)
	var confirm *ui.Button
	switch {
	case c.IsZero():
		status.SetText("Not coded yet: choose a category and a code below.")
	case c.Confirmed && c.By == app.CodedBySeed:
		status.SetText("✓ Coded with the seed case")
		status.TextStyle.Bold = true
		status.Importance = widget.SuccessImportance
		label.TextStyle.Bold = true
	case c.Confirmed:
		status.SetText("✓ Confirmed by you")
		status.TextStyle.Bold = true
		status.Importance = widget.SuccessImportance
		label.TextStyle.Bold = true
	default:
		msg := "Suggested by Parley from the cue and the words: check it"
		if c.Why != "" {
			sure := "fairly sure"
			if c.Confidence < 0.5 {
				sure = "unsure"
			}
			msg = fmt.Sprintf("Suggested by Parley (%s, %.0f%%): %s. Check it", sure, c.Confidence*100, c.Why)
		}
		status.SetText(msg)
		status.Wrapping = fyne.TextWrapWord
		status.Importance = widget.WarningImportance
		confirm = ui.NewButtonWithIcon("Confirm", theme.ConfirmIcon(), func() { d.saveCoding(st.ID, c) })
	}
	objs = append(objs, label)
	if !c.IsZero() {
		objs = append(objs, ui.ScoreBar(c.Score))
	}
	if confirm != nil {
		objs = append(objs, container.NewBorder(nil, nil, nil, confirm, status))
	} else {
		objs = append(objs, status)
	}
	if app.MaterialAct(c.Category) {
		// "Our forces withdrew": the event's actor is the side the speaker
		// speaks for, as the PLOVER export records it.
		side := widget.NewCheck("Done by the speaker's own side", func(on bool) {
			changed := c
			changed.BySpeakersSide = on
			d.saveCoding(st.ID, changed)
		})
		side.Checked = c.BySpeakersSide
		objs = append(objs, side)
	}
	if d.sh.Codes != nil {
		d.changeCode = d.menuButton("Change the code…", theme.DocumentCreateIcon(), func() *fyne.Menu { return d.CodeMenu(st) })
		objs = append(objs, container.NewHBox(d.changeCode))
	}
	objs = append(objs, d.recipientEditor(sd))
	return objs
}

// ShowCodeMenu opens the code menu of the statement shown, under its
// button, as a click on the button does; false when no statement is shown.
func (d *Pane) ShowCodeMenu() bool {
	if d.changeCode == nil {
		return false
	}
	d.changeCode.OnTapped()
	return true
}

// CodeMenu offers every code, grouped by PLOVER category, each with its
// score; the choice is saved as confirmed. A menu rather than a drop-down:
// its width does not depend on the longest code name.
func (d *Pane) CodeMenu(st app.Statement) *fyne.Menu {
	byCategory := map[string][]app.CameoCode{}
	for _, cc := range d.sh.Codes.Cameo {
		cat := cc.Category
		if cat == "" {
			cat = plainCategory
		}
		byCategory[cat] = append(byCategory[cat], cc)
	}
	cats := []string{plainCategory}
	for _, c := range d.sh.Codes.Categories {
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
			item := fyne.NewMenuItem(fmt.Sprintf("%s %s (%+.1f)", cc.Code, cc.Name, cc.Score), func() {
				coding, _ := d.sh.Codes.Code(cc.Code, true)
				// Another act the quotation reports of the speaker's side
				// is still that side's.
				coding.BySpeakersSide = st.Coding.BySpeakersSide && app.MaterialAct(coding.Category)
				d.saveCoding(st.ID, coding)
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
func (d *Pane) menuButton(label string, icon fyne.Resource, menu func() *fyne.Menu) *ui.Button {
	var b *ui.Button
	b = ui.NewButtonWithIcon(label, icon, func() {
		c := d.sh.Window().Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
		widget.ShowPopUpMenuAtPosition(menu(), c, pos)
	})
	return b
}

// recipientEditor lists who the statement is addressed to, each with a
// remove button, and adds others.
func (d *Pane) recipientEditor(sd *app.StatementDetail) fyne.CanvasObject {
	st := sd.Statement
	box := container.NewVBox()
	for _, a := range sd.Recipients {
		rest := slices.DeleteFunc(slices.Clone(st.Recipients), func(id string) bool { return id == a.ID })
		rm := ui.NewButtonWithIcon("", theme.ContentClearIcon(), func() { d.saveRecipients(st.ID, rest) })
		rm.Importance = widget.LowImportance
		name := widget.NewLabel("→ " + a.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		box.Add(container.NewBorder(nil, nil, nil, rm, name))
	}
	add := d.menuButton("Add a recipient…", theme.ContentAddIcon(), func() *fyne.Menu {
		var items []*fyne.MenuItem
		for _, r := range d.sh.Session.ActorRows() {
			if slices.Contains(st.Recipients, r.Actor.ID) || slices.Contains(st.Speakers, r.Actor.ID) {
				continue
			}
			id := r.Actor.ID
			items = append(items, fyne.NewMenuItem(r.Actor.Name, func() {
				d.saveRecipients(st.ID, append(slices.Clone(st.Recipients), id))
			}))
		}
		slices.SortFunc(items, func(a, b *fyne.MenuItem) int { return strings.Compare(fold.String(a.Label), fold.String(b.Label)) })
		return fyne.NewMenu("Recipients", items...)
	})
	return container.NewVBox(box, container.NewHBox(add))
}

// saveCoding writes a coding, confirmed, and shows its effect everywhere.
func (d *Pane) saveCoding(id string, c app.Coding) {
	d.sh.Write(func() func() {
		_, err := d.sh.Casebook().SetCoding(id, c)
		return func() {
			if err != nil {
				d.sh.SetStatus("Could not save the coding: " + err.Error())
				return
			}
			d.sh.Announce(ui.StatementChanged, id)
			d.sh.SetStatus("Coding saved.")
		}
	})
}

func (d *Pane) saveRecipients(id string, recipients []string) {
	d.sh.Write(func() func() {
		_, err := d.sh.Casebook().SetRecipients(id, recipients)
		return func() {
			if err != nil {
				d.sh.SetStatus("Could not save the recipients: " + err.Error())
				return
			}
			d.sh.Announce(ui.StatementChanged, id)
			d.sh.SetStatus("Recipients saved.")
		}
	})
}
