package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"codeberg.org/parley/parley/app"
	"codeberg.org/parley/parley/app/extract"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

const article = "Talks end in Washington\n\n“We made progress,” said Antony Blinken.\n\nThe ministers — Ararat Mirzoyan and Jeyhun Bayramov — will meet again.\n"

func utf16(t *testing.T, s string, big bool) []byte {
	t.Helper()
	order := xunicode.LittleEndian
	if big {
		order = xunicode.BigEndian
	}
	b, err := xunicode.UTF16(order, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadEncodings(t *testing.T) {
	latin := "Le ministre a déclaré : « Nous sommes prêts », a-t-il dit à l'été."
	cyr := "Министр заявил: «Мы готовы к переговорам», — сказал он в среду вечером."
	l1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(latin))
	c1251, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(cyr))
	tests := []struct {
		name, file string
		data       []byte
		wantEnc    string
		want       string
	}{
		{"utf-8", "a.txt", []byte(article), "utf-8", "“We made progress,” said Antony Blinken."},
		{"utf-8 with BOM", "a.txt", append([]byte{0xEF, 0xBB, 0xBF}, article...), "utf-8", "Talks end in Washington"},
		{"utf-16 LE", "a.txt", utf16(t, article, false), "utf-16le", "Jeyhun Bayramov"},
		{"utf-16 BE", "a.txt", utf16(t, article, true), "utf-16be", "Ararat Mirzoyan"},
		{"windows-1252", "fr.txt", l1252, "windows-1252", "« Nous sommes prêts »"},
		{"windows-1251", "ru.txt", c1251, "windows-1251", "«Мы готовы к переговорам»"},
		{"CRLF", "a.txt", []byte("One line.\r\n\r\nTwo “lines”.\r\n"), "utf-8", "One line.\n\nTwo “lines”."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.file, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Encoding != tt.wantEnc {
				t.Errorf("encoding %q, want %q", doc.Encoding, tt.wantEnc)
			}
			if !strings.Contains(doc.Text, tt.want) {
				t.Errorf("text %q lacks %q", doc.Text, tt.want)
			}
			if strings.ContainsAny(doc.Text, "\r\ufeff") {
				t.Errorf("text keeps CR or BOM: %q", doc.Text)
			}
		})
	}
}

func TestReadRefuses(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"blank", []byte("  \n\n \t"), "no text"},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3}, "binary"},
		{"huge", make([]byte, MaxBytes+1), "imports articles up to"},
		{"odd utf-16", []byte{0xFF, 0xFE, 'a', 0, 'b'}, "odd number of bytes"},
		{"controls", []byte(strings.Repeat("\x01\x02\x03abc", 50)), "does not read as text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("bad.txt", tt.data)
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("err %v, want ErrUnreadable", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "bad.txt: ") || !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("message %q should name the file, say %q, on one line", msg, tt.want)
			}
		})
	}
}

func TestReadHTML(t *testing.T) {
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Talks end | Example News</title>
<meta property="og:title" content="Talks end with progress">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-04T18:30:00Z">
<link rel="canonical" href="https://news.example/talks-end">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks end with progress</h1>
<p>The foreign ministers met for four days near Washington, and the host spoke at the close of the round.</p>
<p>“After an intensive series of talks, the sides have made progress,” said Antony Blinken, who hosted them.</p>
<p>The ministers will report to their capitals. A further round is expected in the coming weeks, officials said.</p>
</article><footer>Copyright Example News</footer><script>var x = "“not a quote”";</script></body></html>`
	doc, err := Read("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Talks end with progress" || doc.Outlet != "Example News" || doc.Published != "2023-05-04" || doc.URL != "https://news.example/talks-end" {
		t.Errorf("metadata %+v", doc)
	}
	if !strings.Contains(doc.Text, "“After an intensive series of talks, the sides have made progress,” said Antony Blinken") {
		t.Errorf("text %q", doc.Text)
	}
	if strings.Contains(doc.Text, "not a quote") || strings.Contains(doc.Text, "Home") {
		t.Errorf("page furniture kept: %q", doc.Text)
	}
	if !strings.Contains(doc.Text, "\n\n") {
		t.Error("paragraphs run together")
	}
}

func TestReadMarkdown(t *testing.T) {
	md := "# Talks end\n\nThe *ministers* met.\n\n> “We are close,” said **Blinken**.\n\n- one point\n- another [point](https://x.example)\n"
	doc, err := Read("notes.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Talks end", "The ministers met.", "“We are close,” said Blinken.", "another point"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text %q lacks %q", doc.Text, want)
		}
	}
	if strings.ContainsAny(doc.Text, "*#>") {
		t.Errorf("markup kept: %q", doc.Text)
	}
	if doc.Title != "Talks end" {
		t.Errorf("title %q", doc.Title)
	}
}

// FuzzRead: any bytes either read as a document with valid, canonical text
// or are refused with ErrUnreadable; nothing panics.
func FuzzRead(f *testing.F) {
	f.Add("a.txt", []byte(article))
	f.Add("a.html", []byte("<html><body><p>“Hi,” he said.</p></body></html>"))
	f.Add("a.md", []byte("# T\n\n> “x” said y"))
	f.Add("a.txt", []byte{0xFF, 0xFE, 'a', 0})
	f.Add("a.txt", []byte{0xE9, 0x74, 0xE9})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := Read(name, data)
		if err != nil {
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("error %v is not ErrUnreadable", err)
			}
			return
		}
		if !utf8.ValidString(doc.Text) || strings.TrimSpace(doc.Text) == "" || strings.Contains(doc.Text, "\r") {
			t.Fatalf("bad text %q", doc.Text)
		}
		// What the import does next: every quotation lies at its offsets.
		for _, q := range extract.Extract(doc.Text) {
			if got, ok := app.Slice(doc.Text, q.Start, q.End); !ok || got != q.Text {
				t.Fatalf("quote %q at %d:%d, text there %q", q.Text, q.Start, q.End, got)
			}
		}
	})
}

func TestReadFileRefusesWithoutLoading(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 100 MB file: refused on its size, never read.
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
	}{
		{huge, "huge.txt: cannot import: the file is 100 MB"},
		{dir, "cannot import: it is a folder"},
		{filepath.Join(dir, "missing.txt"), "missing.txt: cannot import: no such file"},
	}
	for _, tt := range tests {
		_, err := ReadFile(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ReadFile(%s) = %v, want one line with %q", tt.path, err, tt.want)
		}
	}
	doc, err := ReadFile(good)
	if err != nil || doc.Name != "good.txt" || !strings.Contains(doc.Text, "Antony Blinken") {
		t.Errorf("ReadFile(good) = %+v, %v", doc, err)
	}
}
