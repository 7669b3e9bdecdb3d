package exchange_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
	"codeberg.org/parley/parley/app/synth"
	"codeberg.org/parley/parley/assets"
)

// ploverSchema compiles plover.schema.json, the manual's record as a JSON
// Schema, with formats asserted.
func ploverSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("plover.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("plover.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("plover.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// ploverRecords exports a bundle as PLOVER and checks every line against
// the schema; it returns the records.
func ploverRecords(t *testing.T, sch *jsonschema.Schema, b *exchange.Bundle, tables *app.CodeTables) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	if err := exchange.Export(context.Background(), b, "plover", &out, tables, nil); err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(sc.Text()))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Fatalf("record not valid against the PLOVER manual's schema:\n%s\n%v", sc.Text(), err)
		}
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if len(recs) != b.PLOVER.Records {
		t.Errorf("%d records written, the summary says %d", len(recs), b.PLOVER.Records)
	}
	return recs
}

func TestPLOVERRecordsAreValidAgainstTheManual(t *testing.T) {
	sch := ploverSchema(t)
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	// The seed case, as shipped and with imports; and a generated
	// casebook, every statement coded CONSULT and none confirmed.
	worked, err := exchange.Gather(workedCase(t), app.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	gen := synth.Synthetic(synth.SyntheticSpec{Actors: 30, Places: 5, Sources: 10, Statements: 400, Seed: 3})
	// An affiliation that is no ISO code, a month's date, an undated one.
	gen.Actors[0].Affiliation = "arm"
	gen.Statements[0].Date = "2023-05"
	gen.Statements[1].Date = ""
	generated := exchange.BundleOf(gen)
	for name, b := range map[string]*exchange.Bundle{"seed case": worked, "generated": generated} {
		for _, suggested := range []bool{false, true} {
			b.Options.SuggestedEvents = suggested
			recs := ploverRecords(t, sch, b, tables)
			sum := b.PLOVER
			leftOut := sum.NoCategory + sum.Suggested + sum.NoDate + sum.NoSpeaker
			// Each statement is one record per speaker, or left out with
			// its reason.
			events := 0
			for _, st := range b.Statements {
				cat := st.Coding.Category != "" && (st.Coding.Confirmed || suggested) && st.Date != ""
				if cat && len(st.Speakers) > 0 {
					events++
				}
			}
			if events+leftOut != len(b.Statements) {
				t.Errorf("%s (suggested %v): %d events and %d left out (%+v) of %d statements",
					name, suggested, events, leftOut, sum, len(b.Statements))
			}
			for _, rec := range recs {
				confirmed, _ := rec["confirmed"].(bool)
				if !suggested && !confirmed {
					t.Errorf("%s: a suggested code exported as an event without being asked: %v", name, rec["id"])
				}
				if !confirmed && rec["coder"] != "Parley (suggested, not confirmed)" {
					t.Errorf("%s: a suggested code not marked so: %v", name, rec)
				}
			}
			if name == "generated" && !suggested && len(recs) != 0 {
				t.Errorf("generated, suggestions left out: %d records", len(recs))
			}
			if name == "generated" && suggested && len(recs) == 0 {
				t.Error("generated, suggestions asked for: no records")
			}
		}
	}
}

// The records say what the manual asks of each field: entity objects with
// the actor's state, the category's quad code, the Goldstein score as
// event_scale, the citation with the source's language and address.
func TestPLOVERRecordFields(t *testing.T) {
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	b, err := exchange.Gather(workedCase(t), app.Filter{Actor: "blinken"})
	if err != nil {
		t.Fatal(err)
	}
	recs := ploverRecords(t, ploverSchema(t), b, tables)
	if len(recs) == 0 {
		t.Fatal("no records")
	}
	// Blinken's records: he speaks for the United States.
	rec := recs[0]
	actor := rec["actor"].([]any)[0].(map[string]any)
	if actor["code"] != "USA" || actor["entity_text"] != "Antony Blinken" || actor["parley_actor"] != "blinken" {
		t.Errorf("actor: %v", actor)
	}
	cite := rec["cite_info"].(map[string]any)
	if cite["codebook"] != "plover-base" || cite["language"] != "en" || cite["title"] == "" {
		t.Errorf("cite_info: %v", cite)
	}
	if _, ok := rec["event_scale"].(float64); !ok || rec["quad_code"] == nil {
		t.Errorf("event_scale %v, quad_code %v", rec["event_scale"], rec["quad_code"])
	}
	if text, _ := rec["text"].(string); text == "" {
		t.Errorf("no text: %v", rec)
	}
}
