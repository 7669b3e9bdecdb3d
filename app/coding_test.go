package app_test

import (
	"strings"
	"testing"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/assets"
)

// TestSuggestCoding runs the suggestion rules on sentences of the kind
// imports bring, and checks that each suggestion carries the category, mode
// and score the code tables give its CAMEO code.
func TestSuggestCoding(t *testing.T) {
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cue, quote, cameo string
	}{
		{"accused", "Baku is blocking the road on purpose", "112"},
		{"said", "We condemn the shelling of the villages", "111"},
		{"warned", "any provocation will meet a response", "130"},
		{"said", "We reject these claims outright", "120"},
		{"said", "We demand the immediate release of the detainees", "100"},
		{"urged", "both sides must show restraint", "100"},
		{"said", "We were glad to host the ministers in Arlington", "043"},
		{"said", "The sides agreed to continue the discussions next month", "030"},
		{"said", "We welcome the release of the prisoners", "051"},
		{"said", "agreement is within reach", "013"},
		{"acknowledged", "very difficult issues", "012"},
		{"said", "The meeting took place on Thursday", "010"},
		// A hostile word outweighs a friendly one in the same quote.
		{"said", "We welcome talks but reject the demand", "120"},
		// A signature only counts in the cue: "sign" in a quote is often a
		// sign of something.
		{"said", "This is a sign of good will", "010"},
		{"signed", "the declaration", "057"},
		// A German verb whose particle closes the clause.
		{"sagte", "Baku wies die Vorwürfe entschieden zurück", "120"},
		{"sagte", "Die EU rief die Seiten zum Dialog auf", "100"},
		{"sagte", "Der Minister wies darauf hin, dass die Lage ruhig sei", "010"},
		// Too far apart to be one verb.
		{"sagte", "Die EU rief die Seiten in der Hauptstadt des Landes gestern zum Dialog auf", "010"},
		// Those who support are not an act of support.
		{"said", "Opposition supporters gathered in the square", "010"},
	}
	for _, tt := range tests {
		t.Run(tt.cameo+" "+tt.quote, func(t *testing.T) {
			got := app.SuggestCoding(app.Statement{Cue: tt.cue, Quote: tt.quote})
			if got.CAMEO != tt.cameo {
				t.Fatalf("CAMEO %s, want %s", got.CAMEO, tt.cameo)
			}
			if got.Confirmed {
				t.Error("a suggestion must not be confirmed")
			}
			want, ok := tables.Code(tt.cameo, false)
			if !ok {
				t.Fatalf("code %s is not in the tables", tt.cameo)
			}
			if got.Category != want.Category || got.Mode != want.Mode || got.Score != want.Score {
				t.Errorf("suggestion %+v disagrees with the tables' %+v", got, want)
			}
			if got.Why == "" || got.Confidence <= 0 || got.Confidence > 1 {
				t.Errorf("suggestion %+v does not say why, or how sure", got)
			}
		})
	}
}

// A code's score is the PLOVER manual's for its category and mode, its
// category's when the manual scores no mode apart, and its Goldstein score
// where PLOVER has no category for it (or, for ACCUSE alone, none that
// fits the scale).
func TestCodeScoresFollowThePLOVERManual(t *testing.T) {
	tables, err := assets.CodeTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cameo string
		want  float64
	}{
		{"0871", 7.5},  // RETREAT, ceasefire
		{"0874", 10},   // RETREAT, disarm
		{"043", 4},     // CONSULT, visit
		{"040", 2.5},   // CONSULT
		{"111", -2},    // ACCUSE, disapprove
		{"1121", -3.5}, // ACCUSE, allege
		{"100", 0},     // REQUEST
		{"173", -7},    // COERCE, arrest
		{"013", 0.4},   // no PLOVER category: Goldstein
		{"020", 3},     // no PLOVER category: Goldstein
	} {
		c, ok := tables.Code(tc.cameo, false)
		if !ok || c.Score != tc.want {
			t.Errorf("%s: %+v (%v), want the score %v", tc.cameo, c, ok, tc.want)
		}
	}
	if c := tables.Cameo["11"]; c.Category == "ACCUSE" && c.Mode == "" && c.Score != c.Goldstein {
		t.Errorf("ACCUSE without a mode scored %v, want its Goldstein score %v", c.Score, c.Goldstein)
	}
	for _, bad := range []string{"ACCUSE disapprove", "ACCUSE disapprove -11", "ACCUSE a b -2"} {
		if _, err := app.ParseCodeTables(strings.NewReader("01,MAKE STATEMENT,0\n"), strings.NewReader(""), strings.NewReader(bad)); err == nil {
			t.Errorf("scores line %q was read", bad)
		}
	}
}

// A material act with a word of the first person just before it is an act
// of the speaker's own side; an act of speech, or of another, is not.
func TestActsOfTheSpeakersSide(t *testing.T) {
	tests := []struct {
		quote string
		own   bool
	}{
		{"Our forces withdrew from the two villages", true},
		{"We withdrew our units overnight", true},
		{"Their artillery shelled our positions overnight", false},
		{"If they attack, we will answer", false},
		{"We condemn the shelling of the villages", false},
		{"Наши подразделения отвели от линии соприкосновения", true},
		{"Противник обстрелял наши позиции ночью", false},
		{"Unsere Truppen wurden abgezogen", true},
		{"Nos troupes se sont retirées", true},
	}
	for _, tt := range tests {
		c := app.SuggestCoding(app.Statement{Cue: "said", Quote: tt.quote})
		if c.BySpeakersSide != tt.own {
			t.Errorf("%q: %+v, want an act of the speaker's side: %v", tt.quote, c, tt.own)
		}
		if tt.own && !strings.Contains(c.Why, "own side") {
			t.Errorf("%q: the reason %q does not say whose act it is", tt.quote, c.Why)
		}
	}
}
