package search_test

import (
	"fmt"
	"slices"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/storage/storetest"
)

// TestOtherFormsOfAWordAreFound: a word finds its other forms in the
// language of the text that has them, and the form as typed ranks first.
func TestOtherFormsOfAWordAreFound(t *testing.T) {
	cb, store := storetest.IndexedSeed(t)
	texts := []struct {
		lang, id, quote string
	}{
		{"en", "en-1", "The negotiations will go on next week."},
		{"en", "en-2", "We are negotiating in good faith."},
		{"en", "en-3", "This negotiation is the hardest."},
		{"ru", "ru-1", "Мы готовы к продолжению переговоров."},
		{"ru", "ru-2", "Переговоры идут трудно."},
		{"fr", "fr-1", "Les négociations reprendront lundi."},
		{"de", "de-1", "Die Verhandlungen gehen weiter."},
		{"tr", "tr-1", "Görüşmeler gelecek hafta sürecek."},
	}
	for i, tx := range texts {
		src := app.Source{ID: "src-" + tx.id, Title: "Article " + tx.id, Published: "2023-05-0" + fmt.Sprint(i%9+1),
			DatePrecision: app.PrecisionDay, Language: tx.lang}
		st := app.Statement{ID: "st-" + tx.id, Speakers: []string{"mirzoyan"}, Recipients: []string{}, Quote: tx.quote,
			Kind: app.KindDirect, Source: src.ID, Start: 0, End: app.RuneLen(tx.quote), Date: src.Published,
			Places: []string{}, Tags: []string{}}
		if err := cb.Store.Update(func(tx app.Tx) error {
			if err := tx.PutSource(src, nil); err != nil {
				return err
			}
			return tx.PutStatement(st)
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		query string
		want  []string // every statement found; the first ranks first
	}{
		{"negotiation ", []string{"st-en-3", "st-en-1", "st-en-2"}},
		{"negotiations ", []string{"st-en-1", "st-en-3", "st-en-2"}},
		{"переговоры ", []string{"st-ru-2", "st-ru-1"}},
		{"négociation ", []string{"st-fr-1"}},
		{"Verhandlung ", []string{"st-de-1"}},
		{"görüşme ", []string{"st-tr-1"}},
		// A phrase matches words as written.
		{`"this negotiation"`, []string{"st-en-3"}},
	} {
		groups, err := search.Search(store, tc.query, app.Filter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, g := range groups {
			if g.KindS == "statement" {
				for _, r := range g.Results {
					got = append(got, r.ID)
				}
			}
		}
		if len(got) != len(tc.want) || got[0] != tc.want[0] {
			t.Errorf("%q found %v, want %v (the first first)", tc.query, got, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q did not find %s", tc.query, w)
			}
		}
	}
}
