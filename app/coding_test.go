package app_test

import (
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
		{"urged", "both sides must show restraint", "020"},
		{"said", "We were glad to host the ministers in Arlington", "043"},
		{"said", "The sides agreed to continue the discussions next month", "036"},
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
			if got.Category != want.Category || got.Mode != want.Mode || got.Goldstein != want.Goldstein {
				t.Errorf("suggestion %+v disagrees with the tables' %+v", got, want)
			}
			if got.Why == "" || got.Confidence <= 0 || got.Confidence > 1 {
				t.Errorf("suggestion %+v does not say why, or how sure", got)
			}
		})
	}
}
