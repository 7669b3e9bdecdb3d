package search_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/search"
	"codeberg.org/parley/parley/storage/storetest"
)

func unit(prefix bool, words ...string) search.QueryUnit {
	return search.QueryUnit{Words: words, Prefix: prefix}
}

func TestParseQueryStrict(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want search.Query
	}{
		{"negotiation talks", search.Query{Units: []search.QueryUnit{unit(false, "negotiation"), unit(false, "talks")}}},
		{`"Lachin corridor"`, search.Query{Units: []search.QueryUnit{unit(false, "lachin", "corridor")}}},
		{"negoti*", search.Query{Units: []search.QueryUnit{unit(true, "negoti")}}},
		{"peace -Blinken", search.Query{Units: []search.QueryUnit{unit(false, "peace")}, Not: []search.QueryUnit{unit(false, "blinken")}}},
		{`peace -"border post"`, search.Query{Units: []search.QueryUnit{unit(false, "peace")}, Not: []search.QueryUnit{unit(false, "border", "post")}}},
		{"corridor OR checkpoint OR bridge Lachin", search.Query{
			Units: []search.QueryUnit{unit(false, "lachin")},
			Any:   [][]search.QueryUnit{{unit(false, "corridor"), unit(false, "checkpoint"), unit(false, "bridge")}}}},
		{`progress speaker:"Antony Blinken" from:2023-05 to:2023 tag:#treaty code:consult place:Lachin`, search.Query{
			Units:  []search.QueryUnit{unit(false, "progress")},
			Fields: search.QueryFields{Speaker: "Antony Blinken", From: "2023-05", To: "2023", Tag: "treaty", Code: "CONSULT", Place: "Lachin"}}},
		{"переговоры «мирный договор»", search.Query{Units: []search.QueryUnit{unit(false, "переговоры"), unit(false, "мирныи", "договор")}}},
	} {
		got, err := search.ParseQueryStrict(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseQueryMistakes(t *testing.T) {
	for in, why := range map[string]string{
		`"Lachin corridor`:   "not closed",
		"OR peace":           "before it",
		"peace OR":           "after it",
		"when:2023 peace":    `"when:" is not a field`,
		"from:May peace":     "not a date",
		"peace -speaker:Bob": "cannot be excluded",
		"-peace":             "excluded words alone",
		"peace speaker:":     "needs a value",
	} {
		_, err := search.ParseQueryStrict(in)
		if !errors.Is(err, search.ErrQuery) || !strings.Contains(err.Error(), why) {
			t.Errorf("%q: err %v, want one saying %q", in, err, why)
		}
	}
	// While typing, what is not finished is read as far as it goes.
	for in, want := range map[string]search.Query{
		"nego":            {Units: []search.QueryUnit{unit(true, "nego")}},
		"neg":             {Units: []search.QueryUnit{unit(true, "neg")}},
		"ne":              {Units: []search.QueryUnit{unit(false, "ne")}},
		"peace EU":        {Units: []search.QueryUnit{unit(false, "peace"), unit(false, "eu")}},
		"peace speaker:":  {Units: []search.QueryUnit{unit(false, "peace")}},
		"peace OR":        {Units: []search.QueryUnit{unit(false, "peace")}},
		`"Lachin corr`:    {Units: []search.QueryUnit{unit(false, "lachin", "corr")}},
		"peace OR corrid": {Any: [][]search.QueryUnit{{unit(false, "peace"), unit(true, "corrid")}}},
	} {
		if got := search.ParseQuery(in); !reflect.DeepEqual(got, want) {
			t.Errorf("typing %q:\n got %+v\nwant %+v", in, got, want)
		}
	}
}

// FuzzParseQuery: any text either parses or is refused with ErrQuery; the
// window's reading of it never fails.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`a OR b -c "d e" speaker:"F G" from:2023`, `"`, "OR", "-", "x:", "a*", "«»", "- -", `speaker:"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := search.ParseQueryStrict(s)
		if err != nil && !errors.Is(err, search.ErrQuery) {
			t.Fatalf("%q: error %v is not ErrQuery", s, err)
		}
		for _, u := range append(q.Units, q.Not...) {
			if len(u.Words) == 0 {
				t.Fatalf("%q: an empty unit", s)
			}
		}
		_ = search.ParseQuery(s)
	})
}

func TestQueryLanguageOnTheSeed(t *testing.T) {
	_, store := storetest.IndexedSeed(t)
	ids := func(query string) []string {
		q, err := search.ParseQueryStrict(query)
		if err != nil {
			t.Fatalf("%q: %v", query, err)
		}
		groups, err := search.SearchQuery(store, q, app.Filter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range groups {
			if g.KindS == "statement" {
				for _, r := range g.Results {
					out = append(out, r.ID)
				}
			}
		}
		return out
	}
	progress := ids("progress")
	blinken := ids("progress speaker:Blinken")
	if len(blinken) == 0 || len(blinken) > len(progress) {
		t.Fatalf("progress: %v; by Blinken: %v", progress, blinken)
	}
	if notBlinken := ids("progress -Blinken"); len(notBlinken)+len(blinken) > len(progress) {
		t.Errorf("excluding Blinken's name left %v", notBlinken)
	}
	either := ids("corridor OR marathon")
	if len(either) < len(ids("corridor"))+len(ids("marathon"))-1 || len(either) == 0 {
		t.Errorf("corridor OR marathon found %v", either)
	}
	if got := ids("progress speaker:Nobody"); len(got) != 0 {
		t.Errorf("an unknown speaker found %v", got)
	}
	if got := ids("progress to:2022"); len(got) != 0 {
		t.Errorf("statements before 2022 found %v", got)
	}
}
