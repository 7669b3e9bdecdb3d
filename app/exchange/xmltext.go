package exchange

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
	xunicode "golang.org/x/text/encoding/unicode"
)

// xmlDecoder reads XML in any encoding the XML specification allows a
// document: UTF-8 (with or without a byte-order mark), UTF-16 (by its mark,
// or by the shape of "<?" in two bytes) and the encodings a declaration may
// name that x/text knows (ISO-8859-x, Windows-125x, KOI8-R and more). Go's
// own decoder reads UTF-8 only.
func xmlDecoder(raw []byte) (*xmlDec, error) {
	utf16 := false
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0x3C, 0x00}):
		out, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("it cannot be read as UTF-16: %v", err)
		}
		raw, utf16 = out, true
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}), bytes.HasPrefix(raw, []byte{0x00, 0x3C}):
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder().Bytes(raw)
		if err != nil {
			return nil, fmt.Errorf("it cannot be read as UTF-16: %v", err)
		}
		raw, utf16 = out, true
	}
	d := &xmlDec{raw: raw}
	d.charset = func(label string, input io.Reader) (io.Reader, error) {
		l := strings.ToLower(strings.TrimSpace(label))
		if utf16 && strings.HasPrefix(l, "utf-16") || l == "utf-8" {
			return input, nil // already UTF-8
		}
		r, err := charset.NewReaderLabel(l, input)
		if err != nil {
			return nil, fmt.Errorf("it declares the encoding %q, which Parley cannot read", label)
		}
		return r, nil
	}
	return d, nil
}

// xmlDec is what xmlDecoder made: the text as UTF-8 (or as declared), and
// how to read a declared encoding.
type xmlDec struct {
	raw     []byte
	charset func(string, io.Reader) (io.Reader, error)
}
