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

// A material act a statement reports of the speaker's own side ("our
// forces withdrew") has the side the speaker speaks for as its actor, once
// for speakers of one side, and the speaker beside it; any other statement
// has its speaker.
func TestPLOVERActorOfAnActOfTheSpeakersSide(t *testing.T) {
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	cb := workedCase(t)
	withdrew := app.Statement{ID: "st-withdrew", Source: "src-europapress", Date: "2023-05-05", Kind: app.KindDirect,
		Quote: "Our units withdrew from the two villages", Cue: "said", Speakers: []string{"mirzoyan", "mfa-armenia"}}
	withdrew.Coding = app.SuggestCoding(withdrew)
	if !withdrew.Coding.BySpeakersSide || withdrew.Coding.Category != "RETREAT" {
		t.Fatalf("suggested %+v", withdrew.Coding)
	}
	withdrew.Coding.Confirmed = true
	shelled := app.Statement{ID: "st-shelled", Source: "src-europapress", Date: "2023-05-05", Kind: app.KindDirect,
		Quote: "Their artillery shelled our positions", Cue: "said", Speakers: []string{"mirzoyan"}}
	shelled.Coding = app.SuggestCoding(shelled)
	if shelled.Coding.BySpeakersSide || shelled.Coding.Category != "ASSAULT" {
		t.Fatalf("suggested %+v", shelled.Coding)
	}
	shelled.Coding.Confirmed = true
	if err := cb.Store.Update(func(tx app.Tx) error {
		for _, st := range []app.Statement{withdrew, shelled} {
			if err := tx.PutStatement(st); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	b, err := exchange.Gather(cb, app.Filter{Actor: "mirzoyan"})
	if err != nil {
		t.Fatal(err)
	}
	byStatement := map[string][]map[string]any{}
	for _, rec := range ploverRecords(t, ploverSchema(t), b, tables) {
		id := rec["parley_statement"].(string)
		byStatement[id] = append(byStatement[id], rec)
	}
	actorOf := func(rec map[string]any, field string) string {
		es, _ := rec[field].([]any)
		if len(es) != 1 {
			return ""
		}
		return es[0].(map[string]any)["parley_actor"].(string)
	}
	if recs := byStatement["st-withdrew"]; len(recs) != 1 || actorOf(recs[0], "actor") != "gov-armenia" || actorOf(recs[0], "parley_speaker") != "mirzoyan" {
		t.Errorf("our units withdrew: %v", recs)
	}
	if recs := byStatement["st-shelled"]; len(recs) != 1 || actorOf(recs[0], "actor") != "mirzoyan" || recs[0]["parley_speaker"] != nil {
		t.Errorf("their artillery shelled: %v", recs)
	}
}

// An event said by one of the unnamed sources has the words that describe
// the speaker as its actor's text, and is valid against the manual.
func TestPLOVERActorOfAnUnnamedSource(t *testing.T) {
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	cb := workedCase(t)
	st := app.Statement{ID: "st-officials", Source: "src-europapress", Date: "2023-05-05", Kind: app.KindDirect,
		Quote: "We condemn the shelling of the villages", Cue: "said", Speakers: []string{app.UnnamedSourcesID},
		SpeakerAsWritten: "officials"}
	st.Coding = app.SuggestCoding(st)
	st.Coding.Confirmed = true
	if err := cb.Store.Update(func(tx app.Tx) error {
		if err := tx.PutActor(app.UnnamedSources()); err != nil {
			return err
		}
		return tx.PutStatement(st)
	}); err != nil {
		t.Fatal(err)
	}
	b, err := exchange.Gather(cb, app.Filter{Actor: app.UnnamedSourcesID})
	if err != nil {
		t.Fatal(err)
	}
	recs := ploverRecords(t, ploverSchema(t), b, tables)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	actor := recs[0]["actor"].([]any)[0].(map[string]any)
	if actor["entity_text"] != "officials" || actor["parley_actor"] != app.UnnamedSourcesID || actor["parley_kind"] != "unnamed" {
		t.Errorf("actor: %v", actor)
	}
}
