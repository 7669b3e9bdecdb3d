package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/parley/parley/app"
)

// MaxBytes is the largest file Parley imports. A news article is a few
// kilobytes; a larger file is almost surely not one, and the store keeps a
// text in one value-log entry, which must stay under its 16 MB files.
const MaxBytes = 12 << 20

// ErrUnreadable marks input that is not an article Parley can read.
var ErrUnreadable = errors.New("cannot import")

// Document is one article read from a file or pasted in.
type Document struct {
	Name      string // file name, for messages
	Format    string // txt, md or html
	Encoding  string // how the bytes were decoded
	Text      string // canonical: NFC, Unix line ends, paragraphs apart by blank lines
	Title     string
	Outlet    string
	URL       string
	Published string   // YYYY-MM-DD, YYYY-MM or YYYY; "" when none was found
	DateFrom  DateFrom // where Published was found
	Byline    []string // authors, when the page names them
	Language  string   // ISO 639-1, detected from the text
}

// DateFrom says where an article's date was found.
type DateFrom string

// The places a date is taken from, surest first.
const (
	DateFromMeta = DateFrom("metadata")  // the page's own metadata (Open Graph, JSON-LD, <time>)
	DateFromText = DateFrom("dateline")  // a date written at the top of the text
	DateFromURL  = DateFrom("address")   // a date in the page's address
	DateFromName = DateFrom("file name") // a date in the file's name
)

func unreadable(name, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrUnreadable, fmt.Sprintf(format, args...))
}

// Read decodes one file. name gives the format by its extension (.html,
// .htm, .md, .markdown; anything else is text).
func Read(name string, data []byte) (Document, error) { return ReadAs(name, data, "") }

// ReadAs is Read with the encoding of the bytes given by the user, by an
// IANA name or an alias x/text knows ("windows-1251", "koi8-r", "latin1");
// "" tells it from the bytes.
func ReadAs(name string, data []byte, charset string) (Document, error) {
	doc := Document{Name: name, Format: formatOf(name, data)}
	switch {
	case len(data) == 0:
		return doc, unreadable(name, "the file is empty")
	case len(data) > MaxBytes:
		return doc, unreadable(name, "the file is %s; Parley imports articles up to %s", size(len(data)), size(MaxBytes))
	}
	text, enc, err := decode(data, doc.Format == "html", charset)
	if err != nil {
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	doc.Encoding = enc
	switch doc.Format {
	case "html":
		if err := readHTML(&doc, text); err != nil {
			return doc, fmt.Errorf("%s: %w", name, err)
		}
	case "md":
		doc.Text = markdownText(text)
	default:
		doc.Text = plainText(text)
	}
	doc.Text = app.CanonicalText(doc.Text)
	if strings.TrimSpace(doc.Text) == "" {
		return doc, unreadable(name, "there is no text in it")
	}
	if doc.Title == "" {
		doc.Title = firstLine(doc.Text)
	}
	doc.Language = DetectLanguage(doc.Text)
	findDate(&doc)
	if len(doc.Byline) == 0 {
		doc.Byline = textByline(doc.Text)
	}
	return doc, nil
}

// ReadFile reads and decodes one file from disk. It checks the size before
// reading, so a huge file is refused without being loaded.
func ReadFile(path string) (Document, error) { return ReadFileAs(path, "") }

// ReadFileAs is ReadFile with the encoding given, as ReadAs takes it.
func ReadFileAs(path, charset string) (Document, error) {
	name := filepath.Base(path)
	// What the path names is looked at before it is opened: opening a
	// named pipe waits for a writer, for ever if none comes.
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return Document{Name: name}, unreadable(name, "%s", describeOpenError(err))
	case info.IsDir():
		return Document{Name: name}, unreadable(name, "it is a folder")
	case !info.Mode().IsRegular():
		return Document{Name: name}, unreadable(name, "it is not a file but a %s", fileKind(info.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return Document{Name: name}, unreadable(name, "%s", describeOpenError(err))
	}
	defer f.Close()
	info, err = f.Stat()
	switch {
	case err != nil:
		return Document{Name: name}, unreadable(name, "%v", err)
	case !info.Mode().IsRegular():
		return Document{Name: name}, unreadable(name, "it is not a file but a %s", fileKind(info.Mode()))
	case info.Size() > MaxBytes:
		return Document{Name: name}, unreadable(name, "the file is %s; Parley imports articles up to %s", size(int(min(info.Size(), 1<<40))), size(MaxBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return Document{Name: name}, unreadable(name, "%v", err)
	}
	return ReadAs(name, data, charset)
}

// fileKind names what a path is that is not a regular file.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSymlink != 0:
		return "link"
	}
	return "special file"
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// FromPaste makes a document of text pasted into the window.
func FromPaste(text string) (Document, error) {
	return Read("pasted text", []byte(text))
}

func formatOf(name string, data []byte) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".md", ".markdown":
		return "md"
	}
	head := bytes.ToLower(data[:min(len(data), 512)])
	if bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")) {
		return "html"
	}
	return "txt"
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// plainText keeps a text file's paragraphs, dropping trailing spaces.
func plainText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// firstLine makes a title of a text that has none: its first line, cut at
// a word near 90 characters when it is longer.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) <= 120 {
		return line
	}
	r := []rune(line)[:90]
	if i := strings.LastIndexByte(string(r), ' '); i > 40 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

func unreadableErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnreadable, fmt.Sprintf(format, args...))
}
