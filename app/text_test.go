package app

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestSlice(t *testing.T) {
	s := "a»é日b"
	tests := []struct {
		start, end int
		want       string
		ok         bool
	}{
		{0, 0, "", true},
		{0, 1, "a", true},
		{1, 3, "»é", true},
		{3, 5, "日b", true},
		{5, 5, "", true},
		{4, 6, "", false},
		{-1, 2, "", false},
		{3, 2, "", false},
	}
	for _, tt := range tests {
		got, ok := Slice(s, tt.start, tt.end)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Slice(%d,%d) = %q,%v; want %q,%v", tt.start, tt.end, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCanonicalText(t *testing.T) {
	in := "\ufeffline one\r\nline two\rcafe\u0301"
	got := CanonicalText(in)
	if got != "line one\nline two\ncafé" {
		t.Fatalf("CanonicalText = %q", got)
	}
	if !utf8.ValidString(got) || RuneLen(got) != 22 {
		t.Fatalf("length %d", RuneLen(got))
	}
}

func FuzzSlice(f *testing.F) {
	f.Add("a»é日b", 1, 3)
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		got, ok := Slice(s, start, end)
		if !ok {
			return
		}
		if RuneLen(got) != end-start {
			t.Fatalf("Slice(%q,%d,%d)=%q has %d code points", s, start, end, got, RuneLen(got))
		}
	})
}

func TestValidDate(t *testing.T) {
	for _, d := range []string{"2023", "2023-05", "2023-05-04"} {
		if !ValidDate(d) {
			t.Errorf("%q should be valid", d)
		}
	}
	for _, d := range []string{"", "23-05-04", "2023-13-01", "2023-05-00", "2023/05/04", "2023-5-4"} {
		if ValidDate(d) {
			t.Errorf("%q should be invalid", d)
		}
	}
}

// FuzzParseTargetAndRange: the command line's KIND:ID and START:END either
// parse to something valid or are refused as invalid.
func FuzzParseTargetAndRange(f *testing.F) {
	for _, s := range []string{"statement:st-05", "actor:", ":x", "place:a:b", "1:5", "5:1", "-1:3", "9999999999999999999:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tg, err := ParseTarget(s); err == nil {
			if tg.ID == "" || tg.String() != s {
				t.Fatalf("%q parsed to %+v", s, tg)
			}
		} else if !errors.Is(err, ErrInvalid) {
			t.Fatalf("%q: %v", s, err)
		}
		if r, err := ParseRange(s); err == nil {
			if r.Start < 0 || r.End <= r.Start {
				t.Fatalf("%q parsed to %+v", s, r)
			}
		} else if !errors.Is(err, ErrInvalid) {
			t.Fatalf("%q: %v", s, err)
		}
	})
}

// The cursor gives what Slice gives, whatever order it is asked in.
func FuzzCursor(f *testing.F) {
	f.Add("a»é日b\nçok", 1, 3, 7, 2)
	f.Add("", 0, 0, 0, 1)
	f.Fuzz(func(t *testing.T, s string, a, b, c, d int) {
		cur := NewCursor(s)
		for _, r := range [][2]int{{a, b}, {c, d}, {a, d}, {c, b}, {b, a}} {
			got, ok := cur.Slice(r[0], r[1])
			want, wok := Slice(s, r[0], r[1])
			if got != want || ok != wok {
				t.Fatalf("Cursor.Slice(%d,%d) = %q,%v; Slice gives %q,%v", r[0], r[1], got, ok, want, wok)
			}
		}
	})
}
