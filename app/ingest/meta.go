package ingest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/az"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/hy"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/ka"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/uk"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"codeberg.org/parley/parley/app/fold"
)

// monthNames maps each language's month names, as dates write them (CLDR's
// format forms: the genitive "мая", "մայիսի"), wide and abbreviated, folded,
// to the month, from go-playground/locales, which generates them from CLDR.
// Only the region's news languages and a few neighbours are loaded.
var monthNames = func() map[string]map[string]time.Month {
	out := map[string]map[string]time.Month{}
	for _, t := range []locales.Translator{
		en.New(), ru.New(), fr.New(), de.New(), tr.New(), hy.New(), az.New(), uk.New(), ka.New(), es.New(), it.New(),
	} {
		lang, _, _ := strings.Cut(t.Locale(), "_")
		names := map[string]time.Month{}
		for m := time.January; m <= time.December; m++ {
			for _, n := range []string{t.MonthWide(m), t.MonthAbbreviated(m)} {
				if n = strings.TrimSuffix(fold.String(n), "."); len([]rune(n)) >= 3 {
					names[n] = m
				}
			}
		}
		out[lang] = names
	}
	return out
}()

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
	// The first few thousand characters tell the language as well as the
	// whole article, at a fraction of the cost.
	if len(text) > 4000 {
		text = text[:4000]
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
	// The words and numbers of a dateline, with what may be glued to them:
	// an ordinal stop ("9."), a case ending after a hyphen ("3-ին", "3-də",
	// "2023-cü").
	datelineToken = regexp.MustCompile(`\p{L}+\.?|\d{1,4}(?:\.|-\p{L}+)?`)
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
// May 3, 2023 —", "3 мая 2023", "le 27 septembre 2023", "9. August 2025",
// "2023 թ. մայիսի 3-ին", "2023-cü il mayın 3-də"), naming its year, with the
// month in the text's language or English. A dateline opens one of the
// first lines: at most a place before the date, and a dash, a stop or the
// line's end after it; a date named inside a sentence is what the article
// talks about, not when it was written.
func datelineDate(text, lang string) string {
	names := []map[string]time.Month{monthNames["en"]}
	if m, ok := monthNames[lang]; ok && lang != "en" {
		names = append([]map[string]time.Month{m}, names...)
	}
	lines := 0
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if lines++; lines > 4 {
			break
		}
		if len(line) > 160 {
			line = line[:160]
			for !utf8.ValidString(line) {
				line = line[:len(line)-1]
			}
		}
		if d := lineDate(line, names, lang == "az" || lang == "tr"); d != "" {
			return d
		}
	}
	return ""
}

// dateToken is one word or number of a dateline.
type dateToken struct {
	word       string // folded, without a glued stop or ending
	start, end int    // bytes of the line
	num        int    // the number, or -1
	year       bool   // four digits from 1900 to 2100
}

// lineDate reads a date at the head of one line: day month year, month day
// year, year month day, or month year, each with a year of four digits.
func lineDate(line string, names []map[string]time.Month, suffixes bool) string {
	var toks []dateToken
	for _, loc := range datelineToken.FindAllStringIndex(line, 12) {
		w := line[loc[0]:loc[1]]
		t := dateToken{start: loc[0], end: loc[1], num: -1}
		if w[0] >= '0' && w[0] <= '9' {
			if strings.HasSuffix(w, ".") {
				t.end-- // the stop after a number may end the dateline
			}
			digits, _, _ := strings.Cut(strings.TrimSuffix(w, "."), "-")
			t.num, _ = strconv.Atoi(digits)
			t.year = len(digits) == 4 && t.num >= 1900 && t.num <= 2100
		} else {
			t.word = strings.TrimSuffix(fold.String(w), ".")
		}
		toks = append(toks, t)
	}
	month := func(t dateToken) time.Month {
		for _, m := range names {
			if mo, ok := m[t.word]; ok {
				return mo
			}
			if suffixes { // Azerbaijani and Turkish decline the month: "mayın"
				for n, mo := range m {
					if len(n) >= 3 && strings.HasPrefix(t.word, n) && len(t.word)-len(n) <= 4 {
						return mo
					}
				}
			}
		}
		return 0
	}
	isDay := func(t dateToken) bool { return t.num >= 1 && t.num <= 31 && !t.year }
	// skip passes over the words a year carries: "թ.", "il", "года", "г".
	skip := func(i int) int {
		for i < len(toks) && toks[i].num < 0 && month(toks[i]) == 0 && len([]rune(toks[i].word)) <= 4 &&
			toks[i].start-toks[i-1].end <= 2 {
			i++
		}
		return i
	}
	accept := func(from, to int, y int, m time.Month, d int) string {
		if !datelineBefore.MatchString(line[:toks[from].start]) || !datelineAfter.MatchString(line[toks[to].end:]) {
			return ""
		}
		if d == 0 {
			return fmt.Sprintf("%04d-%02d", y, m)
		}
		if t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); t.Day() != d {
			return "" // 31 June
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	for i := range toks {
		at := func(k int) (dateToken, bool) {
			if i+k < len(toks) {
				return toks[i+k], true
			}
			return dateToken{num: -1}, false
		}
		a, _ := at(0)
		b, okB := at(1)
		c, okC := at(2)
		var got string
		switch {
		case isDay(a) && okB && month(b) != 0 && okC && c.year: // 3 мая 2023
			got = accept(i, i+2, c.num, month(b), a.num)
		case month(a) != 0 && okB && isDay(b) && okC && c.year: // May 3, 2023
			got = accept(i, i+2, c.num, month(a), b.num)
		case a.year:
			j := skip(i + 1) // 2023 թ. մայիսի 3-ին
			if j+1 < len(toks) && month(toks[j]) != 0 && isDay(toks[j+1]) {
				got = accept(i, j+1, a.num, month(toks[j]), toks[j+1].num)
			}
		case month(a) != 0 && okB && b.year: // May 2023
			got = accept(i, i+1, b.num, month(a), 0)
		}
		if got != "" {
			return got
		}
	}
	return ""
}

var (
	// What may stand before a dateline's date: up to four capitalised
	// words (a place) or bracketed ones (an agency), a comma, the article
	// of a French or German date; not the lower-case words of a sentence.
	datelineBefore = regexp.MustCompile(`^(?:(?:\p{Lu}[\p{L}\p{M}.'’-]*|\([^)]{0,30}\))[ ,/]*){0,4}[,:]?\s*(?:le\s+|am\s+|den\s+)?$`)
	// What follows it: a year word, then a dash, a stop, a colon or the end.
	datelineAfter = regexp.MustCompile(`^\s*(?:года|г\.|թ\.|-c[iıuü] il|il)?\s*(?:[—–\-.:։|/(]|$)`)
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
