package cli_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestFeedsFromTheCommandLine follows a feed served locally, fetches it,
// reviews the inbox, accepts an item and dismisses the other, and writes
// and reads the list as OPML.
func TestFeedsFromTheCommandLine(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>Caucasus Wire</title>
<item><title>Ministers meet in Washington</title><link>%[1]s/a/1</link><guid>w1</guid></item>
<item><title>Border commission convenes</title><link>%[1]s/a/2</link><guid>w2</guid></item></channel></rss>`, srv.URL)
		case "/a/1", "/a/2":
			fmt.Fprintf(w, `<html><body><article><h1>Talks</h1><p>The foreign ministers met again on Tuesday for a further round of talks in Washington on the text of the treaty (%s).</p>
<p>"We have agreed on the order of the next meetings," Ararat Mirzoyan told reporters after the session, adding that the work would go on.</p></article></body></html>`, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	out, stderr, code := run(t, dir, "feeds", "add", srv.URL+"/rss", "--lang", "en", "--match", "ministers OR commission")
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	var feed struct{ ID string }
	if err := json.Unmarshal([]byte(out), &feed); err != nil || feed.ID == "" {
		t.Fatalf("add printed %q", out)
	}
	if _, _, code := run(t, dir, "feeds", "add", srv.URL+"/rss"); code == 0 {
		t.Error("the same feed added twice")
	}
	if _, _, code := run(t, dir, "feeds", "add", "file:///etc/passwd"); code == 0 {
		t.Error("a file address taken as a feed")
	}
	out, stderr, code = run(t, dir, "feeds", "fetch")
	if code != 0 || !strings.Contains(out, "Caucasus Wire: 2 new") {
		t.Fatalf("fetch: exit %d: %s %s", code, out, stderr)
	}
	out, _, _ = run(t, dir, "feeds", "fetch")
	if !strings.Contains(out, "0 new") {
		t.Errorf("second fetch: %s", out)
	}
	out, _, code = run(t, dir, "feeds", "inbox", "--json")
	var inbox []struct {
		ID       string
		Title    string
		Quotes   int `json:"quotations"`
		Speakers int `json:"with_speaker"`
	}
	if err := json.Unmarshal([]byte(out), &inbox); err != nil || code != 0 || len(inbox) != 2 {
		t.Fatalf("inbox: %v %s", err, out)
	}
	if inbox[0].Quotes != 1 || inbox[0].Speakers != 1 {
		t.Errorf("inbox item %+v: want one quotation with its speaker", inbox[0])
	}
	out, stderr, code = run(t, dir, "feeds", "accept", inbox[0].ID)
	if code != 0 || !strings.Contains(out, `"statements":1`) {
		t.Fatalf("accept: exit %d: %s %s", code, out, stderr)
	}
	if _, _, code := run(t, dir, "feeds", "dismiss", inbox[1].ID); code != 0 {
		t.Error("dismiss failed")
	}
	out, _, _ = run(t, dir, "feeds", "inbox")
	if !strings.Contains(out, "The inbox is empty.") {
		t.Errorf("inbox after: %s", out)
	}
	// Dismissed and accepted items never come back.
	out, _, _ = run(t, dir, "feeds", "fetch")
	if !strings.Contains(out, "0 new") {
		t.Errorf("fetch after review: %s", out)
	}
	dump, _, _ := run(t, dir, "dump")
	if !strings.Contains(dump, "We have agreed on the order of the next meetings") {
		t.Error("the accepted article's statement is not in the casebook")
	}
	out, _, _ = run(t, dir, "feeds", "list")
	if !strings.Contains(out, "Caucasus Wire") || !strings.Contains(out, "last fetched") {
		t.Errorf("list: %s", out)
	}
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	if _, stderr, code := run(t, dir, "feeds", "opml", "export", opml); code != 0 {
		t.Fatalf("opml export: %s", stderr)
	}
	other := t.TempDir()
	out, stderr, code = run(t, other, "feeds", "opml", "import", opml)
	if code != 0 || !strings.Contains(out, "1 of 1 feeds added") {
		t.Fatalf("opml import: exit %d: %s %s", code, out, stderr)
	}
	out, _, _ = run(t, other, "feeds", "list", "--json")
	if !strings.Contains(out, `"match": "ministers OR commission"`) || !strings.Contains(out, `"language": "en"`) {
		t.Errorf("imported list: %s", out)
	}
	if _, _, code := run(t, dir, "feeds", "remove", feed.ID); code != 0 {
		t.Error("remove failed")
	}
	if _, _, code := run(t, dir, "feeds"); code != 2 {
		t.Errorf("feeds alone: exit %d, want a usage error", code)
	}
}
