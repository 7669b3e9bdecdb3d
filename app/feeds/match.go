package feeds

import (
	"strings"
	"unicode"

	"codeberg.org/parley/parley/app/fold"
)

// Matches reports whether text matches a feed's filter: alternatives
// joined by OR, each a list of words that must all be in the text
// ("Karabakh OR Lachin corridor"), a word ending in * matching any word it
// begins, a "quoted phrase" matching those words in order, and a -word
// leaving out texts that hold it. Case and diacritics do not count. An
// empty filter matches everything.
func Matches(query, text string) bool {
	query = strings.TrimSpace(query)
	if query == "" {
		return true
	}
	words := strings.FieldsFunc(fold.String(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	joined := " " + strings.Join(words, " ") + " "
	has := func(w string) bool {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			return p != "" && strings.Contains(joined, " "+p)
		}
		return strings.Contains(joined, " "+w+" ")
	}
	for _, alt := range splitOR(query) {
		ok, any := true, false
		for _, term := range terms(alt) {
			neg := strings.HasPrefix(term, "-") && len(term) > 1
			term = strings.TrimPrefix(term, "-")
			tw := strings.FieldsFunc(fold.String(term), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*' })
			if len(tw) == 0 {
				continue
			}
			present := false
			if len(tw) == 1 {
				present = has(tw[0])
			} else {
				present = strings.Contains(joined, " "+strings.Join(tw, " ")+" ")
			}
			if neg {
				ok = ok && !present
			} else {
				any = true
				ok = ok && present
			}
		}
		if ok && any {
			return true
		}
	}
	return false
}

// splitOR splits a query at the word OR outside quotes.
func splitOR(q string) []string {
	var out []string
	var cur strings.Builder
	for _, t := range terms(q) {
		if t == "OR" {
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		if strings.ContainsRune(t, ' ') {
			t = `"` + t + `"`
		}
		cur.WriteString(t + " ")
	}
	return append(out, cur.String())
}

// terms splits a query into words and "quoted phrases" (without their
// quotes).
func terms(q string) []string {
	var out []string
	for q = strings.TrimSpace(q); q != ""; q = strings.TrimSpace(q) {
		neg := ""
		if strings.HasPrefix(q, `-"`) {
			neg, q = "-", q[1:]
		}
		if strings.HasPrefix(q, `"`) {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				out = append(out, neg+q[1:])
				break
			}
			out = append(out, neg+q[1:1+end])
			q = q[2+end:]
			continue
		}
		i := strings.IndexFunc(q, unicode.IsSpace)
		if i < 0 {
			out = append(out, q)
			break
		}
		out = append(out, q[:i])
		q = q[i:]
	}
	return out
}
