package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"

	"codeberg.org/parley/parley/app"
)

// OPML 2.0 lists feeds as outlines; Parley writes each feed's name,
// address and language, and its filter in an attribute of its own, which
// other readers leave alone.

const parleyNS = "https://codeberg.org/parley/parley/opml"

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	NS      string        `xml:"xmlns:parley,attr,omitempty"`
	Title   string        `xml:"head>title"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	Language string        `xml:"language,attr,omitempty"`
	Match    string        `xml:"parley:match,attr,omitempty"`
	Every    int           `xml:"parley:every,attr,omitempty"`
	Children []opmlOutline `xml:"outline"`
}

// outlineIn is an outline as read: the filter in Parley's namespace.
type outlineIn struct {
	Text     string      `xml:"text,attr"`
	Title    string      `xml:"title,attr"`
	XMLURL   string      `xml:"xmlUrl,attr"`
	Language string      `xml:"language,attr"`
	Match    string      `xml:"https://codeberg.org/parley/parley/opml match,attr"`
	Every    int         `xml:"https://codeberg.org/parley/parley/opml every,attr"`
	Children []outlineIn `xml:"outline"`
}

// WriteOPML writes the feeds as an OPML 2.0 list.
func WriteOPML(w io.Writer, feeds []app.Feed) error {
	doc := opmlDoc{Version: "2.0", NS: parleyNS, Title: "Feeds followed in Parley"}
	for _, f := range feeds {
		every := f.EveryMinutes
		if every == DefaultEvery {
			every = 0
		}
		doc.Body = append(doc.Body, opmlOutline{Text: f.Name, Title: f.Name, Type: "rss", XMLURL: f.URL, Language: f.Language,
			Match: f.Match, Every: every})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ReadOPML reads the feeds of an OPML list, at any depth of its outlines;
// outlines without a feed address (folders) are walked, not kept.
func ReadOPML(data []byte, now time.Time) ([]app.Feed, error) {
	var doc struct {
		XMLName xml.Name    `xml:"opml"`
		Body    []outlineIn `xml:"body>outline"`
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: not an OPML list: %v", app.ErrInvalid, oneLine(err.Error()))
	}
	var out []app.Feed
	var walk func([]outlineIn) error
	walk = func(os []outlineIn) error {
		for _, o := range os {
			if o.XMLURL != "" {
				name := o.Title
				if name == "" {
					name = o.Text
				}
				f, err := NewFeed(o.XMLURL, name, o.Language, o.Match, o.Every, now)
				if err != nil {
					return err
				}
				out = append(out, f)
			}
			if err := walk(o.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(doc.Body); err != nil {
		return nil, err
	}
	return out, nil
}
