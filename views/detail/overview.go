package detail

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/session"
	"codeberg.org/parley/parley/views/ui"
)

// overviewSources is how many sources the overview lists.
const overviewSources = 8

// overview is the pane with nothing selected: the case at a glance.
func (d *Pane) overview(sc *session.Scene) []fyne.CanvasObject {
	objs := []fyne.CanvasObject{ui.Caption("Casebook"), ui.Heading("Armenia–Azerbaijan: who said what")}
	statements, actors := len(sc.StatementIDs), len(d.session.ActorRows())
	shown := ""
	if !sc.Filter.IsZero() {
		// The speakers of what the filter lets through, not everyone.
		actors, shown = len(sc.LitActors), " shown by the filter"
	}
	objs = append(objs, ui.Para(fmt.Sprintf("%s by %s%s. Click an actor, a place on the map or a statement to read it in full; Esc steps back.",
		ui.CountOf("statement", statements), ui.CountOf("actor", actors), shown)))
	sources, err := d.sh.Store.Sources()
	if err == nil && len(sources) > 0 {
		// The newest few; the rest are a search away.
		slices.SortStableFunc(sources, func(a, b app.Source) int { return strings.Compare(b.Published, a.Published) })
		title := "Sources"
		if len(sources) > overviewSources {
			title = fmt.Sprintf("Sources: the newest %d of %d", overviewSources, len(sources))
			sources = sources[:overviewSources]
		}
		objs = append(objs, ui.Caption(title))
		for _, s := range sources {
			objs = append(objs, d.sourceBlock(s)...)
		}
	}
	events, err := d.sh.Store.Events()
	if err == nil && len(events) > 0 {
		// Folded until asked for: long wrapped text is slow to lay out,
		// and the timeline tab shows the events too.
		slices.SortStableFunc(events, func(a, b app.Event) int { return strings.Compare(a.Date, b.Date) })
		box := container.NewVBox()
		for _, e := range events {
			when := e.Date
			if e.End != "" {
				when += " – " + e.End
			}
			line := ui.Para(when + "  " + e.Title + ". " + e.Text)
			if e.Later {
				line.Importance = widget.LowImportance
			}
			box.Add(line)
		}
		acc := widget.NewAccordion(widget.NewAccordionItem(fmt.Sprintf("Timeline of the case (%d events)", len(events)), box))
		objs = append(objs, acc)
	}
	return objs
}
