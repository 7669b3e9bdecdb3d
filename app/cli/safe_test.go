package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// Text that would drive a terminal (clear the screen, set the title, turn
// text around) is printed escaped; JSON stays JSON with the same meaning.
func TestOutputIsSafeForTerminals(t *testing.T) {
	hostile := "clear\x1b[2J title\x1b]0;pwned\x07 back\rover bidi\u202eevil\u202c c1\u0085 ok é 日"
	var b bytes.Buffer
	w := newSafeWriter(&b)
	// Written a byte at a time, so that sequences are split across writes.
	for i := range len(hostile) {
		w.Write([]byte{hostile[i]})
	}
	w.flush()
	got := b.String()
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e", "\u0085"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q printed raw in %q", bad, got)
		}
	}
	for _, keep := range []string{`\u001b[2J`, `\u202e`, "ok é 日"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q missing from %q", keep, got)
		}
	}
	b.Reset()
	w = newSafeWriter(&b)
	json.NewEncoder(w).Encode(map[string]string{"note": hostile})
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["note"] != hostile {
		t.Errorf("JSON through the writer: %v, %q", err, back["note"])
	}
}
