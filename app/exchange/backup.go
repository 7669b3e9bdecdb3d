package exchange

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
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
	// maxBackupBytes bounds what a backup may unpack to.
	maxBackupBytes = 4 << 30
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

// ReadBackup reads and checks a whole backup without writing anything: the
// format, the version, the checksum, and that the casebook in it holds
// together.
func ReadBackup(name string, r io.Reader) (app.Case, BackupHeader, error) {
	var h BackupHeader
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", name, ErrBackup, fmt.Sprintf(format, args...))
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return app.Case{}, h, bad("not a Parley backup (it is not gzip-compressed)")
	}
	br := bufio.NewReader(io.LimitReader(zr, maxBackupBytes))
	line, err := br.ReadBytes('\n')
	if err != nil {
		return app.Case{}, h, bad("not a Parley backup (no header): %v", err)
	}
	if json.Unmarshal(line, &h) != nil || h.Format != backupFormat {
		return app.Case{}, h, bad("not a Parley backup")
	}
	if h.Version > BackupVersion {
		return app.Case{}, h, bad("made by a newer Parley (backup version %d; this one reads up to %d)", h.Version, BackupVersion)
	}
	payload, err := io.ReadAll(br)
	if err != nil {
		return app.Case{}, h, bad("the file is damaged: %v", err)
	}
	sum := sha256.Sum256(payload)
	if hex.EncodeToString(sum[:]) != h.SHA256 || len(payload) != h.PayloadLen {
		return app.Case{}, h, bad("the file is damaged: its contents do not match its checksum")
	}
	var c app.Case
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return app.Case{}, h, bad("the casebook in it cannot be read: %v", err)
	}
	if c.Texts == nil {
		c.Texts = map[string]string{}
	}
	if err := app.Validate(c); err != nil {
		return app.Case{}, h, bad("the casebook in it does not hold together: %s", oneLineErr(err))
	}
	return c, h, nil
}

// ErrNotEmpty is returned when a restore would overwrite a casebook that
// holds something and the user has not said to.
var ErrNotEmpty = errors.New("the casebook is not empty")

// Restore replaces everything in a casebook with a backup's contents. It
// refuses a casebook that is not empty unless force is set. The backup must
// have been read (and so checked) with ReadBackup first. Large casebooks are
// written in several transactions, with progress.
func Restore(ctx context.Context, s app.Store, c app.Case, force bool, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	empty, err := app.IsEmpty(s)
	if err != nil {
		return err
	}
	if !empty && !force {
		return ErrNotEmpty
	}
	if !empty {
		old, err := (&app.Casebook{Store: s}).Dump()
		if err != nil {
			return err
		}
		if err := app.DeleteCase(s, old); err != nil {
			return fmt.Errorf("clearing the casebook: %w", err)
		}
	}
	if err := cancelled(ctx); err != nil {
		return err
	}
	total := len(c.Actors) + len(c.Places) + len(c.Sources) + len(c.Statements) + len(c.Notes) + len(c.Events)
	if err := app.LoadCaseProgress(s, c, 1000, func(done int) { progress(done, total) }); err != nil {
		return err
	}
	// A restored casebook is the user's: the seed is never loaded into it.
	return app.MarkSeeded(s)
}
