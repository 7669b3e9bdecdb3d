package ingest

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-dateparser/date"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The languages a dateline is read in: the region's news languages. The
// date parser knows some two hundred; offering it fewer keeps it from
// reading a word of one language as a month of another.
var datelineLanguages = []string{"en", "ru", "fr", "de", "tr", "hy", "az", "uk", "ka", "fa", "es", "it"}

// languageWhitelist is what the language detector chooses among: the
// region's languages and the other languages its news is often read in.
var languageWhitelist = func() map[whatlanggo.Lang]bool {
	m := map[whatlanggo.Lang]bool{}
	for _, l := range []whatlanggo.Lang{
		whatlanggo.Eng, whatlanggo.Rus, whatlanggo.Fra, whatlanggo.Deu, whatlanggo.Tur,
		whatlanggo.Azj, whatlanggo.Ukr, whatlanggo.Kat, whatlanggo.Pes, whatlanggo.Spa, whatlanggo.Ita,
		whatlanggo.Por, whatlanggo.Nld, whatlanggo.Pol, whatlanggo.Arb,
	} {
		m[l] = true
	}
	return m
}()

// DetectLanguage names the language of a text as an ISO 639-1 code, or ""
// when the text is too short or too mixed to tell. whatlanggo counts the
// text's trigrams against its language profiles, after telling the script;
// it has no profile for Armenian, whose script is its own, so a text mostly
// in Armenian letters is Armenian.
func DetectLanguage(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	letters, armenian := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Armenian, r) {
				armenian++
			}
		}
	}
	if letters > 0 && armenian*2 > letters {
		return "hy"
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: languageWhitelist})
	if info.Lang == -1 {
		return ""
	}
	return info.Lang.Iso6391()
}

// htmlMeta is what a page's markup says of the article beyond its text.
type htmlMeta struct {
	published string // as the page writes it
	authors   []string
}

// ldMeta reads the JSON-LD blocks of a page for datePublished and author,
// at any depth (an @graph, a NewsArticle inside a WebPage).
func ldMeta(root *html.Node, m *htmlMeta) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script &&
			strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
			var v any
			if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
				ldWalk(v, m)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

func ldWalk(v any, m *htmlMeta) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			ldWalk(x, m)
		}
	case map[string]any:
		if s, ok := v["datePublished"].(string); ok && m.published == "" {
			m.published = s
		}
		if a, ok := v["author"]; ok && len(m.authors) == 0 {
			m.authors = ldNames(a)
		}
		for k, x := range v {
			if k != "author" {
				ldWalk(x, m)
			}
		}
	}
}

// ldNames reads an author field: a name, a Person, or a list of either.
func ldNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, ldNames(x)...)
		}
		return out
	}
	return nil
}

// timeMeta takes the first <time datetime> in the page's body that claims
// to be the publication date, or else the first one at all.
func timeMeta(root *html.Node) string {
	var first, published string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if published != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Time {
			if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
				if first == "" {
					first = dt
				}
				if hasAttr(n, "pubdate") || strings.Contains(attr(n, "itemprop"), "datePublished") ||
					strings.Contains(strings.ToLower(attr(n, "class")), "publish") {
					published = dt
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if published != "" {
		return published
	}
	return first
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// isoDate reads a machine-written date (RFC 3339 and its cousins) as
// YYYY-MM-DD, YYYY-MM or YYYY.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if d := dateOnly(s); d != "" {
		return d
	}
	for _, layout := range []string{"2006-01", "2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return s
		}
	}
	return ""
}

var (
	// A date in a page's address: /2023/05/03/, /2023-05-03-, /20230503/.
	urlDateRe = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`)
	// An Armenian dateline writes the year first ("2023 թ. մայիսի 3-ին");
	// the date parser reads the day-month-year order.
	hyYearFirst = regexp.MustCompile(`(\d{4})\s*թ\.?,?\s*(\p{L}+)\s+(\d{1,2})(?:-ին|-ի)?`)
	// An Azerbaijani year carries an ordinal suffix ("2023-cü il"), and a
	// year-first date puts the month in the genitive ("2023-cü il mayın 3-də").
	azYearFirst = regexp.MustCompile(`(\d{4})-(?:c[iıuü]|ci) il\s+(\p{L}+?)(?:ın|in|un|ün|nın|nin)\s+(\d{1,2})(?:-\p{L}+)?`)
	azYearMark  = regexp.MustCompile(`(\d{4})-(?:c[iıuü]) il`)
	fourDigits  = regexp.MustCompile(`\d{4}`)
)

// urlDate finds a publication date in a page's address.
func urlDate(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Path == "" {
		return ""
	}
	return pathDate(u.Path)
}

// pathDate finds a date in a path or a file name, written as addresses
// write it.
func pathDate(path string) string {
	m := urlDateRe.FindStringSubmatch(path)
	if m == nil {
		return ""
	}
	d := m[1] + "-" + m[2] + "-" + m[3]
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

// datelineDate finds the date written at the head of an article ("YEREVAN,
// May 3, 2023 —", "3 мая 2023", "le 27 septembre 2023", "9. August 2025")
// with go-dateparser, in the text's language and English. A dateline opens
// one of the first lines: at most a place before the date, and a dash, a
// stop or the line's end after it; a date named inside a sentence is what
// the article talks about, not when it was written. Only a date that names
// its year counts: "on Wednesday" is not a dateline.
func datelineDate(text, lang string) string {
	langs := datelineLanguages
	if lang != "" {
		langs = []string{lang}
		if lang != "en" {
			langs = append(langs, "en")
		}
	}
	cfg := &dps.Configuration{Languages: langs, CurrentTime: time.Now().UTC()}
	lines := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if lines++; lines > 4 {
			break
		}
		head := line
		if len(head) > 120 {
			head = head[:120]
			for !utf8.ValidString(head) {
				head = head[:len(head)-1]
			}
		}
		head = hyYearFirst.ReplaceAllString(head, "$3 $2 $1")
		head = azYearFirst.ReplaceAllString(head, "$3 $2 $1")
		head = azYearMark.ReplaceAllString(head, "$1")
		_, found, err := dps.Search(cfg, head)
		if err != nil {
			continue
		}
		for _, f := range found {
			if !fourDigits.MatchString(f.Text) || f.Date.Time.IsZero() {
				continue
			}
			// The parser may take the stop after the date with it.
			words := strings.TrimRight(f.Text, " .։:,—–-")
			at := strings.Index(head, words)
			if at < 0 || !datelineBefore.MatchString(head[:at]) || !datelineAfter.MatchString(head[at+len(words):]) {
				continue
			}
			switch f.Date.Period {
			case date.Day:
				return f.Date.Time.Format(time.DateOnly)
			case date.Month:
				return f.Date.Time.Format("2006-01")
			}
		}
	}
	return ""
}

var (
	// What may stand before a dateline's date: a place, an agency in
	// brackets, a comma, the article of a French date.
	datelineBefore = regexp.MustCompile(`^(?:[\p{L}\p{M} .'’()/-]{0,50}[,:]?\s*)?(?:le\s+|am\s+|den\s+)?$`)
	// What follows it: a year word, then a dash, a stop, a colon or the end.
	datelineAfter = regexp.MustCompile(`^\s*(?:года|г\.|թ\.)?\s*(?:[—–\-.:։|/(]|$)`)
)

// bylineRe is a byline line at the head of a text: "By Ann Lee", "Von Anna
// Weber", "Par Jean Dupont", "Автор: Иван Петров".
var bylineRe = regexp.MustCompile(`^(?i:by|von|par|автор:?|yazar:?|հեղինակ:?|müəllif:?)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and|und|et|и|ve|və|&|,)?\s*\p{Lu}[\p{L}.'’-]*){0,7})\s*$`)

var authorSep = regexp.MustCompile(`\s+(?:and|und|et|и|ve|və|&)\s+|,\s*`)

// textByline reads a byline line among the first lines of a text.
func textByline(text string) []string {
	for i, line := range strings.SplitN(text, "\n", 8) {
		if i >= 7 {
			break
		}
		line = strings.TrimSpace(line)
		if m := bylineRe.FindStringSubmatch(line); m != nil {
			return splitAuthors(m[1])
		}
	}
	return nil
}

// splitAuthors splits "Ann Lee and Bo Park" or "Ann Lee, Bo Park".
func splitAuthors(s string) []string {
	s = authorSep.ReplaceAllString(s, ";")
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.Join(strings.Fields(a), " "); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// cleanAuthors drops the author fields that name no person: profile
// addresses, empty strings.
func cleanAuthors(in []string) []string {
	var out []string
	for _, a := range in {
		a = strings.Join(strings.Fields(a), " ")
		if a == "" || strings.Contains(a, "://") || strings.HasPrefix(a, "/") {
			continue
		}
		out = append(out, splitAuthors(strings.TrimPrefix(strings.TrimPrefix(a, "By "), "by "))...)
	}
	return out
}

// findDate fills in a document's date, when its page's metadata gave none,
// from a dateline in the text, else from its address, else from its file
// name (saved articles are often named by their date).
func findDate(doc *Document) {
	if doc.Published != "" {
		return
	}
	if d := datelineDate(doc.Text, doc.Language); d != "" {
		doc.Published, doc.DateFrom = d, DateFromText
	} else if d := urlDate(doc.URL); d != "" {
		doc.Published, doc.DateFrom = d, DateFromURL
	} else if d := pathDate("/" + doc.Name); d != "" {
		doc.Published, doc.DateFrom = d, DateFromName
	}
}
