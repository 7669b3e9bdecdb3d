// Package feeds follows news feeds: it fetches the feeds a user chose,
// reads each new item's article, and files it in the inbox to review.
// Nothing enters the casebook until the user accepts it.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/ingest"
)

// Limits a fetch keeps to, whatever a server sends.
const (
	// MaxFeedBytes and MaxPageBytes cap what is read of a feed and of an
	// article's page.
	MaxFeedBytes = 10 << 20
	MaxPageBytes = 10 << 20
	// maxRedirects is how many redirects a request follows.
	maxRedirects = 5
	// perHost is how many requests go to one host at a time.
	perHost = 2
	// batchBytes is how much article text a fetch holds before it files
	// what it has: memory stays bounded by it, not by the number of items.
	batchBytes = 4 << 20
	// maxItems is how many items of one feed a fetch reads.
	maxItems = 200
)

// UserAgent names Parley to the servers it fetches from.
const UserAgent = "Parley/0.1 (desktop casebook; +https://codeberg.org/parley/parley)"

// Fetcher fetches feeds into a feed store's inbox.
type Fetcher struct {
	Client *http.Client
	// Casebook, when set, is asked whether an article is filed already.
	Casebook app.Reader
	Now      func() time.Time
	// ConnectTimeout and Timeout bound one request: connecting, and the
	// whole response.
	ConnectTimeout, Timeout time.Duration

	hosts sync.Map // host -> chan struct{} (its request slots)
	// claimed holds the keys of the items fetches now running have taken,
	// so that two feeds carrying one article file it once.
	claimed sync.Map
}

// claim takes the keys of an item for this fetch; false when another
// fetch took any of them first.
func (f *Fetcher) claim(keys []string) bool {
	for i, k := range keys {
		if _, taken := f.claimed.LoadOrStore(k, true); taken {
			for _, k := range keys[:i] {
				f.claimed.Delete(k)
			}
			return false
		}
	}
	return true
}

// NewFetcher makes a fetcher with Parley's limits: 10 s to connect, 30 s
// for a whole response, at most five redirects.
func NewFetcher(casebook app.Reader) *Fetcher {
	f := &Fetcher{Casebook: casebook, Now: time.Now, ConnectTimeout: 10 * time.Second, Timeout: 30 * time.Second}
	f.Client = &http.Client{
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			TLSHandshakeTimeout:   f.ConnectTimeout,
			ResponseHeaderTimeout: f.Timeout,
			MaxIdleConnsPerHost:   perHost,
			DialContext:           (&net.Dialer{Timeout: f.ConnectTimeout}).DialContext,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects (a loop?)", maxRedirects)
			}
			return nil
		},
	}
	return f
}

// Result says how one feed's fetch went.
type Result struct {
	Feed      string `json:"feed"`
	Name      string `json:"name"`
	New       int    `json:"new"`
	Unchanged bool   `json:"unchanged,omitempty"`
	// Filtered counts the new items the feed's match left out.
	Filtered int    `json:"filtered,omitempty"`
	Error    string `json:"error,omitempty"`
}

// FetchAll fetches the feeds, several at once (two at a time per host),
// and files what each brings; a feed that fails gets its error and the
// others go on. progress, when set, hears of each feed done.
func (f *Fetcher) FetchAll(ctx context.Context, fs app.FeedStore, feeds []app.Feed, progress func(Result)) []Result {
	out := make([]Result, len(feeds))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	var mu sync.Mutex
	for i, fd := range feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			r := f.Fetch(ctx, fs, fd)
			out[i] = r
			if progress != nil {
				mu.Lock()
				progress(r)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

// Fetch fetches one feed and files its new items in the inbox.
func (f *Fetcher) Fetch(ctx context.Context, fs app.FeedStore, fd app.Feed) Result {
	res := Result{Feed: fd.ID, Name: fd.Name}
	// What this fetch claims is filed as seen by its end, or, if filing
	// failed, free to be tried again.
	var claimed []string
	claim := func(keys []string) bool {
		if !f.claim(keys) {
			return false
		}
		claimed = append(claimed, keys...)
		return true
	}
	defer func() {
		for _, k := range claimed {
			f.claimed.Delete(k)
		}
	}()
	now := f.Now().UTC()
	fail := func(err error) Result {
		res.Error = oneLine(err.Error())
		fd.LastFetched, fd.LastNew, fd.LastError = now, 0, res.Error
		fd.Failures++
		// Back off: 5 minutes after one error, doubling, at most a day.
		wait := min(time.Duration(1<<min(fd.Failures-1, 9))*5*time.Minute, 24*time.Hour)
		fd.NextTry = now.Add(wait)
		if err := fs.FileFetch(fd, nil, nil); err != nil && res.Error == "" {
			res.Error = oneLine(err.Error())
		}
		return res
	}
	body, status, hdr, err := f.get(ctx, fd.URL, MaxFeedBytes, fd.ETag, fd.LastModified)
	if err != nil {
		return fail(err)
	}
	if status == http.StatusNotModified {
		res.Unchanged = true
		fd.LastFetched, fd.LastNew, fd.LastError, fd.Failures, fd.NextTry = now, 0, "", 0, time.Time{}
		if err := fs.FileFetch(fd, nil, nil); err != nil {
			res.Error = oneLine(err.Error())
		}
		return res
	}
	if looksLikePage(hdr.Get("Content-Type"), body) {
		return fail(errors.New("the address gives a web page, not a feed (RSS, Atom or JSON Feed)"))
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return fail(fmt.Errorf("not a feed Parley can read: %v", err))
	}
	outlet := strings.TrimSpace(parsed.Title)
	if fd.Name == "" {
		fd.Name, res.Name = outlet, outlet
	}
	items := parsed.Items
	if len(items) > maxItems {
		items = items[:maxItems]
	}
	var batch []app.InboxItem
	var seen []string
	held := 0
	file := func(final bool) error {
		state := fd
		if !final {
			// The feed's new validators are filed with its last batch:
			// a fetch cut short is fetched again, and what it filed is
			// seen.
			if old, err := fs.Feed(fd.ID); err == nil {
				state = old
			}
		}
		err := fs.FileFetch(state, batch, seen)
		batch, seen, held = nil, nil, 0
		return err
	}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		keys := itemKeys(it)
		if len(keys) == 0 {
			continue
		}
		was, err := fs.Seen(keys)
		if err != nil {
			return fail(err)
		}
		if len(was) > 0 || !claim(keys) {
			continue // fetched before, or being fetched now, from this feed or another
		}
		item, err := f.article(ctx, fd, outlet, it)
		if err != nil {
			seen = append(seen, keys...) // nothing to read in it; do not try again
			continue
		}
		textKey := "t:" + item.TextHash
		if was, err := fs.Seen([]string{textKey}); err != nil {
			return fail(err)
		} else if len(was) > 0 || f.filed(item.TextHash) || !claim([]string{textKey}) {
			seen = append(seen, keys...) // the same text from another feed or filed already
			continue
		}
		seen = append(seen, append(keys, textKey)...)
		if !Matches(fd.Match, item.Title+"\n"+item.Text) {
			res.Filtered++
			continue
		}
		batch = append(batch, item)
		res.New++
		held += len(item.Text)
		if held >= batchBytes {
			if err := file(false); err != nil {
				return fail(err)
			}
		}
	}
	fd.ETag, fd.LastModified = hdr.Get("ETag"), hdr.Get("Last-Modified")
	fd.LastFetched, fd.LastNew, fd.LastError, fd.Failures, fd.NextTry = now, res.New, "", 0, time.Time{}
	if err := file(true); err != nil {
		res.Error = oneLine(err.Error())
	}
	return res
}

// filed reports whether the casebook holds a source with this text.
func (f *Fetcher) filed(hash string) bool {
	if f.Casebook == nil {
		return false
	}
	_, err := f.Casebook.SourceByHash(hash)
	return err == nil
}

// itemKeys are what an item is known by: its GUID and its address.
func itemKeys(it *gofeed.Item) []string {
	var keys []string
	if g := strings.TrimSpace(it.GUID); g != "" {
		keys = append(keys, "g:"+g)
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		keys = append(keys, "u:"+l)
	}
	return keys
}

// article reads an item's article: its page's main text, or, when the page
// cannot be had, the item's own content, marked as such.
func (f *Fetcher) article(ctx context.Context, fd app.Feed, outlet string, it *gofeed.Item) (app.InboxItem, error) {
	item := app.InboxItem{Feed: fd.ID, GUID: it.GUID, URL: it.Link, Title: strings.TrimSpace(it.Title), Outlet: outlet,
		Fetched: f.Now().UTC(), Language: fd.Language}
	for _, a := range it.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			item.Byline = append(item.Byline, strings.TrimSpace(a.Name))
		}
	}
	if it.PublishedParsed != nil {
		item.Published = it.PublishedParsed.UTC().Format("2006-01-02")
	} else if it.UpdatedParsed != nil {
		item.Published = it.UpdatedParsed.UTC().Format("2006-01-02")
	}
	var doc ingest.Document
	pageErr := errors.New("the item has no address")
	if u, err := url.Parse(it.Link); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		var body []byte
		var status int
		body, status, _, pageErr = f.get(ctx, it.Link, MaxPageBytes, "", "")
		if pageErr == nil && status != http.StatusOK {
			pageErr = fmt.Errorf("the page answered %d %s", status, http.StatusText(status))
		}
		if pageErr == nil {
			doc, pageErr = ingest.Read(pageName(u), body)
			if pageErr == nil && len(strings.Fields(doc.Text)) < 20 {
				pageErr = errors.New("the page holds no article text")
			}
		}
	}
	if pageErr != nil {
		content := it.Content
		if strings.TrimSpace(content) == "" {
			content = it.Description
		}
		var err error
		doc, err = ingest.Read("item.html", []byte("<html><body><article>"+content+"</article></body></html>"))
		if err != nil || strings.TrimSpace(doc.Text) == "" {
			return item, fmt.Errorf("neither the page nor the item holds text: %v", pageErr)
		}
		item.FromFeed, item.PageError = true, oneLine(pageErr.Error())
	}
	item.Text = doc.Text
	if item.Title == "" {
		item.Title = doc.Title
	}
	if len(item.Byline) == 0 {
		item.Byline = doc.Byline
	}
	if item.Published == "" {
		item.Published = doc.Published
	}
	if item.Language == "" {
		item.Language = doc.Language
	}
	item.TextHash = app.TextHash(doc.Text)
	item.ID = "in-" + item.TextHash[:16]
	return item, nil
}

// pageName gives ingest a name that says the page is HTML.
func pageName(u *url.URL) string {
	base := path.Base(u.Path)
	if base == "." || base == "/" || base == "" {
		base = "page"
	}
	return base + ".html"
}

// get fetches an address, conditionally when etag or modified is given,
// reading at most limit bytes: one more is an error, not a cut.
func (f *Fetcher) get(ctx context.Context, addr string, limit int64, etag, modified string) ([]byte, int, http.Header, error) {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, 0, nil, fmt.Errorf("%q is not an http or https address", addr)
	}
	release := f.slot(ctx, u.Host)
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return nil, 0, nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if modified != "" {
		req.Header.Set("If-Modified-Since", modified)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, 0, nil, fmt.Errorf("no answer within %s", f.Timeout)
		}
		return nil, 0, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil, resp.StatusCode, resp.Header, nil
	}
	if resp.StatusCode >= 400 {
		return nil, resp.StatusCode, resp.Header, fmt.Errorf("the server answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, 0, nil, fmt.Errorf("the answer did not come whole within %s", f.Timeout)
		}
		return nil, 0, nil, err
	}
	if int64(len(body)) > limit {
		return nil, 0, nil, fmt.Errorf("the answer is larger than %d MB, the most Parley reads", limit>>20)
	}
	return body, resp.StatusCode, resp.Header, nil
}

// slot waits for one of a host's request slots and returns its release.
func (f *Fetcher) slot(ctx context.Context, host string) func() {
	v, _ := f.hosts.LoadOrStore(host, make(chan struct{}, perHost))
	ch := v.(chan struct{})
	select {
	case ch <- struct{}{}:
		return func() { <-ch }
	case <-ctx.Done():
		return func() {}
	}
}

// looksLikePage tells a web page served where a feed was expected.
func looksLikePage(contentType string, body []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return strings.HasPrefix(strings.ToLower(contentType), "text/html") &&
		(bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
