package storage

import (
	"bytes"
	"fmt"
	"strconv"

	"codeberg.org/parley/parley/app"
)

// Key layout. Items live under one prefix each; secondary indexes under i/
// end with the statement or note id, so a prefix scan of an index returns ids
// in the order the domain wants. No index holds a value: a scan of keys alone
// reads only the keys' blocks (an actor's ids are what a click on it needs,
// and the list reads the statements it shows). A casebook written before
// may still hold a copy of each statement under its speaker keys; nothing
// reads it, and it goes when the statement is written again.
const (
	prefixMeta      = "m/"
	prefixSetting   = "m/set/"
	keySchema       = "m/schema"
	prefixActor     = "a/"
	prefixPlace     = "p/"
	prefixSource    = "s/"
	prefixText      = "t/"
	prefixHash      = "h/"
	prefixLoose     = "hl/" // loose text hash -> source id (schema 2)
	prefixURL       = "u/"  // address -> source id (schema 2)
	prefixStatement = "st/"
	prefixNote      = "n/"
	prefixEvent     = "e/"
	prefixJournal   = "j/"

	idxSpeaker   = "i/sa/" // speaker id \0 order \0 statement id
	idxRecipient = "i/ra/" // recipient id \0 order \0 statement id
	idxPlace     = "i/pl/" // place id \0 order \0 statement id
	idxSource    = "i/so/" // source id \0 order \0 statement id
	idxAll       = "i/al/" // order \0 statement id
	idxNote      = "i/nt/" // kind:id \0 inverted created time \0 note id
	cntSpeaker   = "c/sa/" // speaker id -> number of statements spoken
)

const sep = "\x00"

// invertDigits makes a later ISO date sort before an earlier one in byte order.
// A missing date sorts after every real one.
func invertDigits(date string) string {
	if date == "" {
		return "~"
	}
	b := []byte(date)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '9' - (c - '0')
		}
	}
	return string(b)
}

// statementOrder is the sort key of a statement in every statement index:
// newest day first; within a day, grouped by source in the source's order.
func statementOrder(s app.Statement) string {
	return string(appendStatementOrder(nil, s))
}

// appendStatementOrder appends statementOrder(s) to b: a fill writes five
// index keys a statement, and formatting each made a tenth of its work.
func appendStatementOrder(b []byte, s app.Statement) []byte {
	b = append(b, invertDigits(s.Date)...)
	b = append(b, sep...)
	b = append(b, s.Source...)
	b = append(b, sep...)
	// As %010d: ten wide, the sign first, zeros after it.
	start := s.Start
	width := 10
	if start < 0 {
		b = append(b, '-')
		start, width = -start, 9
	}
	var digits [20]byte
	n := strconv.AppendInt(digits[:0], int64(start), 10)
	for range width - len(n) {
		b = append(b, '0')
	}
	return append(b, n...)
}

func indexKey(prefix, owner string, s app.Statement) []byte {
	b := make([]byte, 0, len(prefix)+len(owner)+len(s.Date)+len(s.Source)+len(s.ID)+16)
	b = append(append(append(b, prefix...), owner...), sep...)
	return append(append(appendStatementOrder(b, s), sep...), s.ID...)
}

// statementIndexKeys lists every index key a statement owns.
func statementIndexKeys(s app.Statement) [][]byte {
	keys := [][]byte{[]byte(idxAll + statementOrder(s) + sep + s.ID)}
	for _, a := range unique(s.Speakers) {
		keys = append(keys, indexKey(idxSpeaker, a, s))
	}
	for _, a := range unique(s.Recipients) {
		keys = append(keys, indexKey(idxRecipient, a, s))
	}
	for _, p := range unique(s.Places) {
		keys = append(keys, indexKey(idxPlace, p, s))
	}
	// Every source that reports the statement lists it.
	sources := make([]string, 0, 1+len(s.Reports))
	for _, r := range s.AllReports() {
		if r.Source != "" {
			sources = append(sources, r.Source)
		}
	}
	for _, src := range unique(sources) {
		keys = append(keys, indexKey(idxSource, src, s))
	}
	return keys
}

func noteIndexKey(n app.Note) []byte {
	// Inverting the creation time in nanoseconds puts the newest note first.
	inv := uint64(1<<63-1) - uint64(n.Created.UnixNano())
	return []byte(fmt.Sprintf("%s%s%s%020d%s%s", idxNote, n.Target.String(), sep, inv, sep, n.ID))
}

// lastField is the id at the end of an index key, in the key's bytes.
func lastField(key []byte) []byte {
	return key[bytes.LastIndex(key, []byte(sep))+1:]
}

func unique(ids []string) []string {
	if len(ids) < 2 {
		return ids
	}
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
