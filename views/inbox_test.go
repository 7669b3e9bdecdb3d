package views

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/feeds"
)

// TestTheInboxInTheWindow follows a feed served locally, fetches it from
// the inbox window, and works the inbox with the keys: j moves, a accepts
// an article into the casebook, d dismisses one, Enter opens one in the
// import review; the button on the toolbar counts what waits.
func TestTheInboxInTheWindow(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rss" {
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Caucasus Wire</title>`)
			for i := 1; i <= 3; i++ {
				fmt.Fprintf(w, `<item><title>Round %d of talks</title><link>%s/a/%d</link><guid>r%d</guid></item>`, i, srv.URL, i, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		fmt.Fprintf(w, `<html><body><article><h1>Talks</h1><p>The foreign ministers met again on Tuesday for round %s of talks in Washington on the text of the treaty.</p>
<p>"We have agreed on the order of the next meetings in round %s," Ararat Mirzoyan told reporters after the session.</p></article></body></html>`, r.URL.Path, r.URL.Path)
	}))
	defer srv.Close()
	h := newHarness(t)
	fs, err := app.FeedStoreOf(h.w.sh.Store)
	if err != nil {
		t.Fatal(err)
	}
	f, err := feeds.NewFeed(srv.URL+"/rss", "", "en", "", 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feeds.Add(fs, f); err != nil {
		t.Fatal(err)
	}
	h.w.showInbox()
	h.w.sh.WaitIdle()
	h.w.inboxWin.Fetch(nil)
	h.w.sh.WaitIdle()
	h.w.sh.WaitIdle()
	if n := len(h.w.inboxWin.Entries()); n != 3 {
		t.Fatalf("%d articles in the inbox after the fetch, want 3", n)
	}
	if h.w.inboxBtn == nil || h.w.inboxBtn.Text != "Inbox 3" {
		t.Errorf("the toolbar says %q", h.w.inboxBtn.Text)
	}
	before, _ := h.w.sh.Casebook().Dump()
	list := h.w.inboxWin.List()
	list.TypedRune('j') // the second article
	second := h.w.inboxWin.Entries()[list.Cursor()]
	list.TypedRune('a')
	h.w.sh.WaitIdle()
	after, _ := h.w.sh.Casebook().Dump()
	if len(after.Statements) != len(before.Statements)+1 || len(after.Sources) != len(before.Sources)+1 {
		t.Fatalf("accepting filed %d statements, %d sources", len(after.Statements)-len(before.Statements), len(after.Sources)-len(before.Sources))
	}
	for _, it := range h.w.inboxWin.Entries() {
		if it.ID == second.ID {
			t.Error("the accepted article is still in the inbox")
		}
	}
	list.TypedRune('d')
	h.w.sh.WaitIdle()
	if n := len(h.w.inboxWin.Entries()); n != 1 || h.w.inboxBtn.Text != "Inbox 1" {
		t.Errorf("after accepting one and dismissing one: %d left, the toolbar says %q", n, h.w.inboxBtn.Text)
	}
	last := h.w.inboxWin.Entries()[0]
	list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.w.sh.WaitIdle()
	if h.w.importWin == nil || h.w.importWin.Closed() || len(h.w.importWin.Proposals()) != 1 {
		t.Fatal("Enter did not open the article in the import review")
	}
	h.w.importWin.Save()
	h.w.sh.WaitIdle()
	if n := len(h.w.inboxWin.Entries()); n != 0 {
		t.Errorf("%d left after saving %q from the review", n, last.Title)
	}
	// What was accepted or dismissed never comes back.
	h.w.inboxWin.Fetch(nil)
	h.w.sh.WaitIdle()
	h.w.sh.WaitIdle()
	if n := len(h.w.inboxWin.Entries()); n != 0 {
		t.Errorf("%d came back", n)
	}
	if !strings.Contains(h.w.inboxBtn.Text, "0") {
		t.Errorf("toolbar %q", h.w.inboxBtn.Text)
	}
}
