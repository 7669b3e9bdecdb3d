package importwin

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/extract"
	"codeberg.org/parley/parley/app/importer"

	"codeberg.org/parley/parley/app/fold"

	"codeberg.org/parley/parley/views/ui"
)

// showItem fills the right side for item i.
func (iw *Window) showItem(i int) {
	iw.current = i
	iw.filling = true
	defer func() { iw.filling = false }()
	it := iw.item()
	var src app.Source
	if it != nil && it.prop != nil {
		src = it.prop.Source
	}
	iw.title.SetText(src.Title)
	iw.outlet.SetText(src.Outlet)
	iw.byline.SetText(strings.Join(src.Byline, ", "))
	iw.date.SetText(src.Published)
	iw.url.SetText(src.URL)
	iw.lang.SetText(src.Language)
	iw.showDateNote()
	for _, e := range iw.metaEntries() {
		if iw.editable() {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	iw.dateError.Hide()
	iw.quotes.UnselectAll()
	iw.quotes.Refresh()
	iw.quoteDetail.SetText(iw.itemMessage(it))
	if it != nil && it.prop != nil && it.prop.Like != nil && it.saved == nil {
		iw.force.SetChecked(it.prop.Force)
		iw.force.Show()
	} else {
		iw.force.Hide()
	}
	iw.fillActors()
	iw.updateSummary()
}

func (iw *Window) itemMessage(it *importItem) string {
	switch {
	case it == nil:
		return "Select an article on the left to review it."
	case it.err != nil:
		return it.err.Error()
	case it.prop == nil:
		return "Reading…"
	case it.saved != nil:
		return fmt.Sprintf("Saved %s from this article.", ui.CountOf("statement", it.saved.Statements))
	case it.prop.Duplicate():
		dup, why := it.prop.DuplicateOf()
		if it.prop.Like != nil {
			return fmt.Sprintf("This article has %s as “%s”, already in the casebook: it will not be filed again unless you tick the box below.", why, dup.Title)
		}
		return fmt.Sprintf("This text is already in the casebook as “%s”; it will not be imported again.", dup.Title)
	case len(it.prop.Quotes) == 0:
		return "No quotations found in this article."
	case it.prop.Existing != nil:
		return fmt.Sprintf("This is the text of “%s”, which the casebook has without its text: saving attaches the text to it.", it.prop.Existing.Title)
	}
	return "Select a quote to read it in its sentence."
}

// metaChanged writes the edited title, outlet, date and address back to
// the proposal.
func (iw *Window) metaChanged() {
	if iw.filling || !iw.editable() {
		return
	}
	src := &iw.item().prop.Source
	src.Title = strings.TrimSpace(iw.title.Text)
	src.Outlet = strings.TrimSpace(iw.outlet.Text)
	src.URL = strings.TrimSpace(iw.url.Text)
	src.Byline = app.ParseByline(iw.byline.Text)
	if lang, err := app.CanonicalLanguage(iw.lang.Text); err == nil {
		src.Language = lang
	}
	date, precision, err := app.ParseSourceDate(iw.date.Text)
	if err != nil {
		_, why, _ := strings.Cut(err.Error(), ": ")
		iw.dateError.SetText(why)
		iw.dateError.Show()
	} else {
		iw.dateError.Hide()
		changed := date != src.Published
		src.Published, src.DatePrecision = date, precision
		if changed {
			iw.item().dateByHand = true
		}
	}
	iw.showDateNote()
	iw.updateSummary()
}

func (iw *Window) metaEntries() []*ui.Entry {
	return []*ui.Entry{iw.title, iw.outlet, iw.byline, iw.date, iw.url, iw.lang}
}

// showDateNote says where the article's date was found, or warns, in the
// danger colour, that none was: the source would be filed "date unknown".
func (iw *Window) showDateNote() {
	it := iw.item()
	if it == nil || it.prop == nil || !iw.editable() {
		iw.dateNote.Hide()
		return
	}
	src, doc := it.prop.Source, it.prop.Doc
	switch {
	case src.Published == "":
		iw.dateNote.SetText("⚠ No date was found in this article: it will be filed as “date unknown”. Type the date above if you know it.")
		iw.dateNote.Importance = widget.DangerImportance
	case it.dateByHand || doc.DateFrom == "":
		iw.dateNote.SetText("")
		iw.dateNote.Hide()
		return
	default:
		msg := fmt.Sprintf("Date found in the %s.", doc.DateFrom)
		if src.DatePrecision == app.PrecisionInferred {
			msg = fmt.Sprintf("Date guessed from the %s: check it.", doc.DateFrom)
		}
		iw.dateNote.SetText(msg)
		iw.dateNote.Importance = widget.MediumImportance
	}
	iw.dateNote.Show()
	iw.dateNote.Refresh()
}

// quoteReviewRow is one quote in review: keep, speaker, words.
type quoteReviewRow struct {
	keep    *ui.Check
	speaker *ui.Select
	text    *widget.Label
}

func newQuoteReviewRow() fyne.CanvasObject {
	keep := ui.NewCheck("", nil)
	speaker := ui.NewSelect(nil, nil)
	speaker.PlaceHolder = "(choose a speaker)"
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	sized := container.NewGridWrap(fyne.NewSize(230, speaker.MinSize().Height), speaker)
	return container.NewBorder(nil, nil, container.NewHBox(keep, sized), nil, text)
}

func reviewRowParts(o fyne.CanvasObject) quoteReviewRow {
	c := o.(*fyne.Container)
	text := c.Objects[0].(*widget.Label)
	left := c.Objects[1].(*fyne.Container)
	return quoteReviewRow{
		keep:    left.Objects[0].(*ui.Check),
		speaker: left.Objects[1].(*fyne.Container).Objects[0].(*ui.Select),
		text:    text,
	}
}

const noSpeaker = "(nobody: do not save)"

// speakerChoices lists the speakers a quote of the current item can be
// given, with the id each label stands for.
func (iw *Window) speakerChoices() ([]string, map[string]string) {
	it := iw.item()
	ids := map[string]string{noSpeaker: ""}
	labels := []string{noSpeaker}
	if it == nil || it.prop == nil {
		return labels, ids
	}
	add := func(label, id string) {
		if _, taken := ids[label]; taken {
			label += " [" + id + "]"
		}
		ids[label] = id
		labels = append(labels, label)
	}
	for _, a := range it.prop.NewActors {
		add(a.Name+" (new)", a.ID)
	}
	known := slices.Clone(it.prop.Known)
	slices.SortFunc(known, func(a, b app.Actor) int { return strings.Compare(fold.String(a.Name), fold.String(b.Name)) })
	for _, a := range known {
		add(a.Name, a.ID)
	}
	return labels, ids
}

func labelFor(ids map[string]string, id string) string {
	for l, v := range ids {
		if v == id && (id != "" || l == noSpeaker) {
			return l
		}
	}
	return ""
}

func (iw *Window) updateQuoteRow(i widget.ListItemID, o fyne.CanvasObject) {
	quotes := iw.currentQuotes()
	if i >= len(quotes) {
		return
	}
	row := reviewRowParts(o)
	q := quotes[i]
	labels, ids := iw.speakerChoices()
	row.keep.OnChanged = nil
	row.speaker.OnChanged = nil
	row.keep.SetChecked(q.Keep && q.SpeakerID != "")
	row.speaker.Options = labels
	row.speaker.SetSelected(labelFor(ids, q.SpeakerID))
	kind := string(q.Kind)
	switch {
	case q.Exists != "":
		kind = "already filed"
	case q.Joins != nil && q.SpeakerID != "" && !q.Apart:
		kind = fmt.Sprintf("also reported by %s", ui.CountOf("source", q.JoinsReports))
	}
	text := fmt.Sprintf("%s · “%s”", kind, oneLine(q.Text))
	if q.SpeakerID == app.UnnamedSourcesID && q.SpeakerAsWritten != "" {
		text += " · said by " + q.SpeakerAsWritten
	}
	row.text.SetText(text)
	if iw.editable() && q.Exists == "" {
		row.keep.Enable()
		row.speaker.Enable()
	} else {
		row.keep.Disable()
		row.speaker.Disable()
	}
	row.keep.OnChanged = func(on bool) { iw.setKeep(i, on) }
	row.speaker.OnChanged = func(label string) { iw.setSpeaker(i, ids[label]) }
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (iw *Window) setKeep(i int, on bool) {
	quotes := iw.currentQuotes()
	if !iw.editable() || i >= len(quotes) {
		return
	}
	quotes[i].Keep = on && quotes[i].SpeakerID != ""
	if on && quotes[i].SpeakerID == "" {
		iw.summary.SetText("Choose who said it first.")
	}
	iw.afterEdit()
}

func (iw *Window) setSpeaker(i int, id string) {
	quotes := iw.currentQuotes()
	if !iw.editable() || i >= len(quotes) {
		return
	}
	quotes[i].SpeakerID = id
	quotes[i].Keep = id != ""
	iw.afterEdit()
}

func (iw *Window) afterEdit() {
	iw.quotes.Refresh()
	iw.docs.Refresh()
	iw.fillActors()
	iw.updateSummary()
}

// showQuote shows a quote in its sentence below the list.
func (iw *Window) showQuote(i int) {
	it := iw.item()
	quotes := iw.currentQuotes()
	if it == nil || i >= len(quotes) {
		return
	}
	q := quotes[i]
	runes := []rune(it.prop.Doc.Text)
	lo, hi := max(0, q.Start-240), min(len(runes), q.End+240)
	// Widen to whole sentences where the text allows.
	for lo > 0 && !strings.ContainsRune(".!?\n", runes[lo-1]) && q.Start-lo < 400 {
		lo--
	}
	for hi < len(runes) && !strings.ContainsRune(".!?\n", runes[hi-1]) && hi-q.End < 400 {
		hi++
	}
	words := oneLine(string(runes[lo:q.Start]) + "⟦" + q.Text + "⟧" + string(runes[q.End:hi]))
	about := ""
	switch {
	case q.Speaker != "":
		about = fmt.Sprintf("Found: %s (%s", q.Speaker, q.Kind)
		if q.Cue != "" {
			about += ", “" + q.Cue + "”"
		}
		about += ")."
	case q.Kind == extract.Term:
		about = "A quoted term or name, not a statement."
	default:
		about = "Nobody named as its speaker."
	}
	if q.Joins != nil {
		how := "the same words"
		if !q.Joins.Exact {
			how = "nearly the same words"
		}
		about += fmt.Sprintf(" The casebook has %s from this speaker, reported by %s (statement %s): saved, this quote becomes one more report of it, not a new statement, unless you tick the box below.",
			how, ui.CountOf("source", q.JoinsReports), q.Joins.Statement)
		iw.apart.OnChanged = nil
		iw.apart.SetChecked(q.Apart)
		iw.apart.OnChanged = func(on bool) { iw.setApart(i, on) }
		iw.apart.Show()
	} else {
		iw.apart.Hide()
	}
	iw.quoteDetail.SetText(words + "\n\n" + about)
}

// setApart files quote i as a statement of its own, or as a report of the
// statement it matches.
func (iw *Window) setApart(i int, on bool) {
	quotes := iw.currentQuotes()
	if i < len(quotes) && iw.editable() {
		quotes[i].Apart = on
		iw.quotes.RefreshItem(i)
	}
}

// fillActors lists the new actors the current item's kept quotes need,
// each with its name, kind and seat editable, and a way to merge it into
// an actor the casebook already has.
func (iw *Window) fillActors() {
	iw.actors.Objects = nil
	it := iw.item()
	if it == nil || it.prop == nil {
		iw.actors.Refresh()
		return
	}
	used := map[string]int{}
	for _, q := range it.prop.Quotes {
		if q.Keep {
			used[q.SpeakerID]++
		}
	}
	places := iw.sh.Session.Places()
	placeLabels := []string{"(no seat)"}
	placeIDs := map[string]string{"(no seat)": ""}
	for _, p := range places {
		if p.Kind == app.PlaceCity || p.Kind == app.PlaceCountry {
			placeLabels = append(placeLabels, p.Name)
			placeIDs[p.Name] = p.ID
		}
	}
	var knownLabels []string
	knownIDs := map[string]string{}
	for _, a := range it.prop.Known {
		knownLabels = append(knownLabels, a.Name)
		knownIDs[a.Name] = a.ID
	}
	slices.SortFunc(knownLabels, func(a, b string) int { return strings.Compare(fold.String(a), fold.String(b)) })
	for k := range it.prop.NewActors {
		a := &it.prop.NewActors[k]
		if used[a.ID] == 0 {
			continue
		}
		if a.Kind == app.ActorUnnamed {
			// One group for every described speaker: nothing to edit.
			iw.actors.Add(widget.NewLabel(fmt.Sprintf("%s, new, speaks %s: the speakers the article describes without naming them.",
				a.Name, ui.CountOf("quote", used[a.ID]))))
			continue
		}
		name := ui.NewEntry()
		name.SetText(a.Name)
		name.OnChanged = func(s string) {
			if strings.TrimSpace(s) != "" {
				a.Name = strings.TrimSpace(s)
			}
		}
		kind := ui.NewSelect([]string{string(app.ActorPerson), string(app.ActorOrganization), string(app.ActorMinistry), string(app.ActorGovernment), string(app.ActorState)}, nil)
		kind.SetSelected(string(a.Kind))
		kind.OnChanged = func(s string) { a.Kind = app.ActorKind(s) }
		seat := ui.NewSelect(placeLabels, nil)
		seat.SetSelected(labelFor(placeIDs, a.Seat))
		if a.Seat == "" {
			seat.SetSelected("(no seat)")
		}
		seat.OnChanged = func(s string) { a.Seat = placeIDs[s] }
		merge := ui.NewSelect(knownLabels, nil)
		merge.PlaceHolder = "Merge into…"
		id := a.ID
		merge.OnChanged = func(s string) { iw.merge(id, knownIDs[s]) }
		if !iw.editable() {
			name.Disable()
			kind.Disable()
			seat.Disable()
			merge.Disable()
		}
		iw.actors.Add(container.NewVBox(
			widget.NewLabel(fmt.Sprintf("%s, new, speaks %s:", a.Name, ui.CountOf("quote", used[a.ID]))),
			container.NewGridWithColumns(4, name, kind, seat, merge)))
	}
	if len(iw.actors.Objects) == 0 {
		iw.actors.Add(ui.Dim("None: every speaker kept is an actor the casebook has."))
	}
	iw.actors.Refresh()
}

// merge gives every quote of a proposed actor to a known one.
func (iw *Window) merge(newID, knownID string) {
	if !iw.editable() || knownID == "" {
		return
	}
	for i := range iw.item().prop.Quotes {
		if q := &iw.item().prop.Quotes[i]; q.SpeakerID == newID {
			q.SpeakerID = knownID
		}
	}
	iw.afterEdit()
}

// updateSummary says what Save would do, and enables it when it can.
func (iw *Window) updateSummary() {
	articles, quotes, actors := 0, 0, 0
	for _, it := range iw.items {
		if !it.pending() || it.kept() == 0 && it.prop.Existing == nil {
			continue
		}
		articles++
		quotes += it.kept()
		used := map[string]bool{}
		for _, q := range it.prop.Quotes {
			if q.Keep {
				used[q.SpeakerID] = true
			}
		}
		for _, a := range it.prop.NewActors {
			if used[a.ID] {
				actors++
			}
		}
	}
	badDate := iw.dateError.Visible()
	switch {
	case iw.running > 0:
		iw.saveBtn.Disable()
		return
	case articles == 0:
		iw.saveBtn.Disable()
		iw.saveBtn.SetText("Save")
		if len(iw.items) > 0 {
			iw.summary.SetText("Nothing to save.")
		}
		return
	case badDate:
		iw.saveBtn.Disable()
		iw.summary.SetText("Fix the date first: YYYY-MM-DD, or leave it empty.")
		return
	}
	iw.saveBtn.Enable()
	iw.saveBtn.SetText(fmt.Sprintf("Save %s", ui.CountOf("statement", quotes)))
	iw.summary.SetText(fmt.Sprintf("Saving will file %s from %s, with %s.",
		ui.CountOf("statement", quotes), ui.CountOf("article", articles), ui.CountOf("new actor", actors)))
}

// Save files every reviewed article, each in its own transaction, in the
// background; Cancel stops before the next article. The main window then
// shows the new actors and statements.
func (iw *Window) Save() {
	var todo []*importItem
	for _, it := range iw.items {
		if it.pending() && (it.kept() > 0 || it.prop.Existing != nil) {
			todo = append(todo, it)
		}
	}
	if len(todo) == 0 {
		return
	}
	store := iw.sh.Store
	iw.begin(len(todo))
	iw.sh.Write(func() func() {
		saved, statements := 0, 0
		var failed error
		inboxChanged := false
		for i, it := range todo {
			if iw.cancel.Load() {
				break
			}
			// A large article moves the bar as its parts are filed.
			res, err := importer.CommitProgress(store, it.prop, func(filed, total int) {
				if total > 0 {
					at := float64(i) + float64(filed)/float64(total)
					iw.sh.OnUI(func() { iw.progress.SetValue(at) })
				}
			})
			done := i + 1
			if err != nil {
				failed = fmt.Errorf("%s: %w", it.name, err)
				iw.sh.OnUI(func() { it.err = err; iw.step(done, it) })
				continue
			}
			saved++
			statements += res.Statements
			if it.inbox != nil {
				// Filed: out of the inbox (it stays seen, so it never
				// comes back).
				if fs, err := app.FeedStoreOf(store); err == nil {
					if err := fs.DropInboxItem(it.inbox.ID); err != nil && !errors.Is(err, app.ErrNotFound) {
						failed = fmt.Errorf("%s: filed, but still in the inbox: %w", it.name, err)
					}
				}
				inboxChanged = true
			}
			iw.sh.OnUI(func() { it.saved = &res; iw.step(done, it) })
		}
		reloadErr := iw.sh.Session.Reload()
		return func() {
			iw.end()
			iw.sh.Announce(ui.CasebookChanged, "")
			if inboxChanged {
				iw.sh.Announce(ui.InboxChanged, "")
			}
			msg := fmt.Sprintf("Saved %s from %s.", ui.CountOf("statement", statements), ui.CountOf("article", saved))
			if failed != nil {
				msg += " Not saved: " + failed.Error()
			} else if reloadErr != nil {
				msg += " Reading the casebook again failed: " + reloadErr.Error()
			}
			iw.summary.SetText(msg)
			iw.sh.SetStatus(msg)
		}
	})
}
