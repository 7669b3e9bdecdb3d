// Package inbox is the window of the feeds a user follows and of the
// articles they brought: each waits there, with the quotations Parley
// found in it, until the user accepts it into the casebook, opens it in
// the import review, or dismisses it.
package inbox

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/feeds"
	"codeberg.org/parley/parley/views/ui"
)

// entry is an inbox item with what Parley found in it.
type entry struct {
	item             app.InboxItem
	quotes, speakers int
}

// Window shows the inbox and the feeds.
type Window struct {
	sh     *ui.Shell
	win    fyne.Window
	closed bool
	// Review opens items in the import review.
	Review func([]app.InboxItem)
	// Fetch fetches the feeds now (all when none is given).
	Fetch func(feeds []app.Feed)

	entries []entry
	list    *ui.KeyList
	detail  *widget.Label
	status  *widget.Label
	feeds   []app.Feed
	feedBox *fyne.Container
}

// New makes the inbox window; Show shows it.
func New(sh *ui.Shell) *Window {
	w := &Window{sh: sh, win: sh.App.NewWindow("Parley: inbox")}
	w.list = ui.NewKeyList(
		func() int { return len(w.entries) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.TextStyle.Bold = true
			title.Truncation = fyne.TextTruncateEllipsis
			about := widget.NewLabel("")
			about.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, about)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(w.entries) {
				return
			}
			e := w.entries[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(e.item.Title)
			box.Objects[1].(*widget.Label).SetText(about(e))
		})
	w.list.SetOnSelected(func(i widget.ListItemID) { w.showDetail(i) })
	w.list.OnEnter = func(i widget.ListItemID) { w.review(i) }
	w.list.OnRune = func(r rune) bool {
		switch r {
		case 'j':
			w.list.Step(1)
		case 'k':
			w.list.Step(-1)
		case 'a':
			w.accept(w.list.Cursor())
		case 'd':
			w.dismiss(w.list.Cursor())
		default:
			return false
		}
		return true
	}
	w.detail = widget.NewLabel("")
	w.detail.Wrapping = fyne.TextWrapWord
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(
		ui.NewButton("Review… (Enter)", func() { w.review(w.list.Cursor()) }),
		ui.NewButton("Accept (a)", func() { w.accept(w.list.Cursor()) }),
		ui.NewButton("Dismiss (d)", func() { w.dismiss(w.list.Cursor()) }),
		ui.NewButton("Accept all", w.acceptAll),
	)
	w.feedBox = container.NewVBox()
	feedButtons := container.NewHBox(
		ui.NewButton("Add feed…", w.addFeed),
		ui.NewButton("Fetch now", func() { w.fetch(nil) }),
	)
	feedsPane := container.NewBorder(widget.NewLabelWithStyle("Feeds", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		feedButtons, nil, nil, container.NewVScroll(w.feedBox))
	keys := widget.NewLabel("j/k or ↑/↓ move · Enter opens in the review · a accepts as found · d dismisses")
	keys.Importance = widget.LowImportance
	inboxPane := container.NewBorder(nil, container.NewVBox(buttons, keys), nil, nil,
		container.NewVSplit(w.list, container.NewVScroll(w.detail)))
	split := container.NewHSplit(inboxPane, feedsPane)
	split.Offset = 0.66
	w.win.SetContent(container.NewBorder(nil, w.status, nil, nil, split))
	w.win.Resize(fyne.NewSize(1000, 680))
	w.win.SetOnClosed(func() { w.closed = true })
	ui.RouteKeys(w.win, w.win.Close, nil)
	sh.Listen(ui.InboxChanged, func(string) {
		if !w.closed {
			w.Reload()
		}
	})
	return w
}

// Show shows the window, with the inbox read afresh.
func (w *Window) Show() {
	w.win.Show()
	w.Reload()
	w.win.Canvas().Focus(w.list)
}

// Closed reports whether the window was closed.
func (w *Window) Closed() bool { return w.closed }

// Close closes the window.
func (w *Window) Close() { w.win.Close() }

// Entries are the inbox items shown, for tests.
func (w *Window) Entries() []app.InboxItem {
	out := make([]app.InboxItem, len(w.entries))
	for i, e := range w.entries {
		out[i] = e.item
	}
	return out
}

// Reload reads the inbox and the feeds in the background and shows them.
func (w *Window) Reload() {
	store := w.sh.Store
	// An item's quotations are counted once: an article stays as it was
	// fetched, and reading it again at every dismissal would read the
	// whole inbox each time.
	known := make(map[string]entry, len(w.entries))
	for _, e := range w.entries {
		known[e.item.ID] = e
	}
	w.sh.Background(func() func() {
		fs, err := app.FeedStoreOf(store)
		if err != nil {
			return func() { w.status.SetText(err.Error()) }
		}
		items, err := fs.Inbox()
		feeds.SortInbox(items)
		list, ferr := fs.Feeds()
		var entries []entry
		for _, it := range items {
			e, ok := known[it.ID]
			if !ok {
				e = entry{item: it}
				e.quotes, e.speakers = feeds.QuoteCounts(store, it)
			}
			entries = append(entries, e)
		}
		return func() {
			if err == nil {
				err = ferr
			}
			if err != nil {
				w.status.SetText("Cannot read the inbox: " + err.Error())
				return
			}
			cur := w.list.Cursor()
			w.entries, w.feeds = entries, list
			w.list.Refresh()
			w.showFeeds()
			switch {
			case len(entries) == 0:
				w.list.UnselectAll()
				w.detail.SetText("The inbox is empty. New articles come in as the feeds are fetched.")
			case cur >= 0:
				w.list.Select(min(cur, len(entries)-1))
			default:
				w.list.Select(0)
			}
			w.win.SetTitle(fmt.Sprintf("Parley: inbox (%d)", len(entries)))
		}
	})
}

func about(e entry) string {
	parts := []string{}
	for _, p := range []string{e.item.Outlet, e.item.Published} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	s := strings.Join(parts, " · ")
	s += fmt.Sprintf(" · %s, %d with a speaker", ui.CountOf("quotation", e.quotes), e.speakers)
	if e.item.FromFeed {
		s += " · the feed's own text"
	}
	return s
}

func (w *Window) showDetail(i int) {
	if i < 0 || i >= len(w.entries) {
		return
	}
	it := w.entries[i].item
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", it.Title, about(w.entries[i]))
	if it.URL != "" {
		b.WriteString(it.URL + "\n")
	}
	if it.FromFeed {
		fmt.Fprintf(&b, "The article's page could not be fetched (%s): this is the text the feed gives.\n", it.PageError)
	}
	b.WriteString("\n")
	text := it.Text
	if r := []rune(text); len(r) > 1500 {
		text = string(r[:1500]) + "…"
	}
	b.WriteString(text)
	w.detail.SetText(b.String())
}

func (w *Window) review(i int) {
	if i < 0 || i >= len(w.entries) || w.Review == nil {
		return
	}
	w.Review([]app.InboxItem{w.entries[i].item})
}

// accept files the item as Parley found it, then takes it out.
func (w *Window) accept(i int) {
	if i < 0 || i >= len(w.entries) {
		return
	}
	w.acceptItems([]app.InboxItem{w.entries[i].item})
}

func (w *Window) acceptAll() {
	var items []app.InboxItem
	for _, e := range w.entries {
		items = append(items, e.item)
	}
	w.acceptItems(items)
}

func (w *Window) acceptItems(items []app.InboxItem) {
	if len(items) == 0 {
		return
	}
	store := w.sh.Store
	w.status.SetText("Filing…")
	w.sh.Write(func() func() {
		fs, err := app.FeedStoreOf(store)
		statements, filed := 0, 0
		for _, it := range items {
			if err != nil {
				break
			}
			p, perr := feeds.Propose(store, it)
			if perr != nil {
				err = perr
				break
			}
			res, aerr := feeds.Accept(store, fs, p, it.ID)
			if aerr != nil {
				err = fmt.Errorf("%s: %w", it.Title, aerr)
				break
			}
			filed++
			statements += res.Statements
		}
		reloadErr := w.sh.Session.Reload()
		return func() {
			msg := fmt.Sprintf("Filed %s from %s.", ui.CountOf("statement", statements), ui.CountOf("article", filed))
			if err != nil {
				msg += " Stopped: " + err.Error()
			} else if reloadErr != nil {
				msg += " Reading the casebook again failed: " + reloadErr.Error()
			}
			w.status.SetText(msg)
			w.sh.SetStatus(msg)
			w.sh.Announce(ui.CasebookChanged, "")
			w.sh.Announce(ui.InboxChanged, "")
		}
	})
}

// dismiss takes the item out for good.
func (w *Window) dismiss(i int) {
	if i < 0 || i >= len(w.entries) {
		return
	}
	it := w.entries[i].item
	w.writeFeeds(func(fs app.FeedStore) error { return fs.DropInboxItem(it.ID) }, "Not dismissed: ", func() {
		w.status.SetText("Dismissed “" + it.Title + "”; it will not come back.")
		w.sh.Announce(ui.InboxChanged, "")
	})
}

func (w *Window) fetch(list []app.Feed) {
	if w.Fetch != nil {
		w.status.SetText("Fetching the feeds…")
		w.Fetch(list)
	}
}

// FetchDone shows how a fetch went.
func (w *Window) FetchDone(results []feeds.Result) {
	if w.closed {
		return
	}
	n, failed := 0, 0
	for _, r := range results {
		n += r.New
		if r.Error != "" {
			failed++
		}
	}
	msg := fmt.Sprintf("Fetched %s: %s.", ui.CountOf("feed", len(results)), ui.CountOf("new article", n))
	if failed > 0 {
		msg += fmt.Sprintf(" %d could not be fetched: see the feeds on the right.", failed)
	}
	w.status.SetText(msg)
	w.Reload()
}

// showFeeds lists the feeds with how their last fetch went.
func (w *Window) showFeeds() {
	w.feedBox.RemoveAll()
	if len(w.feeds) == 0 {
		w.feedBox.Add(widget.NewLabel("No feeds yet: add one with its address."))
	}
	for _, f := range w.feeds {
		name := widget.NewLabelWithStyle(firstNonEmpty(f.Name, f.URL), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		state := widget.NewLabel(feedState(f))
		state.Wrapping = fyne.TextWrapWord
		if f.LastError != "" {
			state.Importance = widget.DangerImportance
		}
		remove := ui.NewButton("Remove", func() { w.removeFeed(f) })
		w.feedBox.Add(container.NewBorder(nil, nil, nil, container.NewVBox(remove), container.NewVBox(name, state)))
	}
	w.feedBox.Refresh()
}

func feedState(f app.Feed) string {
	switch {
	case f.LastFetched.IsZero():
		return "Not fetched yet."
	case f.LastError != "":
		return fmt.Sprintf("%s: %s (next try after %s)", f.LastFetched.Local().Format("Jan 2 15:04"), f.LastError, f.NextTry.Local().Format("15:04"))
	}
	return fmt.Sprintf("%s: %s; every %d minutes", f.LastFetched.Local().Format("Jan 2 15:04"), ui.CountOf("new article", f.LastNew), f.EveryMinutes)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// addFeed asks for a feed's address, name, language and filter.
func (w *Window) addFeed() {
	addr, name, lang, match := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	addr.SetPlaceHolder("https://…/rss")
	lang.SetPlaceHolder("en, ru, fr… (empty: told from each article)")
	match.SetPlaceHolder("Karabakh OR Lachin (empty: every item)")
	form := widget.NewForm(widget.NewFormItem("Address", addr), widget.NewFormItem("Name", name),
		widget.NewFormItem("Language", lang), widget.NewFormItem("Keep only", match))
	d := dialog.NewCustomConfirm("Add a feed", "Add", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		f, err := feeds.NewFeed(addr.Text, name.Text, lang.Text, match.Text, 0, time.Now())
		if err != nil {
			w.status.SetText("Not added: " + err.Error())
			return
		}
		w.writeFeeds(func(fs app.FeedStore) error {
			var err error
			f, err = feeds.Add(fs, f)
			return err
		}, "Not added: ", func() {
			w.status.SetText("Following " + f.URL + "; fetching it now.")
			w.Reload()
			w.fetch([]app.Feed{f})
		})
	}, w.win)
	d.Resize(fyne.NewSize(560, 0))
	ui.Show(w.win, d)
	w.win.Canvas().Focus(addr)
}

func (w *Window) removeFeed(f app.Feed) {
	w.writeFeeds(func(fs app.FeedStore) error { return fs.DeleteFeed(f.ID) }, "Not removed: ", func() {
		w.status.SetText("No longer following " + firstNonEmpty(f.Name, f.URL) + "; its articles stay in the inbox.")
		w.Reload()
	})
}

// writeFeeds makes a change to the feeds or the inbox in the background,
// as a write the window waits for; then done runs on the UI goroutine, or,
// when the change failed, the status line says so after failed.
func (w *Window) writeFeeds(change func(app.FeedStore) error, failed string, done func()) {
	store := w.sh.Store
	w.sh.Write(func() func() {
		fs, err := app.FeedStoreOf(store)
		if err == nil {
			err = change(fs)
		}
		return func() {
			if err != nil {
				w.status.SetText(failed + err.Error())
				return
			}
			done()
		}
	})
}

// Fetcher runs fetches for the window: one at a time, in the background.
type Fetcher struct {
	sh      *ui.Shell
	fetcher *feeds.Fetcher
	running bool
	cancel  context.CancelFunc
	// Done hears each fetch's results, on the UI goroutine.
	Done func([]feeds.Result)
}

// NewFetcher makes the window's fetcher over the shell's casebook.
func NewFetcher(sh *ui.Shell) *Fetcher {
	return &Fetcher{sh: sh, fetcher: feeds.NewFetcher(sh.Store)}
}

// Run fetches the feeds given, or, with none, those that are due; it does
// nothing while a fetch runs. Call it on the UI goroutine.
func (f *Fetcher) Run(list []app.Feed, force bool) {
	if f.running {
		return
	}
	f.running = true
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	store := f.sh.Store
	// A write: the window waits for it before it closes the casebook
	// (Stop first cuts it short).
	f.sh.Write(func() func() {
		var results []feeds.Result
		fs, err := app.FeedStoreOf(store)
		if err == nil {
			if list == nil {
				all, ferr := fs.Feeds()
				err = ferr
				list = all
				if !force {
					list = feeds.Due(all, time.Now())
				}
			}
			if err == nil && len(list) > 0 {
				results = f.fetcher.FetchAll(ctx, fs, list, nil)
			}
		}
		return func() {
			f.running = false
			cancel()
			if f.Done != nil && (len(results) > 0 || force) {
				f.Done(results)
			}
		}
	})
}

// Stop cancels a fetch that runs.
func (f *Fetcher) Stop() {
	if f.cancel != nil {
		f.cancel()
	}
}

// List is the inbox list, for tests that work it with keys.
func (w *Window) List() *ui.KeyList { return w.list }
