package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDebugFile prints how the extractor read one file, for tuning:
// PARLEY_DEBUG_FILE=path [PARLEY_DEBUG_LANG=de] go test ./app/extract -run DebugFile -v
func TestDebugFile(t *testing.T) {
	path := os.Getenv("PARLEY_DEBUG_FILE")
	if path == "" {
		t.Skip("set PARLEY_DEBUG_FILE")
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(polnearDir, "text", path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(string(raw), os.Getenv("PARLEY_DEBUG_LANG"))
	for _, c := range d.candidates() {
		t.Logf("%-8s %-22q how=%-15s cue=%-10q left=%q right=%q | %.70q", c.kind, c.speaker, c.how, c.cue,
			d.tokText(c.left[0], c.left[1]), d.tokText(c.right[0], c.right[1]), d.str(c.span.start, c.span.end))
	}
}
