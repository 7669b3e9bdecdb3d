package actors

import (
	"fmt"
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/views/ui"
)

// Pane lists the actors. It follows the session's selection and changes
// it; it knows nothing of the other panes.
type Pane struct {
	sh *ui.Shell
	// Filter narrows the list by name, alias or role.
	Filter *ui.Entry
	// List shows Rows.
	List *ui.KeyList
	// Rows are the actors listed, most quoted first.
	Rows []app.ActorRow
	// Selected is the row shown selected, -1 for none.
	Selected int
	// selected is the actor the selection names.
	selected string
	// counts, under a filter, are the actors' statements that pass it;
	// nil with no filter.
	counts map[string]int
	// syncing is set while the pane moves the list's selection to match
	// the session, so that the move does not select again.
	syncing bool
	// within is the actor whose statement, or whose statements to another,
	// are shown: its row is not marked, but the arrows go on from it.
	within string
	box    fyne.CanvasObject
}

// New makes the actors pane on the session's actors.
func New(sh *ui.Shell) *Pane {
	p := &Pane{sh: sh, Selected: -1}
	p.Filter = ui.NewEntry()
	p.Filter.SetPlaceHolder("Filter actors by name")
	p.Filter.OnChanged = func(string) { p.Refilter() }
	// ↓ or Enter goes on into the list, on its first row.
	p.Filter.OnKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name != fyne.KeyDown && ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter {
			return false
		}
		if c := sh.Window(); c != nil && len(p.Rows) > 0 {
			c.Canvas().Focus(p.List)
			if p.Selected < 0 {
				p.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
			}
		}
		return true
	}
	p.Rows = sh.Session.ActorRows()
	p.List = ui.NewKeyList(
		func() int { return len(p.Rows) },
		newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { updateRow(o, p.Rows[i]) },
	)
	p.List.SetOnSelected(func(i widget.ListItemID) {
		if !p.syncing && i < len(p.Rows) {
			sh.Session.SelectActor(p.Rows[i].Actor.ID)
		}
	})
	header := container.NewVBox(ui.SectionTitle("Actors"), p.Filter)
	// The filter before the list, in the order Tab walks them.
	p.box = container.New(layout.NewBorderLayout(header, nil, nil, nil), header, p.List)
	return p
}

// Object is the pane's widgets.
func (p *Pane) Object() fyne.CanvasObject { return p.box }

// Refilter lists the actors the filter box names again, after it changed
// or the casebook did. Under the window's filter it lists only the actors
// that spoke what the filter lets through, with those counts.
func (p *Pane) Refilter() {
	rows := p.sh.Session.FilterActors(p.Filter.Text)
	if p.counts != nil {
		kept := make([]app.ActorRow, 0, len(rows))
		for _, r := range rows {
			if n := p.counts[r.Actor.ID]; n > 0 {
				kept = append(kept, app.ActorRow{Actor: r.Actor, Count: n})
			}
		}
		slices.SortStableFunc(kept, func(a, b app.ActorRow) int { return b.Count - a.Count })
		rows = kept
	}
	p.Rows = rows
	p.List.Refresh()
	p.sync()
}

// SetScene marks the selected actor in the list, and lists the actors the
// scene's filter leaves. An actor is marked only while the actor itself is
// what is shown, not what it said to another or one of its statements: a
// click on a marked row does nothing, and the click that goes back from
// those to the actor must work.
func (p *Pane) SetScene(sc *session.Scene) {
	p.selected, p.within = sc.Selection.Actor, ""
	if sc.Selection.Recipient != "" || sc.Selection.Statement != "" {
		p.selected, p.within = "", sc.Selection.Actor
	}
	if !maps.Equal(p.counts, sc.ActorCounts) || (p.counts == nil) != (sc.ActorCounts == nil) {
		p.counts = sc.ActorCounts
		p.Refilter()
		return
	}
	p.sync()
}

func (p *Pane) sync() {
	p.syncing = true
	defer func() { p.syncing = false }()
	p.List.UnselectAll()
	p.Selected = -1
	for i, r := range p.Rows {
		switch r.Actor.ID {
		case p.selected:
			p.List.Select(i)
			p.List.ScrollTo(i)
			p.Selected = i
			return
		case p.within:
			// The arrows go on from the actor whose statement is shown.
			p.List.SetCursor(i)
			return
		}
	}
}

func newRow() fyne.CanvasObject {
	name := widget.NewLabel("Actor name")
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel("Role")
	role.SizeName = theme.SizeNameCaptionText
	role.Truncation = fyne.TextTruncateEllipsis
	// The count's column is as wide in every row, whatever its number:
	// the name's width then does not change when a row is filled, and its
	// ellipsis is placed once, not again at the next layout.
	count := widget.NewLabel("00000")
	count.Alignment = fyne.TextAlignTrailing
	return container.NewBorder(nil, nil, nil, container.NewGridWrap(count.MinSize(), count),
		container.New(layout.NewCustomPaddedVBoxLayout(-14), name, role))
}

func updateRow(o fyne.CanvasObject, r app.ActorRow) {
	c := o.(*fyne.Container)
	texts := c.Objects[0].(*fyne.Container).Objects
	ui.SetLabel(texts[0].(*widget.Label), r.Actor.Name)
	ui.SetLabel(texts[1].(*widget.Label), r.Actor.Role)
	ui.SetLabel(c.Objects[1].(*fyne.Container).Objects[0].(*widget.Label), fmt.Sprint(r.Count))
}
