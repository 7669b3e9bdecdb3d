package exchange

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"time"

	"codeberg.org/parley/parley/app"
)

// A backup is one gzip file: a header line of JSON that names the format,
// its version, when it was made, what it holds and the SHA-256 of the rest;
// then the whole casebook as JSON (what `parley dump` prints, texts
// included). The checksum catches a damaged file before anything is
// written; the format name turns away files that are not Parley backups.
const (
	backupFormat  = "parley-backup"
	BackupVersion = 1
)

// What a backup may hold, checked while it is read, so that a damaged or
// hostile file is refused before it costs much memory or time.
const (
	// maxBackupBytes bounds what a backup may unpack to.
	maxBackupBytes = 4 << 30
	// maxHeaderBytes bounds the header line.
	maxHeaderBytes = 64 << 10
	// maxItemBytes bounds one item of the casebook in it: a note, a
	// statement, a source's text (12 MB at most, written out as JSON).
	maxItemBytes = 64 << 20
)

// BackupHeader is the first line of a backup.
type BackupHeader struct {
	Format     string         `json:"format"`
	Version    int            `json:"version"`
	Created    time.Time      `json:"created"`
	Counts     map[string]int `json:"counts"`
	SHA256     string         `json:"sha256"`
	PayloadLen int            `json:"payload_bytes"`
}

// ErrBackup marks a file that is not a whole Parley backup.
var ErrBackup = errors.New("cannot restore")

// WriteBackup writes the whole casebook as a backup.
func WriteBackup(cb *app.Casebook, w io.Writer) (BackupHeader, error) {
	c, err := cb.Dump()
	if err != nil {
		return BackupHeader{}, err
	}
	payload, err := json.Marshal(c)
	if err != nil {
		return BackupHeader{}, err
	}
	sum := sha256.Sum256(payload)
	h := BackupHeader{Format: backupFormat, Version: BackupVersion, Created: time.Now().UTC().Truncate(time.Second),
		Counts: counts(c), SHA256: hex.EncodeToString(sum[:]), PayloadLen: len(payload)}
	zw := gzip.NewWriter(w)
	line, _ := json.Marshal(h)
	if _, err := zw.Write(append(line, '\n')); err != nil {
		return h, err
	}
	if _, err := zw.Write(payload); err != nil {
		return h, err
	}
	return h, zw.Close()
}

func counts(c app.Case) map[string]int {
	return map[string]int{"actors": len(c.Actors), "places": len(c.Places), "sources": len(c.Sources),
		"statements": len(c.Statements), "notes": len(c.Notes), "events": len(c.Events), "texts": len(c.Texts)}
}
