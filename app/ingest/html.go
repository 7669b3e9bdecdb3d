package ingest

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML takes the main text of a saved web page with go-readability,
// which drops navigation, adverts and comments, and the page's title,
// site name, date and address from its metadata.
func readHTML(doc *Document, page string) error {
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return unreadableErr("the page cannot be parsed as HTML: %v", err)
	}
	meta := pageMeta(root)
	var base *url.URL
	if u, err := url.Parse(meta["url"]); err == nil && u.Scheme != "" {
		base = u
		doc.URL = u.String()
	}
	var ld htmlMeta
	ldMeta(root, &ld)
	// The page's own metadata first, surest first: Open Graph and <meta>,
	// JSON-LD, a <time> element; readability's guess last.
	doc.Published = firstOf(isoDate(meta["published"]), isoDate(ld.published), isoDate(timeMeta(root)))
	doc.Byline = cleanAuthors(ld.authors)
	if len(doc.Byline) == 0 && meta["author"] != "" {
		doc.Byline = cleanAuthors([]string{meta["author"]})
	}
	article, err := readability.FromDocument(root, base)
	if err == nil && article.Node != nil {
		doc.Text = blockText(article.Node)
		doc.Title = strings.TrimSpace(article.Title())
		doc.Outlet = strings.TrimSpace(article.SiteName())
		if t, err := article.PublishedTime(); err == nil && !t.IsZero() && doc.Published == "" {
			doc.Published = t.UTC().Format(time.DateOnly)
		}
		if len(doc.Byline) == 0 {
			doc.Byline = cleanAuthors([]string{article.Byline()})
		}
	}
	if doc.Published != "" {
		doc.DateFrom = DateFromMeta
	}
	if strings.TrimSpace(doc.Text) == "" {
		// Not an article readability recognises: take the body's text.
		doc.Text = blockText(root)
	}
	if doc.Title == "" {
		doc.Title = meta["title"]
	}
	if doc.Outlet == "" {
		doc.Outlet = meta["site"]
	}
	return nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// pageMeta reads the head: title, Open Graph and article metadata, the
// canonical address.
func pageMeta(root *html.Node) map[string]string {
	m := map[string]string{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if m["title"] == "" && n.FirstChild != nil {
					m["title"] = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name"))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title":
					m["title"] = val
				case "og:site_name", "application-name":
					if m["site"] == "" {
						m["site"] = val
					}
				case "og:url":
					m["url"] = val
				case "article:published_time", "date", "pubdate", "dc.date", "dcterms.date", "dc.date.issued", "publish-date":
					if m["published"] == "" {
						m["published"] = val
					}
				case "author", "article:author", "byl", "dc.creator", "sailthru.author":
					if m["author"] == "" {
						m["author"] = val
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m["url"] == "" {
					m["url"] = attr(n, "href")
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func dateOnly(s string) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", time.DateOnly, "2006/01/02"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return ""
}

// blockText renders HTML as text with a blank line between blocks, so that
// paragraphs stay paragraphs for the extractor.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Head:
				return
			case atom.Br:
				b.WriteString("\n")
				return
			}
		}
		block := n.Type == html.ElementNode && isBlock(n.DataAtom)
		if block {
			b.WriteString("\n\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(n)
	// Collapse runs of spaces within lines and of blank lines between.
	var out []string
	for _, para := range strings.Split(b.String(), "\n\n") {
		para = strings.Join(strings.FieldsFunc(para, func(r rune) bool { return unicode.IsSpace(r) && r != '\n' }), " ")
		para = strings.TrimSpace(strings.ReplaceAll(para, " \n", "\n"))
		if para != "" {
			out = append(out, para)
		}
	}
	return strings.Join(out, "\n\n")
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote,
		atom.Article, atom.Section, atom.Header, atom.Footer, atom.Tr, atom.Table, atom.Ul, atom.Ol, atom.Pre,
		atom.Figure, atom.Figcaption, atom.Main, atom.Aside, atom.Dd, atom.Dt, atom.Hr:
		return true
	}
	return false
}
