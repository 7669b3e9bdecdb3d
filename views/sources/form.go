package sources

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/views/ui"
)

// metaForm corrects a source's metadata. A field is saved when the focus
// leaves it or Enter is pressed; a value that is not valid is refused with
// the reason beside the form, and nothing is saved.
type metaForm struct {
	sw                                     *Window
	title, outlet, byline, date, url, lang *ui.Entry
	problem                                *widget.Label
	info                                   *widget.Label
	shown                                  app.SourceMeta
	filling                                bool
}

func newMetaForm(sw *Window) *metaForm {
	f := &metaForm{sw: sw}
	f.title, f.outlet, f.byline = ui.NewEntry(), ui.NewEntry(), ui.NewEntry()
	f.date, f.url, f.lang = ui.NewEntry(), ui.NewEntry(), ui.NewEntry()
	f.byline.SetPlaceHolder("authors, separated by commas")
	f.date.SetPlaceHolder("YYYY-MM-DD, YYYY-MM, YYYY, or empty when unknown")
	f.url.SetPlaceHolder("https://…")
	f.lang.SetPlaceHolder("en, ru, fr, de, tr, hy, az …")
	for _, e := range f.entries() {
		e.OnFocusLost = f.save
		e.OnSubmitted = func(string) { f.save() }
	}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	f.info = ui.Dim("")
	f.info.Wrapping = fyne.TextWrapWord
	return f
}

func (f *metaForm) entries() []*ui.Entry {
	return []*ui.Entry{f.title, f.outlet, f.byline, f.date, f.url, f.lang}
}

func (f *metaForm) object() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Outlet", f.outlet),
		widget.NewFormItem("Byline", f.byline),
		widget.NewFormItem("Date", f.date),
		widget.NewFormItem("Address", f.url),
		widget.NewFormItem("Language", f.lang),
	)
	return container.NewVBox(form, f.problem, f.info,
		ui.Dim("Changes are saved as you leave a field (or press Enter); Undo (Ctrl+Z) puts the last back."))
}

// fill shows a source's metadata.
func (f *metaForm) fill(src app.Source) {
	f.filling = true
	defer func() { f.filling = false }()
	m := src.Meta()
	f.shown = m
	f.title.SetText(m.Title)
	f.outlet.SetText(m.Outlet)
	f.byline.SetText(strings.Join(m.Byline, ", "))
	f.date.SetText(m.Published)
	f.url.SetText(m.URL)
	f.lang.SetText(m.Language)
	f.problem.Hide()
	info := "Date: " + src.DateLabel()
	if src.Published != "" {
		info += " (precision: " + string(src.DatePrecision) + ")"
	}
	if src.HasText {
		info += ". Text stored: " + ui.CountOf("character", src.TextLength) + "."
	} else {
		info += ". No text stored."
	}
	if !src.ImportedAt.IsZero() {
		info += " Imported " + src.ImportedAt.Local().Format("2 Jan 2006 15:04") + "."
	}
	f.info.SetText(info)
	for _, e := range f.entries() {
		if src.ID == "" {
			e.Disable()
		} else {
			e.Enable()
		}
	}
}

// typed is the metadata as the form holds it.
func (f *metaForm) typed() app.SourceMeta {
	m := f.shown
	m.Title, m.Outlet, m.URL, m.Language = f.title.Text, f.outlet.Text, f.url.Text, f.lang.Text
	m.Byline = app.ParseByline(f.byline.Text)
	if strings.TrimSpace(f.date.Text) != m.Published {
		m.Published = f.date.Text
		m.Precision = "" // the form of the date says its precision
	}
	return m
}

func sameMeta(a, b app.SourceMeta) bool {
	return a.Title == b.Title && a.Outlet == b.Outlet && strings.Join(a.Byline, "\x00") == strings.Join(b.Byline, "\x00") &&
		a.Published == b.Published && a.URL == b.URL && a.Language == b.Language
}

// save writes the form when it differs from what is stored.
func (f *metaForm) save() {
	sw := f.sw
	if f.filling || sw.src.ID == "" {
		return
	}
	m := f.typed()
	if sameMeta(m, f.shown) {
		return
	}
	id := sw.src.ID
	sh := sw.sh
	var edit app.SourceEdit
	sh.Change(id, func(cb *app.Casebook) (err error) {
		edit, err = cb.SetSourceMeta(id, m)
		return err
	}, func(err error) {
		if err != nil {
			f.problem.SetText("Not saved: " + strings.TrimPrefix(err.Error(), "invalid: "))
			f.problem.Show()
			return
		}
		f.problem.Hide()
		f.shown = edit.After.Meta()
		sw.offerUndo("Source details saved.", func() {
			sh.UndoChange(id, "", func(cb *app.Casebook) error { return cb.UndoSourceEdit(edit) })
		})
	})
}
