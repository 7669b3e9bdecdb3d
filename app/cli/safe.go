package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// safeWriter keeps text from the casebook (a note, a quote, a file name)
// from taking over the terminal it is printed to: control characters other
// than newline and tab, C1 controls, and the marks that reorder
// bidirectional text are written as \uXXXX escapes, as git and less show
// them. In JSON such characters stand only inside strings, where the escape
// means the same character, so JSON output stays valid and unchanged in
// meaning.
type safeWriter struct {
	w    io.Writer
	tail []byte // an incomplete UTF-8 sequence from the last write
}

func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

// unsafeRune reports whether r could move the cursor, change the terminal's
// state or reorder what is shown.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func (s *safeWriter) Write(p []byte) (int, error) {
	n := len(p)
	buf := append(s.tail, p...)
	s.tail = nil
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		c := buf[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			out = append(out, c)
			i++
			continue
		}
		if c >= utf8.RuneSelf && !utf8.FullRune(buf[i:]) {
			s.tail = append([]byte(nil), buf[i:]...) // the rest comes with the next write
			break
		}
		r, size := utf8.DecodeRune(buf[i:])
		if unsafeRune(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// flush writes what is left of an incomplete sequence at the end.
func (s *safeWriter) flush() {
	if len(s.tail) > 0 {
		t := s.tail
		s.tail = nil
		for _, b := range t {
			fmt.Fprintf(s.w, `\x%02x`, b)
		}
	}
}
