package search

import (
	"fmt"
	"slices"
	"strings"

	"codeberg.org/parley/parley/app"
)

// Disagreements lists how two indexes differ in what finds what: a
// document one holds and the other does not, and a term that finds a
// document (with its weight) in one and not in the other. It stops after
// max differences; none means the two find the same documents by the
// same terms.
func Disagreements(a, b *Index, max int) []string {
	da, db := a.termsByDoc(), b.termsByDoc()
	var out []string
	add := func(format string, args ...any) bool {
		out = append(out, fmt.Sprintf(format, args...))
		return len(out) >= max
	}
	keys := make([]docKey, 0, len(da))
	for k := range da {
		keys = append(keys, k)
	}
	for k := range db {
		if _, ok := da[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y docKey) int {
		if x.kind != y.kind {
			return int(x.kind) - int(y.kind)
		}
		return strings.Compare(x.id, y.id)
	})
	for _, k := range keys {
		ta, inA := da[k]
		tb, inB := db[k]
		switch {
		case !inA:
			if add("%s %s: only in the second index", k.kind, k.id) {
				return out
			}
		case !inB:
			if add("%s %s: only in the first index", k.kind, k.id) {
				return out
			}
		default:
			for _, t := range ta {
				if _, ok := slices.BinarySearch(tb, t); !ok && add("%s %s: found by %q only in the first index", k.kind, k.id, t) {
					return out
				}
			}
			for _, t := range tb {
				if _, ok := slices.BinarySearch(ta, t); !ok && add("%s %s: found by %q only in the second index", k.kind, k.id, t) {
					return out
				}
			}
		}
	}
	return out
}

// termsByDoc lists, for each live document, the terms that find it, each
// with its weight, sorted.
func (ix *Index) termsByDoc() map[docKey][]string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make(map[docKey][]string, ix.live())
	for n := range ix.docs {
		if !ix.isDead(uint32(n)) {
			out[docKey{ix.kinds[n], ix.docID(uint32(n))}] = nil
		}
	}
	for id := range ix.terms {
		w := ix.words.at(uint32(id))
		for p := ix.terms[id].postings(); p.next(); {
			if int(p.d) >= len(ix.docs) {
				out[docKey{DocKind(255), fmt.Sprint(p.d)}] = []string{w}
				continue
			}
			if ix.isDead(p.d) {
				continue
			}
			k := docKey{ix.kinds[p.d], ix.docID(p.d)}
			out[k] = append(out[k], fmt.Sprintf("%s/%d", w, p.w))
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// CheckIndex loads the store's index as the window would (the saved one,
// caught up) and compares it with one built from the whole casebook: what
// the crash test and `parley index check` run. It returns the
// differences, at most max, and how the index was made ready.
func CheckIndex(s app.Store, max int) (diffs []string, how string, err error) {
	if saver, ok := s.(app.IndexSaver); ok {
		if err := saver.CheckSavedIndex(); err != nil {
			return []string{err.Error()}, "saved", nil
		}
	}
	indexed := NewIndexedStore(s)
	if err := indexed.LoadIndex(nil); err != nil {
		return nil, "", err
	}
	loaded, _ := indexed.Index()
	fresh := NewIndex()
	if err := s.View(fresh.Build); err != nil {
		return nil, "", err
	}
	return Disagreements(loaded, fresh, max), indexed.How(), nil
}
