package exchange

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"

	"codeberg.org/parley/parley/app"
)

// backupReader reads a backup item by item: the header, then the casebook's
// lists one element at a time, checking the limits as the bytes come, and
// at the end the length and checksum the header promised.
type backupReader struct {
	name    string
	h       BackupHeader
	payload *meteredReader
	sum     hash.Hash
	dec     *json.Decoder
	counts  map[string]int
}

func backupErr(name, format string, args ...any) error {
	return fmt.Errorf("%s: %w: %s", name, ErrBackup, fmt.Sprintf(format, args...))
}

// openBackup reads a backup's header and readies its payload.
func openBackup(name string, r io.Reader) (*backupReader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, backupErr(name, "not a Parley backup (it is not gzip-compressed)")
	}
	br := bufio.NewReaderSize(zr, 64<<10)
	line, err := br.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, backupErr(name, "not a Parley backup (its first line is over %d kB)", maxHeaderBytes>>10)
		}
		return nil, backupErr(name, "not a Parley backup (no header): %v", err)
	}
	b := &backupReader{name: name, sum: sha256.New(), counts: map[string]int{}}
	if json.Unmarshal(line, &b.h) != nil || b.h.Format != backupFormat {
		return nil, backupErr(name, "not a Parley backup")
	}
	switch {
	case b.h.Version > BackupVersion:
		return nil, backupErr(name, "made by a newer Parley (backup version %d; this one reads up to %d)", b.h.Version, BackupVersion)
	case b.h.PayloadLen <= 0 || b.h.PayloadLen > maxBackupBytes:
		return nil, backupErr(name, "its header gives a size of %d bytes; a backup holds up to %d GB", b.h.PayloadLen, maxBackupBytes>>30)
	}
	b.payload = &meteredReader{r: io.TeeReader(io.LimitReader(br, int64(b.h.PayloadLen)+1), b.sum), total: int64(b.h.PayloadLen), name: name}
	b.dec = json.NewDecoder(b.payload)
	b.dec.DisallowUnknownFields()
	return b, nil
}

// meteredReader ends a read that runs past what the header promised, or
// past the limit of one item.
type meteredReader struct {
	r           io.Reader
	name        string
	total, read int64
	item        int64 // bytes read since the current item began
}

func (m *meteredReader) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.read += int64(n)
	m.item += int64(n)
	switch {
	case m.read > m.total:
		return n, backupErr(m.name, "the file is damaged: it holds more than its header says")
	case m.item > maxItemBytes:
		return n, backupErr(m.name, "one item in it is over %d MB", maxItemBytes>>20)
	case err != nil && err != io.EOF:
		// The compression's own word: a cut or corrupted file.
		return n, backupErr(m.name, "the file is damaged: %v", err)
	}
	return n, err
}

// backupItem is one item of a backup, as each reads it.
type backupItem struct {
	section string // actors, places, sources, statements, notes, events, texts
	actor   app.Actor
	place   app.Place
	source  app.Source
	st      app.Statement
	note    app.Note
	event   app.Event
	id      string // of the source a text belongs to
	text    string
}

var backupSections = []string{"actors", "places", "sources", "statements", "notes", "events", "texts"}

// each calls fn with every item of the backup, in the order of the file,
// then checks that the backup was whole.
func (b *backupReader) each(ctx context.Context, fn func(*backupItem) error) error {
	bad := func(err error) error {
		if errors.Is(err, ErrBackup) {
			return err // the reader's own word on a limit
		}
		return backupErr(b.name, "the casebook in it cannot be read: %v", err)
	}
	if t, err := b.dec.Token(); err != nil || t != json.Delim('{') {
		return bad(fmt.Errorf("it does not start as a casebook"))
	}
	var it backupItem
	for b.dec.More() {
		t, err := b.dec.Token()
		if err != nil {
			return bad(err)
		}
		section, _ := t.(string)
		if !slices.Contains(backupSections, section) {
			return bad(fmt.Errorf("unknown part %q", section))
		}
		open, close := json.Delim('['), json.Delim(']')
		if section == "texts" {
			open, close = '{', '}'
		}
		t, err = b.dec.Token()
		if t == nil && err == nil {
			continue // null: an empty list
		}
		if err != nil || t != open {
			return bad(fmt.Errorf("%s is not a list", section))
		}
		for b.dec.More() {
			if err := cancelled(ctx); err != nil {
				return err
			}
			it = backupItem{section: section}
			b.payload.item = 0
			switch section {
			case "actors":
				err = b.dec.Decode(&it.actor)
			case "places":
				err = b.dec.Decode(&it.place)
			case "sources":
				err = b.dec.Decode(&it.source)
			case "statements":
				err = b.dec.Decode(&it.st)
			case "notes":
				err = b.dec.Decode(&it.note)
			case "events":
				err = b.dec.Decode(&it.event)
			case "texts":
				var key json.Token
				if key, err = b.dec.Token(); err == nil {
					it.id, _ = key.(string)
					err = b.dec.Decode(&it.text)
				}
			}
			if err != nil {
				return bad(err)
			}
			b.counts[section]++
			if b.counts[section] > b.h.Counts[section] {
				return backupErr(b.name, "the file is damaged: it holds more %s than its header says", section)
			}
			if err := fn(&it); err != nil {
				return err
			}
		}
		if t, err := b.dec.Token(); err != nil || t != close {
			return bad(fmt.Errorf("%s does not end", section))
		}
	}
	if t, err := b.dec.Token(); err != nil || t != json.Delim('}') {
		return bad(fmt.Errorf("it does not end as a casebook"))
	}
	// Whatever follows the JSON (the encoder's newline) counts too.
	if _, err := io.Copy(io.Discard, io.MultiReader(b.dec.Buffered(), b.payload)); err != nil {
		return err
	}
	if b.payload.read != int64(b.h.PayloadLen) || hex.EncodeToString(b.sum.Sum(nil)) != b.h.SHA256 {
		return backupErr(b.name, "the file is damaged: its contents do not match its checksum")
	}
	for _, section := range backupSections {
		if b.counts[section] != b.h.Counts[section] {
			return backupErr(b.name, "the file is damaged: it holds %d %s, its header says %d", b.counts[section], section, b.h.Counts[section])
		}
	}
	return nil
}

// ReadBackupHeader reads what a backup says of itself, to ask the user
// before restoring it; it checks the format and version only.
func ReadBackupHeader(name string, r io.Reader) (BackupHeader, error) {
	b, err := openBackup(name, r)
	if err != nil {
		return BackupHeader{}, err
	}
	return b.h, nil
}

// ReadBackup reads and checks a whole backup into memory without writing
// anything: the format, the version, the checksum, and that the casebook
// in it holds together. RestoreBackup restores one without holding it.
func ReadBackup(name string, r io.Reader) (app.Case, BackupHeader, error) {
	b, err := openBackup(name, r)
	if err != nil {
		return app.Case{}, BackupHeader{}, err
	}
	c := app.Case{Texts: map[string]string{}}
	err = b.each(context.Background(), func(it *backupItem) error {
		switch it.section {
		case "actors":
			c.Actors = append(c.Actors, it.actor)
		case "places":
			c.Places = append(c.Places, it.place)
		case "sources":
			c.Sources = append(c.Sources, it.source)
		case "statements":
			c.Statements = append(c.Statements, it.st)
		case "notes":
			c.Notes = append(c.Notes, it.note)
		case "events":
			c.Events = append(c.Events, it.event)
		case "texts":
			c.Texts[it.id] = it.text
		}
		return nil
	})
	if err != nil {
		return app.Case{}, b.h, err
	}
	c.Normalize()
	if err := app.Validate(c); err != nil {
		return app.Case{}, b.h, backupErr(name, "the casebook in it does not hold together: %s", oneLineErr(err))
	}
	return c, b.h, nil
}

// ErrNotEmpty is returned when a restore would overwrite a casebook that
// holds something and the user has not said to.
var ErrNotEmpty = errors.New("the casebook is not empty")

// restoreBatch is how many items one transaction of a restore writes.
const restoreBatch = 1000

// RestoreBackup replaces everything in a casebook with a backup, in one
// step: the backup is read item by item into a new casebook beside the
// store's, each item checked as it comes, and only when the whole of it has
// been read, checked against its checksum and found to hold together does
// the new casebook take the old one's place. A failure, a cancel or a crash
// at any point leaves the old casebook as it was. It refuses a casebook
// that holds data unless force is set, and returns where the casebook it
// replaced is kept.
func RestoreBackup(ctx context.Context, s app.Store, name string, r io.Reader, force bool, progress Progress) (BackupHeader, string, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	b, err := openBackup(name, r)
	if err != nil {
		return BackupHeader{}, "", err
	}
	empty, err := app.IsEmpty(s)
	if err != nil {
		return b.h, "", err
	}
	if !empty && !force {
		return b.h, "", ErrNotEmpty
	}
	replacer, ok := s.(app.Replacer)
	if !ok {
		return b.h, "", errors.New("this casebook cannot be replaced in one step")
	}
	// The new casebook needs about what the backup unpacks to, twice over
	// (its log and its tables).
	if err := s.CheckRoom(2 * int64(b.h.PayloadLen)); err != nil {
		return b.h, "", err
	}
	total := 0
	for _, n := range b.h.Counts {
		total += n
	}
	previous, err := replacer.Replace(func(fresh app.Store) error {
		w := &restoreWriter{s: fresh, name: name, texts: map[string]bool{}}
		done := 0
		if err := b.each(ctx, func(it *backupItem) error {
			done++
			if done%200 == 0 {
				progress(done, total)
			}
			return w.add(it)
		}); err != nil {
			return err
		}
		if err := w.flush(); err != nil {
			return err
		}
		if len(w.texts) > 0 {
			for id := range w.texts {
				return backupErr(name, "the casebook in it does not hold together: source %q has no text, though it says it has", id)
			}
		}
		progress(total, total)
		// A restored casebook is the user's: the seed is never loaded
		// into it.
		return app.MarkSeeded(fresh)
	})
	return b.h, previous, err
}

// restoreWriter writes a backup's items into the new casebook in batches,
// checking each against what is written before it: the backup lists
// actors, places and sources before the statements that name them, and
// texts last.
type restoreWriter struct {
	s     app.Store
	name  string
	batch []*backupItem
	// texts are the sources that say they have a text, until it comes.
	texts map[string]bool
}

func (w *restoreWriter) add(it *backupItem) error {
	c := *it
	if it.section == "texts" {
		// A text goes in a transaction of its own, after everything
		// before it: its statements are checked against it.
		if err := w.flush(); err != nil {
			return err
		}
		w.batch = []*backupItem{&c}
		return w.flush()
	}
	w.batch = append(w.batch, &c)
	if len(w.batch) >= restoreBatch {
		return w.flush()
	}
	return nil
}

// flush writes the batch, in smaller transactions where the store finds it
// too large for one.
func (w *restoreWriter) flush() error {
	batch := w.batch
	w.batch = nil
	size := len(batch)
	for len(batch) > 0 {
		n := min(size, len(batch))
		err := w.s.Update(func(tx app.Tx) error {
			for _, it := range batch[:n] {
				if err := w.put(tx, it); err != nil {
					return err
				}
			}
			return nil
		})
		if errors.Is(err, app.ErrTooBig) && n > 1 {
			size = n / 2
			continue
		}
		if err != nil {
			if errors.Is(err, app.ErrInvalid) {
				return backupErr(w.name, "the casebook in it does not hold together: %s", oneLineErr(err))
			}
			return err
		}
		batch = batch[n:]
	}
	return nil
}

// put checks one item against the new casebook and writes it.
func (w *restoreWriter) put(tx app.Tx, it *backupItem) error {
	dup := func(err error, what, id string) error {
		if err == nil {
			return fmt.Errorf("%w: %s id %q is used twice", app.ErrInvalid, what, id)
		}
		return nil
	}
	switch it.section {
	case "actors":
		_, err := tx.Actor(it.actor.ID)
		return errors.Join(app.CheckActor(it.actor), dup(err, "actor", it.actor.ID), tx.PutActor(it.actor))
	case "places":
		_, err := tx.Place(it.place.ID)
		return errors.Join(app.CheckPlace(it.place), dup(err, "place", it.place.ID), tx.PutPlace(it.place))
	case "sources":
		_, err := tx.Source(it.source.ID)
		src := it.source
		src.HasText = false // until its text comes
		if err := errors.Join(app.CheckSource(it.source), dup(err, "source", src.ID)); err != nil {
			return err
		}
		if it.source.HasText {
			w.texts[src.ID] = true
		}
		return tx.PutSource(src, nil)
	case "statements":
		st := it.st
		var srcp *app.Source
		if st.Source != "" {
			src, err := tx.Source(st.Source)
			if err != nil {
				return fmt.Errorf("%w: statement %q: source %q is not a source", app.ErrInvalid, st.ID, st.Source)
			}
			srcp = &src
		}
		var reportErrs []error
		for _, r := range st.Reports {
			rsrc, err := tx.Source(r.Source)
			if err != nil || r.Source == st.Source {
				reportErrs = append(reportErrs, fmt.Errorf("%w: statement %q: a report's source %q is not another source", app.ErrInvalid, st.ID, r.Source))
				continue
			}
			reportErrs = append(reportErrs, app.CheckReport(st.ID, r, &rsrc))
		}
		_, err := tx.Statement(st.ID)
		if err := errors.Join(app.CheckStatement(st, srcp), app.CheckStatementRefs(tx, st), dup(err, "statement", st.ID), errors.Join(reportErrs...)); err != nil {
			return err
		}
		return tx.PutStatement(st)
	case "notes":
		textLen, err := noteTextLen(tx, it.note.Target)
		if err != nil {
			return fmt.Errorf("%w: note %q: target %s does not exist", app.ErrInvalid, it.note.ID, it.note.Target)
		}
		_, derr := tx.Note(it.note.ID)
		if err := errors.Join(app.CheckNote(it.note, textLen), dup(derr, "note", it.note.ID)); err != nil {
			return err
		}
		return tx.PutNote(it.note)
	case "events":
		return errors.Join(app.CheckEvent(it.event), tx.PutEvent(it.event))
	case "texts":
		if !w.texts[it.id] {
			return fmt.Errorf("%w: a text is stored for %q, which is not a source with a text (or comes before it)", app.ErrInvalid, it.id)
		}
		if err := putText(tx, it.id, it.text); err != nil {
			return err
		}
		delete(w.texts, it.id)
		return nil
	}
	return nil
}

// noteTextLen is the length of the text a note's range counts in, -1 for
// a target whose text is not known here; an error when the target is not
// there.
func noteTextLen(r app.Reader, t app.Target) (int, error) {
	switch t.Kind {
	case app.TargetStatement:
		st, err := r.Statement(t.ID)
		return app.RuneLen(st.Quote), err
	case app.TargetSource:
		s, err := r.Source(t.ID)
		if s.TextLength > 0 {
			return s.TextLength, err
		}
		return -1, err
	case app.TargetActor:
		a, err := r.Actor(t.ID)
		return app.RuneLen(a.Background), err
	case app.TargetPlace:
		p, err := r.Place(t.ID)
		return app.RuneLen(p.Background), err
	}
	return -1, fmt.Errorf("unknown target kind %q", t.Kind)
}

// putText gives a source its text, once every statement of the source has
// been checked to lie at its offsets in it.
func putText(tx app.Tx, id, text string) error {
	src, err := tx.Source(id)
	if err != nil {
		return fmt.Errorf("%w: a text is stored for %q, which is not a source (or comes before it)", app.ErrInvalid, id)
	}
	canonical := app.CanonicalText(text)
	if canonical != text || (src.TextHash != "" && app.TextHash(text) != src.TextHash) {
		return fmt.Errorf("%w: the text of source %q does not match its checksum", app.ErrInvalid, id)
	}
	ids, err := tx.StatementIDsBySource(id)
	if err != nil {
		return err
	}
	// Each statement's report in this source: its own, or a further one.
	type placed struct {
		id string
		r  app.Report
	}
	var reps []placed
	for _, sid := range ids {
		st, err := tx.Statement(sid)
		if err != nil {
			return err
		}
		if r, ok := st.ReportIn(id); ok {
			reps = append(reps, placed{st.ID, r})
		}
	}
	slices.SortFunc(reps, func(a, b placed) int { return a.r.Start - b.r.Start })
	cur := app.NewCursor(text)
	for _, p := range reps {
		if got, ok := cur.Slice(p.r.Start, p.r.End); !ok || got != p.r.Quote {
			return fmt.Errorf("%w: statement %q: quote is not at %d:%d of %q", app.ErrInvalid, p.id, p.r.Start, p.r.End, id)
		}
	}
	src.HasText = true
	src.TextLength = app.RuneLen(text)
	return tx.PutSource(src, &text)
}
