package statements

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/views/ui"
)

// Pane lists the scene's statements. Rows are read from the session as
// they scroll into view, so a list of a hundred thousand costs what the
// screen shows.
type Pane struct {
	sh *ui.Shell
	// Title names the list and counts it.
	Title *widget.Label
	// List shows the scene's statements.
	List  *ui.KeyList
	scene *session.Scene
	// syncing is set while the pane moves the list's selection to match
	// the session, so that the move does not select again.
	syncing bool
	box     fyne.CanvasObject
}

// New makes the statements pane; it lists nothing until SetScene.
func New(sh *ui.Shell) *Pane {
	p := &Pane{sh: sh}
	p.Title = widget.NewLabel("Statements")
	p.Title.TextStyle.Bold = true
	p.Title.Truncation = fyne.TextTruncateEllipsis
	p.List = ui.NewKeyList(
		func() int {
			if p.scene == nil {
				return 0
			}
			return len(p.scene.StatementIDs)
		},
		newRow,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if p.scene == nil || i >= len(p.scene.StatementIDs) {
				return
			}
			st, ok := sh.Session.Row(p.scene.StatementIDs[i])
			updateRow(o, st, ok, sh.Session)
		},
	)
	p.List.SetOnSelected(func(i widget.ListItemID) {
		if !p.syncing && p.scene != nil && i < len(p.scene.StatementIDs) {
			sh.Session.SelectStatement(p.scene.StatementIDs[i])
		}
	})
	clearScope := ui.NewButtonWithIcon("", theme.ContentClearIcon(), func() { sh.Session.Select(app.Selection{}) })
	clearScope.Importance = widget.LowImportance
	header := container.NewBorder(nil, nil, nil, clearScope, p.Title)
	// The header before the list, in the order Tab walks them.
	p.box = container.New(layout.NewBorderLayout(header, nil, nil, nil), header, p.List)
	return p
}

// Object is the pane's widgets.
func (p *Pane) Object() fyne.CanvasObject { return p.box }

// SetScene lists a scene's statements, with its focused one selected and
// in view, or from the top when none is focused.
func (p *Pane) SetScene(sc *session.Scene) {
	p.scene = sc
	p.Title.SetText(sc.ListTitle)
	p.syncing = true
	p.List.UnselectAll()
	if id := sc.Selection.Statement; id != "" {
		for i, sid := range sc.StatementIDs {
			if sid == id {
				p.List.Select(i)
				p.List.ScrollTo(i)
				break
			}
		}
	}
	p.syncing = false
	p.List.Refresh()
	if sc.Selection.Statement == "" {
		p.List.ScrollToTop()
	}
}

func newRow() fyne.CanvasObject {
	speaker := widget.NewLabel("Speaker")
	speaker.TextStyle.Bold = true
	speaker.Truncation = fyne.TextTruncateEllipsis
	date := widget.NewLabel("2000-00-00")
	date.SizeName = theme.SizeNameCaptionText
	quote := widget.NewLabel("Quote")
	quote.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-14),
		container.NewBorder(nil, nil, nil, date, speaker), quote)
}

func updateRow(o fyne.CanvasObject, st app.Statement, ok bool, s *session.Session) {
	c := o.(*fyne.Container)
	top := c.Objects[0].(*fyne.Container)
	speaker, date := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label)
	quote := c.Objects[1].(*widget.Label)
	if !ok {
		ui.SetLabel(speaker, "(statement removed)")
		ui.SetLabel(date, "")
		ui.SetLabel(quote, "")
		return
	}
	ui.SetLabel(speaker, s.SpeakerNames(st))
	when := st.Date
	if n := st.ReportCount(); n > 1 {
		when += fmt.Sprintf(" · %d reports", n) // reprinted: how widely
	}
	ui.SetLabel(date, when)
	ui.SetLabel(quote, rowText(st.Quote))
}

// maxRowRunes is more of a quote than one line of a row shows in the
// widest window; the rest would only be shaped to find where the
// ellipsis goes, for every row at every layout.
const maxRowRunes = 300

// rowText is the start of a quote for a one-line row: whole if short,
// else cut after a word with an ellipsis.
func rowText(s string) string {
	if len(s) <= maxRowRunes || utf8.RuneCountInString(s) <= maxRowRunes {
		return s
	}
	cut := 0
	for i := range s {
		if cut == maxRowRunes {
			s = s[:i]
			break
		}
		cut++
	}
	if sp := strings.LastIndexByte(s, ' '); sp > len(s)/2 {
		s = s[:sp]
	}
	return s + "…"
}
