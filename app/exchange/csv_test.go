package exchange_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/exchange"
	"codeberg.org/parley/parley/app/synth"
)

// hostileCase is a generated casebook with text a spreadsheet would run as
// formulas, separators inside list values, codes with leading zeros and
// names in the region's scripts.
func hostileCase() app.Case {
	c := synth.Synthetic(synth.SyntheticSpec{Actors: 12, Places: 4, Sources: 5, Statements: 120, Notes: 10, Seed: 8})
	c.Actors[0].Name = "@Արարատ Միրզոյան"
	c.Actors[1].Name = "Джейхун Байрамов; МИД"
	c.Statements[0].Quote = `=HYPERLINK("http://example.org","click")`
	c.Statements[1].Quote = "+1 for peace"
	c.Statements[2].Cue = "-said"
	c.Statements[3].Tags = []string{"a; b", "\tindented", "\r\nnewline"}
	c.Statements[4].Coding = app.Coding{CAMEO: "013", Score: 0.4, Confirmed: true}
	c.Statements[5].Date = "2023-05"
	c.Statements[6].Date = ""
	c.Statements[7].SpeakerAsWritten = "-an official"
	return c
}

// unneutral takes back the ' a neutralised cell was given.
func unneutral(cell string, code bool) string {
	if rest, ok := strings.CutPrefix(cell, "'"); ok && (code || rest != "" && strings.ContainsRune("=+-@\t\r", rune(rest[0]))) {
		return rest
	}
	return cell
}

func TestCSVRoundTripsEveryCell(t *testing.T) {
	c := hostileCase()
	for _, opts := range []exchange.Options{{}, {NoBOM: true, RawCells: true}} {
		b := exchange.BundleOf(c)
		b.Options = opts
		var out bytes.Buffer
		if err := exchange.Export(context.Background(), b, "csv", &out, nil, nil); err != nil {
			t.Fatal(err)
		}
		data := out.Bytes()
		if bom := bytes.HasPrefix(data, []byte("\uFEFF")); bom == opts.NoBOM {
			t.Fatalf("%+v: byte-order mark %v", opts, bom)
		}
		data = bytes.TrimPrefix(data, []byte("\uFEFF"))
		if !bytes.Contains(data, []byte("\r\n")) {
			t.Errorf("%+v: lines do not end in CRLF", opts)
		}
		// csv.Reader refuses a record of another width than the first.
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(c.Statements)+1 {
			t.Fatalf("%d rows for %d statements", len(rows), len(c.Statements))
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		numbers := map[string]bool{"goldstein": true, "pair_mean_goldstein": true, "pair_count": true, "report_count": true}
		actors := map[string]string{}
		for _, a := range c.Actors {
			actors[a.ID] = a.Name
		}
		for i, st := range c.Statements {
			row := rows[i+1]
			cell := func(name string) string {
				v := row[col[name]]
				if !opts.RawCells {
					if !numbers[name] && v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
						t.Errorf("%s %s: %q would run as a formula", st.ID, name, v)
					}
					v = unneutral(v, name == "cameo")
				}
				return v
			}
			list := func(name string) []string {
				var out []string
				if err := json.Unmarshal([]byte(cell(name)), &out); err != nil {
					t.Fatalf("%s %s: %q is no JSON list: %v", st.ID, name, row[col[name]], err)
				}
				return out
			}
			var names []string
			for _, a := range st.Speakers {
				names = append(names, actors[a])
			}
			precision := map[int]string{10: "day", 7: "month", 4: "year", 0: "unknown"}[len(st.Date)]
			checks := []struct {
				name      string
				got, want any
			}{
				{"id", cell("id"), st.ID},
				{"date", cell("date"), st.Date},
				{"date_precision", cell("date_precision"), precision},
				{"quote", cell("quote"), st.Quote},
				{"cue", cell("cue"), st.Cue},
				{"speaker_as_written", cell("speaker_as_written"), st.SpeakerAsWritten},
				{"cameo", cell("cameo"), st.Coding.CAMEO},
				{"speaker_ids", list("speaker_ids"), st.Speakers},
				{"speakers", list("speakers"), names},
				{"tags", list("tags"), st.Tags},
			}
			for _, ck := range checks {
				got, want := ck.got, ck.want
				if gs, ok := got.([]string); ok {
					ws, _ := want.([]string)
					if !slices.Equal(gs, ws) && !(len(gs) == 0 && len(ws) == 0) {
						t.Errorf("%+v %s %s: %q, want %q", opts, st.ID, ck.name, gs, ws)
					}
					continue
				}
				if got != want {
					t.Errorf("%+v %s %s: %q, want %q", opts, st.ID, ck.name, got, want)
				}
			}
		}
	}
}

// The notes are a table of their own.
func TestNotesCSV(t *testing.T) {
	c := hostileCase()
	c.Notes[0].Body = "=1+1 is no note"
	b := exchange.BundleOf(c)
	var out bytes.Buffer
	if err := exchange.Export(context.Background(), b, "csv-notes", &out, nil, nil); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	if len(rows) != len(c.Notes)+1 || rows[0][0] != "id" {
		t.Fatalf("%d rows for %d notes: %v", len(rows), len(c.Notes), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, n := range c.Notes {
		row := rows[i+1]
		if row[col["id"]] != n.ID || unneutral(row[col["body"]], false) != n.Body || row[col["target_id"]] != n.Target.ID {
			t.Errorf("note %s: %v", n.ID, row)
		}
	}
	if got := rows[1][col["body"]]; got != "'=1+1 is no note" {
		t.Errorf("a note that reads as a formula: %q", got)
	}
}
