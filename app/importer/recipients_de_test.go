package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/corpustest"
	"codeberg.org/parley/parley/app/importer"
	"codeberg.org/parley/parley/app/ingest"
	"codeberg.org/parley/parley/storage"
)

// deLeading are the words before a name in a mention: articles and the
// prepositions an addressee comes with ("an die Bundesregierung").
var deLeading = map[string]bool{"der": true, "die": true, "das": true, "den": true, "dem": true, "des": true, "ein": true,
	"eine": true, "einer": true, "einem": true, "einen": true, "an": true, "gegen": true, "gegenüber": true, "von": true,
	"vom": true, "zu": true, "zum": true, "zur": true, "für": true, "mit": true}

// deNameOf is a mention as an actor's name: without its leading articles
// and prepositions; "" when nothing capitalised is left (a pronoun).
func deNameOf(m *corpustest.GermanMention) string {
	if m == nil {
		return ""
	}
	f := strings.Fields(m.Text)
	for len(f) > 0 && deLeading[strings.ToLower(f[0])] {
		f = f[1:]
	}
	if len(f) == 0 || !unicode.IsUpper([]rune(f[0])[0]) || len([]rune(strings.Join(f, " "))) < 3 {
		return ""
	}
	return strings.Join(f, " ")
}

// TestRecipientsOnGermanNews measures the recipients an import gives
// against the addressees the German set's annotators marked: each article
// imported into a casebook that knows, as actors, everyone the article's
// annotations name as a speaker or an addressee, so that what is measured
// is the choice of recipient, not the casebook's knowledge. A recipient is
// right when its name shares a word with the marked addressee. Skips
// without the corpus.
func TestRecipientsOnGermanNews(t *testing.T) {
	var addressed, found, given, right, givenUnaddressed int
	for _, art := range corpustest.GermanArticles(t) {
		s, err := storage.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{} // name -> actor id
		for _, a := range art.Annotations {
			for _, m := range []*corpustest.GermanMention{a.Speaker, a.Addressee} {
				if n := deNameOf(m); n != "" && names[n] == "" {
					names[n] = fmt.Sprintf("a%03d", len(names))
				}
			}
		}
		if err := s.Update(func(tx app.Tx) error {
			for n, id := range names {
				if err := tx.PutActor(app.Actor{ID: id, Name: n, Aliases: []string{}, Kind: app.ActorOrganization}); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Read("article.txt", []byte(art.Text))
		if err != nil {
			t.Fatal(err)
		}
		doc.Language = "de"
		p, err := importer.Propose(s, doc, importer.Meta{Date: "2010-01-01"})
		if err != nil {
			t.Fatal(err)
		}
		actorName := map[string]string{}
		for n, id := range names {
			actorName[id] = n
		}
		for _, a := range art.Annotations {
			if a.Type != "Direct" || a.Quote == nil || len(a.Quote.Spans) == 0 {
				continue
			}
			start, end := a.Quote.Spans[0].Begin, a.Quote.Spans[len(a.Quote.Spans)-1].End
			i := slices.IndexFunc(p.Quotes, func(q importer.Quote) bool { return q.Start < end && start < q.End && q.IsStatement() })
			if i < 0 {
				continue
			}
			q := p.Quotes[i]
			gold := deNameOf(a.Addressee)
			if gold == "" {
				givenUnaddressed += len(q.Recipients)
				continue
			}
			addressed++
			given += len(q.Recipients)
			hit := false
			for _, r := range q.Recipients {
				if sharesWord(actorName[r], gold) {
					right++
					hit = true
				}
			}
			if hit {
				found++
			}
		}
		s.Close()
	}
	t.Logf("German Wikinews dev: %d direct quotations found with a marked addressee; a right recipient for %d (recall %.2f); "+
		"%d recipients given to them, %d right (precision %.2f); %d recipients given to quotations marked with no addressee",
		addressed, found, ratioOf(found, addressed), given, right, ratioOf(right, given), givenUnaddressed)
}

func sharesWord(a, b string) bool {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	}
	bw := words(b)
	for _, w := range words(a) {
		if len([]rune(w)) >= 3 && !deLeading[w] && slices.Contains(bw, w) {
			return true
		}
	}
	return false
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
