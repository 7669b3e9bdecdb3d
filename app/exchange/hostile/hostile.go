// Package hostile makes the files a careless or hostile sender could hand
// Parley: archives that unpack to gigabytes, projects that refer to one
// large part many times, XML that expands entities or reaches outside,
// paths that climb out of an archive, offsets outside a text, projects in
// UTF-16. The tests read them (as files and as fuzz seeds) to show that
// each is refused, or read, within the budgets of app/exchange and without
// writing anything outside the casebook. They are made when asked for,
// never stored.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// File is one hostile file: its name (its extension says what it claims to
// be) and its bytes.
type File struct {
	Name string
	Data []byte
}

// repeat writes n bytes of c to w in large pieces.
func repeat(w io.Writer, c byte, n int64) {
	block := bytes.Repeat([]byte{c}, 1<<20)
	for n > 0 {
		k := min(n, int64(len(block)))
		w.Write(block[:k])
		n -= k
	}
}

// BackupBomb is a backup whose header is well formed and whose payload,
// a few megabytes of gzip, unpacks to expand bytes: one actor whose name
// never ends.
func BackupBomb(expand int64) File {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	h, _ := json.Marshal(map[string]any{"format": "parley-backup", "version": 1, "payload_bytes": expand,
		"counts": map[string]int{"actors": 1}, "sha256": strings.Repeat("0", 64)})
	zw.Write(append(h, '\n'))
	io.WriteString(zw, `{"actors":[{"id":"a","name":"`)
	repeat(zw, 'a', expand)
	zw.Close()
	return File{"bomb.parley", b.Bytes()}
}

// BackupLying is a backup whose header promises a small payload and whose
// payload goes on far past it.
func BackupLying(expand int64) File {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	h, _ := json.Marshal(map[string]any{"format": "parley-backup", "version": 1, "payload_bytes": 1000,
		"counts": map[string]int{"actors": 1}, "sha256": strings.Repeat("0", 64)})
	zw.Write(append(h, '\n'))
	io.WriteString(zw, `{"actors":[`)
	for i := int64(0); i < expand/40; i++ {
		fmt.Fprintf(zw, `{"id":"a%d","name":"A"},`, i)
	}
	zw.Close()
	return File{"lying.parley", b.Bytes()}
}

// project writes a .qdpx of a project.qde and parts.
func project(name, qde string, parts map[string]func(io.Writer)) File {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	io.WriteString(w, qde)
	for path, write := range parts {
		w, _ := zw.Create(path)
		write(w)
	}
	zw.Close()
	return File{name, b.Bytes()}
}

const qdeHead = `<?xml version="1.0" encoding="utf-8"?>` + "\n" +
	`<Project xmlns="urn:QDA-XML:project:1.0" name="hostile"><Sources>`
const qdeTail = `</Sources></Project>`

func textSource(i int, path string) string {
	return fmt.Sprintf(`<TextSource guid="00000000-0000-4000-8000-%012d" name="s%d" plainTextPath="internal://%s"/>`, i, i, path)
}

// ProjectAmplified refers refs sources to one part of size bytes: small as
// a file, large when each reference is read.
func ProjectAmplified(refs int, size int64) File {
	var q strings.Builder
	q.WriteString(qdeHead)
	for i := range refs {
		q.WriteString(textSource(i, "big.txt"))
	}
	q.WriteString(qdeTail)
	return project("amplified.qdpx", q.String(), map[string]func(io.Writer){
		"sources/big.txt": func(w io.Writer) {
			for i := int64(0); i < size; i += 64 {
				io.WriteString(w, "“We will talk again,” the minister said. Then she left town.\n")
			}
		},
	})
}

// ProjectHugePart holds one part that unpacks to size bytes.
func ProjectHugePart(size int64) File {
	return project("huge.qdpx", qdeHead+textSource(0, "huge.txt")+qdeTail, map[string]func(io.Writer){
		"sources/huge.txt": func(w io.Writer) { repeat(w, 'a', size) },
	})
}

// ProjectLaughs expands an entity a billion times if a reader expands
// entities.
func ProjectLaughs() File {
	var q strings.Builder
	q.WriteString(`<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := fmt.Sprintf("lol%d", i)
		fmt.Fprintf(&q, `<!ENTITY %s "%s">`, name, strings.Repeat("&"+prev+";", 10))
		prev = name
	}
	q.WriteString(`]><Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"></Project>`)
	return project("laughs.qdpx", q.String(), nil)
}

// ProjectExternalEntity asks a reader to fetch a file of the machine.
func ProjectExternalEntity() File {
	return project("xxe.qdpx", `<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>`+
		`<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"><Sources>`+textSource(0, "a.txt")+qdeTail,
		map[string]func(io.Writer){"sources/a.txt": func(w io.Writer) { io.WriteString(w, "Text.") }})
}

// ProjectClimbing names parts with paths that climb out of the archive.
func ProjectClimbing() File {
	return project("climbing.qdpx", qdeHead+textSource(0, "../../evil.txt")+textSource(1, "/etc/passwd")+qdeTail,
		map[string]func(io.Writer){
			"../../evil.txt": func(w io.Writer) { io.WriteString(w, "outside") },
			"/etc/passwd":    func(w io.Writer) { io.WriteString(w, "root") },
		})
}

// ProjectBadOffsets is a Parley project whose statement lies outside its
// source's text.
func ProjectBadOffsets(start, end int) File {
	meta := func(v any) string {
		b, _ := json.Marshal(v)
		return "\n\n--- Parley data (keep to re-import into Parley) ---\n" + string(b)
	}
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xmlEscape(&b, s)
		return b.String()
	}
	actor := map[string]any{"kind": "actor", "actor": map[string]any{"id": "x", "name": "X", "aliases": []string{}, "kind": "person"}}
	src := map[string]any{"kind": "source", "source": map[string]any{"id": "s", "title": "S", "outlet": "", "published": "2024-01-01",
		"date_precision": "day", "language": "en", "text_length": 5, "has_text": true}}
	st := map[string]any{"kind": "statement", "statement": map[string]any{"id": "st", "speakers": []string{"x"}, "recipients": []string{},
		"quote": "Hello", "kind": "direct", "source": "s", "start": start, "end": end, "date": "2024-01-01", "places": []string{}, "tags": []string{}}}
	qde := `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="offsets">` +
		`<CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000001" name="X" isCodable="true"><Description>` + esc(meta(actor)) + `</Description></Code></Codes></CodeBook>` +
		`<Sources><TextSource guid="00000000-0000-4000-8000-000000000002" name="S" plainTextPath="internal://s.txt"><Description>` + esc(meta(src)) + `</Description>` +
		fmt.Sprintf(`<PlainTextSelection guid="00000000-0000-4000-8000-000000000003" startPosition="%d" endPosition="%d"><Description>`, start, end) +
		esc(meta(st)) + `</Description></PlainTextSelection></TextSource></Sources></Project>`
	return project("offsets.qdpx", qde, map[string]func(io.Writer){"sources/s.txt": func(w io.Writer) { io.WriteString(w, "Hello") }})
}

// ProjectUTF16 is a small, well-formed project written in UTF-16 with a
// byte-order mark, as some programs write XML.
func ProjectUTF16() File {
	qde := `<?xml version="1.0" encoding="UTF-16"?>` + "\n" + `<Project xmlns="urn:QDA-XML:project:1.0" name="utf16"><Sources>` +
		`<TextSource guid="00000000-0000-4000-8000-000000000001" name="Report"><PlainTextContent>` +
		`“We agreed on the next round,” Ararat Mirzoyan said in Yerevan on Monday.</PlainTextContent></TextSource></Sources></Project>`
	enc, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(qde)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	io.WriteString(w, enc)
	zw.Close()
	return File{"utf16.qdpx", b.Bytes()}
}

// All is the corpus at sizes that show the budgets at work: the bombs
// unpack to gigabytes.
func All() []File {
	return []File{
		BackupBomb(3 << 30), BackupLying(200 << 20),
		ProjectAmplified(40, 10<<20), ProjectHugePart(250 << 20),
		ProjectLaughs(), ProjectExternalEntity(), ProjectClimbing(),
		ProjectBadOffsets(-5, 10), ProjectBadOffsets(30, 10), ProjectUTF16(),
	}
}

// Small is the corpus at sizes a fuzzer can start from.
func Small() []File {
	return []File{
		BackupBomb(1 << 20), BackupLying(1 << 20),
		ProjectAmplified(5, 64<<10), ProjectHugePart(1 << 20),
		ProjectLaughs(), ProjectExternalEntity(), ProjectClimbing(),
		ProjectBadOffsets(-5, 10), ProjectBadOffsets(30, 10), ProjectUTF16(),
	}
}
