package search

import (
	"fmt"
	"testing"
)

// The index's tables must number every distinct string once, find each
// again after growing many times, and keep strings already handed out
// intact while more are added.
func TestInternTable(t *testing.T) {
	for _, n := range []int{0, 1, 47, 48, 49, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var tab internTable
			empty := tab.intern("")
			var early []string
			for i := range n {
				s := fmt.Sprintf("w%d", i)
				if got := tab.intern(s); got != uint32(i+1) {
					t.Fatalf("intern(%q) = %d, want %d", s, got, i+1)
				}
				if i < 10 {
					early = append(early, tab.at(uint32(i+1)))
				}
			}
			if got := tab.intern(""); got != empty || tab.at(empty) != "" {
				t.Fatalf("the empty string came back as %d %q", got, tab.at(empty))
			}
			for i := range n {
				s := fmt.Sprintf("w%d", i)
				if got, ok := tab.lookup(s); !ok || got != uint32(i+1) || tab.at(got) != s {
					t.Fatalf("lookup(%q) = %d %v", s, got, ok)
				}
				if got := tab.intern(s); got != uint32(i+1) {
					t.Fatalf("a second intern(%q) = %d", s, got)
				}
			}
			if _, ok := tab.lookup("absent"); ok {
				t.Fatal("found a string never added")
			}
			tab.trim()
			for i, s := range early {
				if want := fmt.Sprintf("w%d", i); s != want {
					t.Fatalf("a string handed out early became %q, want %q", s, want)
				}
			}
		})
	}
}

// set points a key at its newest number, as re-adding a document does.
func TestSlotTableSetReplaces(t *testing.T) {
	var keys []string
	var tab slotTable
	put := func(k string) {
		n := uint32(len(keys))
		keys = append(keys, k)
		tab.set(hashString(k), n, func(m uint32) bool { return keys[m] == k }, func(m uint32) uint64 { return hashString(keys[m]) })
	}
	find := func(k string) (uint32, bool) {
		return tab.find(hashString(k), func(m uint32) bool { return keys[m] == k })
	}
	for i := range 300 {
		put(fmt.Sprint(i % 100)) // every key three times
	}
	for i := range 100 {
		if n, ok := find(fmt.Sprint(i)); !ok || n != uint32(200+i) {
			t.Fatalf("key %d leads to %d %v, want %d", i, n, ok, 200+i)
		}
	}
	if tab.used != 100 {
		t.Fatalf("%d slots used for 100 keys", tab.used)
	}
}
