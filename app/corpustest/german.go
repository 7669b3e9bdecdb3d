// Package corpustest reads the research corpora in ../shared that tests
// measure against, for the tests of more than one package. The corpora
// are not ours to ship: a test that reads one skips when it is absent.
package corpustest

import (
	"encoding/json"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// GermanNewsDir is the German Wikinews development set, from the folder of
// a test in a package of app/ (app/extract, app/importer).
const GermanNewsDir = "../../../shared/corpora/de-wikinews-dev/json"

// GermanMention is an annotated span: its text and where it lies, in code
// points of the article's text.
type GermanMention struct {
	Text  string `json:"text"`
	Spans []struct {
		Begin int `json:"charBegin"`
		End   int `json:"charEnd"`
	} `json:"spans"`
}

// GermanAnnotation is one quotation the annotators marked: its type
// (Direct, Indirect, …) and its parts.
type GermanAnnotation struct {
	Type      string         `json:"type"`
	Quote     *GermanMention `json:"quote"`
	Speaker   *GermanMention `json:"speaker"`
	Cue       *GermanMention `json:"cue"`
	Addressee *GermanMention `json:"addressee"`
}

// GermanArticle is one article of the set with its annotations.
type GermanArticle struct {
	Text        string             `json:"originalText"`
	Annotations []GermanAnnotation `json:"annotations"`
}

// GermanArticles reads the set's articles in the order of their file
// names, each with its number; it skips the test when the set is absent.
func GermanArticles(t testing.TB) iter.Seq2[string, GermanArticle] {
	files, err := filepath.Glob(filepath.Join(GermanNewsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skip("German Wikinews development set not present:", GermanNewsDir)
	}
	sort.Strings(files)
	return func(yield func(string, GermanArticle) bool) {
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var art GermanArticle
			if err := json.Unmarshal(raw, &art); err != nil {
				t.Fatal(err)
			}
			if !yield(strings.SplitN(filepath.Base(f), " ", 2)[0], art) {
				return
			}
		}
	}
}
