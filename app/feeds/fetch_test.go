package feeds_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/feeds"
	"codeberg.org/parley/parley/storage"
	"codeberg.org/parley/parley/storage/storetest"
)

var newStore = storetest.Open

// article is a page with a story of enough words, quoting someone.
func article(title, who string) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%s</title></head><body><nav>Home | World | Sport</nav>
<article><h1>%s</h1><p>The talks between the two delegations went on late into the evening on Tuesday, and both sides said the mood had changed since the last round.</p>
<p>"We have narrowed the gaps on the border map," %s told reporters after the session, adding that a further meeting was planned.</p>
<p>Observers in the region were careful in their comments, noting that earlier rounds had ended with similar hopes.</p>
<p>This report is filed as %s.</p></article></body></html>`, title, title, who, title)
}

func rss(base string, items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title><link>` + base + `</link><description>d</description>`)
	for i, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s/a/%d</link><guid>%s/a/%d</guid><pubDate>Tue, 02 May 2023 10:00:00 GMT</pubDate><description>%s in brief.</description></item>`,
			it, base, i, base, i, it)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// server serves feeds and pages from maps, counting requests.
type server struct {
	*httptest.Server
	routes map[string]http.HandlerFunc
	hits   atomic.Int64
}

func newServer(t *testing.T) *server {
	s := &server{routes: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if h, ok := s.routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/a/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, article("Story "+r.URL.Path, "Daniel Okafor"))
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func follow(t *testing.T, fs app.FeedStore, url, match string) app.Feed {
	t.Helper()
	f, err := feeds.NewFeed(url, "", "", match, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feeds.Add(fs, f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestFetchingFeeds(t *testing.T) {
	srv := newServer(t)
	etag := `"v1"`
	srv.routes["/rss"] = func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "Parley/") {
			t.Errorf("user agent %q", ua)
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss(srv.URL, "Talks resume in Geneva", "Border map discussed"))
	}
	srv.routes["/atom"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2023-05-03T00:00:00Z</updated>
<entry><title>Ministers meet</title><id>urn:e1</id><link href="%s/a/atom1"/><updated>2023-05-03T09:00:00Z</updated><author><name>Ana Writer</name></author><summary>s</summary></entry></feed>`, srv.URL)
	}
	srv.routes["/json"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprintf(w, `{"version":"https://jsonfeed.org/version/1.1","title":"JSON Post","items":[{"id":"j1","url":"%s/a/json1","title":"A statement on the corridor","date_published":"2023-05-04T08:00:00Z","content_text":"x"}]}`, srv.URL)
	}
	// The same article in a second feed: not fetched twice.
	srv.routes["/dup"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, rss(srv.URL, "Talks resume in Geneva"))
	}
	srv.routes["/broken"] = func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<rss><channel><item><title>x") }
	srv.routes["/page"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!DOCTYPE html><html><body>Welcome to our site</body></html>")
	}
	srv.routes["/loop"] = func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) }
	srv.routes["/down"] = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusServiceUnavailable) }

	s := newStore(t)
	var all []app.Feed
	for _, p := range []string{"/rss", "/atom", "/json", "/dup", "/broken", "/page", "/loop", "/down"} {
		all = append(all, follow(t, s, srv.URL+p, ""))
	}
	f := feeds.NewFetcher(s)
	results := f.FetchAll(context.Background(), s, all, nil)
	byPath := map[string]feeds.Result{}
	for i, r := range results {
		byPath[strings.TrimPrefix(all[i].URL, srv.URL)] = r
	}
	for path, want := range map[string]int{"/atom": 1, "/json": 1} {
		if r := byPath[path]; r.New != want || r.Error != "" {
			t.Errorf("%s: %+v, want %d new", path, r, want)
		}
	}
	// /dup carries one of /rss's two items: whichever is fetched first
	// files it, once.
	if r, d := byPath["/rss"], byPath["/dup"]; r.New+d.New != 2 || r.Error != "" || d.Error != "" {
		t.Errorf("/rss %+v and /dup %+v: want 2 new between them", r, d)
	}
	for path, want := range map[string]string{"/broken": "not a feed", "/page": "web page, not a feed", "/loop": "redirects", "/down": "503"} {
		if r := byPath[path]; !strings.Contains(r.Error, want) {
			t.Errorf("%s: error %q, want it to say %q", path, r.Error, want)
		}
	}
	inbox, err := s.Inbox()
	if err != nil || len(inbox) != 4 {
		t.Fatalf("inbox: %d items, %v", len(inbox), err)
	}
	for _, it := range inbox {
		if it.FromFeed || !strings.Contains(it.Text, "narrowed the gaps") || it.Outlet == "" || it.Title == "" {
			t.Errorf("inbox item %+v", it)
		}
	}
	// Again: the feed with an ETag answers 304; nothing new anywhere; the
	// failing feeds back off.
	before := srv.hits.Load()
	idOf := map[string]string{}
	for _, fd := range all {
		idOf[strings.TrimPrefix(fd.URL, srv.URL)] = fd.ID
	}
	all, _ = s.Feeds()
	results = f.FetchAll(context.Background(), s, all, nil)
	for _, r := range results {
		if r.New != 0 {
			t.Errorf("second fetch: %+v", r)
		}
		if r.Feed == idOf["/rss"] && !r.Unchanged {
			t.Errorf("the RSS feed was not asked conditionally: %+v", r)
		}
	}
	if srv.hits.Load()-before > int64(len(all)+8) {
		t.Errorf("%d requests for a second fetch of %d feeds: articles fetched again", srv.hits.Load()-before, len(all))
	}
	down, _ := s.Feed(idOf["/down"])
	if down.Failures < 1 || !down.NextTry.After(time.Now()) || down.LastError == "" {
		t.Errorf("a failing feed backs off: %+v", down)
	}
	if due := feeds.Due(all, time.Now()); len(due) != 0 {
		t.Errorf("due right after a fetch: %d feeds", len(due))
	}
}

func TestAPageThatFailsLeavesTheItemsOwnText(t *testing.T) {
	srv := newServer(t)
	srv.routes["/rss"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>W</title><item><title>Gone</title><link>%s/missing</link><guid>g1</guid>
<description><![CDATA[<p>"The corridor stays open," the minister Rauf Hasanov said on Monday, and talks will go on in Brussels next week.</p>]]></description></item></channel></rss>`, srv.URL)
	}
	s := newStore(t)
	fd := follow(t, s, srv.URL+"/rss", "")
	r := feeds.NewFetcher(s).Fetch(context.Background(), s, fd)
	inbox, _ := s.Inbox()
	if r.New != 1 || len(inbox) != 1 || !inbox[0].FromFeed || !strings.Contains(inbox[0].PageError, "404") ||
		!strings.Contains(inbox[0].Text, "corridor stays open") {
		t.Fatalf("result %+v, inbox %+v", r, inbox)
	}
}

func TestLimits(t *testing.T) {
	srv := newServer(t)
	srv.routes["/huge"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := bytes.Repeat([]byte("<!-- padding padding padding -->"), 1<<15)
		for range 50 << 20 / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}
	srv.routes["/slow"] = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}
	s := newStore(t)
	huge, slow := follow(t, s, srv.URL+"/huge", ""), follow(t, s, srv.URL+"/slow", "")
	f := feeds.NewFetcher(s)
	f.Timeout = 300 * time.Millisecond
	if r := f.Fetch(context.Background(), s, huge); !strings.Contains(r.Error, "larger than 10 MB") {
		t.Errorf("a 50 MB answer: %+v", r)
	}
	if r := f.Fetch(context.Background(), s, slow); !strings.Contains(r.Error, "within") {
		t.Errorf("a slow server: %+v", r)
	}
}

func TestAWindows1251FeedIsRead(t *testing.T) {
	srv := newServer(t)
	feed := `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Новости Кавказа</title>` +
		`<item><title>Переговоры продолжаются</title><link>` + srv.URL + `/a/ru</link><guid>ru1</guid></item></channel></rss>`
	encoded, err := charmap.Windows1251.NewEncoder().String(feed)
	if err != nil {
		t.Fatal(err)
	}
	srv.routes["/ru"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, encoded)
	}
	s := newStore(t)
	fd := follow(t, s, srv.URL+"/ru", "")
	if r := feeds.NewFetcher(s).Fetch(context.Background(), s, fd); r.New != 1 || r.Name != "Новости Кавказа" {
		t.Fatalf("%+v", r)
	}
	inbox, _ := s.Inbox()
	if len(inbox) != 1 || inbox[0].Title != "Переговоры продолжаются" || inbox[0].Outlet != "Новости Кавказа" {
		t.Errorf("inbox %+v", inbox)
	}
}

func TestTheFilterKeepsWhatMatches(t *testing.T) {
	for _, tt := range []struct {
		query, text string
		want        bool
	}{
		{"", "anything", true},
		{"Karabakh OR Lachin", "The Lachin corridor", true},
		{"Karabakh OR Lachin", "Talks in Geneva", false},
		{"border map", "the map of the border", true},
		{`"border map"`, "the map of the border", false},
		{`"border map"`, "a new border map", true},
		{"Armen*", "Armenian ministers", true},
		{"talks -football", "talks after the football match", false},
		{"naxcivan", "Naxçıvan", true},
	} {
		if got := feeds.Matches(tt.query, tt.text); got != tt.want {
			t.Errorf("%q on %q: %v, want %v", tt.query, tt.text, got, tt.want)
		}
	}
	srv := newServer(t)
	srv.routes["/rss"] = func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, rss(srv.URL, "Football results", "Talks resume"))
	}
	s := newStore(t)
	fd := follow(t, s, srv.URL+"/rss", "football OR cricket")
	if r := feeds.NewFetcher(s).Fetch(context.Background(), s, fd); r.New != 1 || r.Filtered != 1 {
		t.Errorf("%+v", r)
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	now := time.Now()
	a, _ := feeds.NewFeed("https://example.org/rss", "Example & Co", "ru", "Karabakh OR Lachin", 30, now)
	b, _ := feeds.NewFeed("https://example.net/atom", "Net", "", "", 0, now)
	var buf bytes.Buffer
	if err := feeds.WriteOPML(&buf, []app.Feed{a, b}); err != nil {
		t.Fatal(err)
	}
	got, err := feeds.ReadOPML(buf.Bytes(), now)
	if err != nil || len(got) != 2 {
		t.Fatalf("%v %+v\n%s", err, got, buf.String())
	}
	for i, want := range []app.Feed{a, b} {
		g := got[i]
		if g.URL != want.URL || g.Name != want.Name || g.Language != want.Language || g.Match != want.Match || g.EveryMinutes != want.EveryMinutes {
			t.Errorf("feed %d: %+v, want %+v", i, g, want)
		}
	}
	// Another reader's list, with folders.
	other := `<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
<outline text="News"><outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/></outline></body></opml>`
	if got, err := feeds.ReadOPML([]byte(other), now); err != nil || len(got) != 1 || got[0].Name != "Wire" {
		t.Errorf("%v %+v", err, got)
	}
	if _, err := feeds.ReadOPML([]byte("<html>"), now); err == nil {
		t.Error("a page read as OPML")
	}
}

// FuzzFetch serves whatever the fuzzer makes as a feed and checks that a
// fetch of it never panics, files only items with text, and says what went
// wrong when it fails.
func FuzzFetch(f *testing.F) {
	f.Add([]byte(rss("http://127.0.0.1:1", "A", "B")))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>x</title><content type="html">&lt;p&gt;“Yes,” he said.&lt;/p&gt;</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","content_html":"<p>a</p>"}]}`))
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>К</title></channel></rss>`))
	var body atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.Write(body.Load().([]byte))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	s := newStore(f)
	fd, err := feeds.NewFeed(srv.URL+"/feed", "", "", "", 0, time.Now())
	if err != nil {
		f.Fatal(err)
	}
	if _, err := feeds.Add(s, fd); err != nil {
		f.Fatal(err)
	}
	fetcher := feeds.NewFetcher(s)
	fetcher.Timeout = 2 * time.Second
	f.Fuzz(func(t *testing.T, data []byte) {
		body.Store(data)
		r := fetcher.Fetch(context.Background(), s, fd)
		if r.New < 0 || r.Error != "" && r.New != 0 {
			t.Fatalf("%+v", r)
		}
		inbox, err := s.Inbox()
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range inbox {
			if strings.TrimSpace(it.Text) == "" || !utf8.ValidString(it.Text) || it.ID == "" {
				t.Fatalf("inbox item %+v", it)
			}
		}
	})
}

// BenchmarkFetch20Feeds fetches 20 feeds of 50 items each, every item's
// page served locally, into an empty inbox.
func BenchmarkFetch20Feeds(b *testing.B) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/feed/") {
			n := strings.TrimPrefix(r.URL.Path, "/feed/")
			var titles []string
			for i := range 50 {
				titles = append(titles, fmt.Sprintf("Feed %s story %d", n, i))
			}
			body := rss(srv.URL+"/f"+n, titles...)
			fmt.Fprint(w, body)
			return
		}
		fmt.Fprint(w, article("Story "+r.URL.Path, "Daniel Okafor"))
	}))
	defer srv.Close()
	for b.Loop() {
		b.StopTimer()
		s, err := storage.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		var list []app.Feed
		for i := range 20 {
			fd, _ := feeds.NewFeed(fmt.Sprintf("%s/feed/%d", srv.URL, i), "", "en", "", 0, time.Now())
			if _, err := feeds.Add(s, fd); err != nil {
				b.Fatal(err)
			}
			list = append(list, fd)
		}
		b.StartTimer()
		results := feeds.NewFetcher(s).FetchAll(context.Background(), s, list, nil)
		b.StopTimer()
		n := 0
		for _, r := range results {
			n += r.New
		}
		if n != 1000 {
			b.Fatalf("%d new, want 1000", n)
		}
		s.Close()
		b.StartTimer()
	}
}

// A server that compresses its answers is read through the compression.
func TestACompressedFeedIsRead(t *testing.T) {
	srv := newServer(t)
	srv.routes["/gz"] = func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding %q", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, rss(srv.URL, "Compressed story"))
		zw.Close()
	}
	s := newStore(t)
	fd := follow(t, s, srv.URL+"/gz", "")
	if r := feeds.NewFetcher(s).Fetch(context.Background(), s, fd); r.New != 1 || r.Error != "" {
		t.Fatalf("%+v", r)
	}
}
