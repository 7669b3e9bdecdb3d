package search

import (
	"fmt"
	"testing"
	"unsafe"

	"codeberg.org/parley/parley/app"
)

// A document added to a loaded index goes into the room its saved arrays
// were saved with: the arrays as large as the casebook stay where they
// were loaded (in a mapped file, the file's pages) instead of each being
// copied whole into memory by the first append.
func TestAddingToALoadedIndexGrowsInPlace(t *testing.T) {
	ix := NewIndex()
	note := func(id string) app.Note {
		return app.Note{ID: id, Body: "compare the readings " + id, Tags: []string{"checked"},
			Target: app.Target{Kind: app.TargetStatement, ID: "s" + id}}
	}
	for i := range 500 {
		ix.put(noteText(note(fmt.Sprint(i))))
	}
	loaded, err := UnmarshalIndex(ix.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	where := func() map[string]unsafe.Pointer {
		return map[string]unsafe.Pointer{
			"docs": unsafe.Pointer(unsafe.SliceData(loaded.docs)), "kinds": unsafe.Pointer(unsafe.SliceData(loaded.kinds)),
			"dates": unsafe.Pointer(unsafe.SliceData(loaded.dates)), "seqs": unsafe.Pointer(unsafe.SliceData(loaded.seqs)),
			"ids": unsafe.Pointer(unsafe.SliceData(loaded.ids.data)), "id ends": unsafe.Pointer(unsafe.SliceData(loaded.ids.ends)),
			"facts": unsafe.Pointer(unsafe.SliceData(loaded.facts)), "refs": unsafe.Pointer(unsafe.SliceData(loaded.refs)),
			"notes on": unsafe.Pointer(unsafe.SliceData(loaded.noteOn.data)),
		}
	}
	before := where()
	for i := range 20 {
		loaded.put(noteText(note(fmt.Sprint("new", i))))
	}
	for name, at := range where() {
		if at != before[name] {
			t.Errorf("%s was copied to add 20 documents", name)
		}
	}
	if hits := loaded.Query(ParseQuery("new7"), app.Filter{}, 0); hits.Total[DocNote] != 1 {
		t.Errorf("a note added after loading is found %d times", hits.Total[DocNote])
	}
}
