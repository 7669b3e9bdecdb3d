package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// A casebook is replaced whole (a restore) by building the new one in
// casebook.new beside it and putting it in place in one step: on Linux one
// rename that exchanges the two folders, elsewhere two renames that Open
// finishes if a crash comes between them. The new casebook carries a marker
// file from the moment it is complete until it is in place; whatever state
// a crash leaves, Open finds either the old casebook or the new one, never a
// mixture. The casebook replaced is kept beside it as
// casebook.before-WHAT-TIME, for the user to go back to.
const (
	stagingName = "casebook.new"
	readyMarker = "PARLEY-REPLACES" // holds the name the old casebook goes to
)

// Replace builds a new casebook with fill, beside this one, and when fill
// succeeds puts it in this one's place, all at once. It returns the folder
// where the casebook it replaced is kept. When anything fails, this
// casebook is left exactly as it was.
func (s *Store) Replace(fill func(app.Store) error) (string, error) {
	return s.replace("restore", fill, false)
}

// Amend copies the casebook beside itself, lets change change the copy, and
// puts the copy in place, all at once, as Replace does: a change too large
// for one transaction (an import that replaces items) is then whole or not
// there at all. No other write comes between the copy and the swap.
func (s *Store) Amend(what string, change func(app.Store) error) (string, error) {
	return s.replace(what, func(fresh app.Store) error {
		pr, pw := io.Pipe()
		go func() { _, err := s.db.Backup(pw, 0); pw.CloseWithError(err) }()
		if err := fresh.(*Store).db.Load(pr, 256); err != nil {
			pr.CloseWithError(err)
			return fmt.Errorf("copying the casebook: %w", err)
		}
		return change(fresh)
	}, true)
}

func (s *Store) replace(what string, fill func(app.Store) error, hold bool) (string, error) {
	if hold {
		s.write.Lock()
		defer s.write.Unlock()
	}
	if s.readOnly != "" {
		return "", fmt.Errorf("%w: %s", app.ErrReadOnly, s.readOnly)
	}
	live := filepath.Join(s.dir, "casebook")
	staging := filepath.Join(s.dir, stagingName)
	if err := os.RemoveAll(staging); err != nil {
		return "", err
	}
	fresh := &Store{dir: s.dir, dbDir: staging, allocated: map[string]int64{}}
	db, err := badger.Open(options(staging))
	if err != nil {
		return "", fmt.Errorf("making the new casebook: %w", err)
	}
	fresh.db = db
	discard := func(err error) (string, error) {
		if fresh.db != nil {
			_ = fresh.db.Close()
		}
		_ = os.RemoveAll(staging)
		return "", err
	}
	if err := fresh.allocateMapped(); err != nil {
		return discard(err)
	}
	if err := fresh.checkSchema(); err != nil {
		return discard(err)
	}
	if err := fill(fresh); err != nil {
		return discard(err)
	}
	if !hold {
		// A restore: the feeds followed today stay (an amend copied them).
		if err := s.copyFeeds(fresh); err != nil {
			return discard(fmt.Errorf("keeping the feeds: %w", err))
		}
	}
	err = fresh.db.Close()
	fresh.db = nil
	if err != nil {
		return discard(fmt.Errorf("closing the new casebook: %w", err))
	}
	stamp := time.Now().UTC().Format("20060102T150405Z")
	previousName := "casebook.before-" + what + "-" + stamp
	if err := writeSynced(filepath.Join(staging, readyMarker), []byte(previousName)); err != nil {
		return discard(err)
	}
	if err := syncDir(staging); err != nil {
		return discard(err)
	}

	// An empty casebook replaced is not worth keeping.
	wasEmpty, err := app.IsEmpty(s)
	if err != nil {
		return discard(err)
	}

	// From here the live database is closed: nothing may use it.
	if !hold {
		s.write.Lock()
		defer s.write.Unlock()
	}
	s.swap.Lock()
	defer s.swap.Unlock()
	if err := s.db.Close(); err != nil {
		// Still open as far as anyone can tell: reopen it to be sure.
		s.reopen(live)
		return discard(fmt.Errorf("closing the casebook: %w", err))
	}
	if err := swapFolders(live, staging, s.dir, previousName); err != nil {
		s.reopen(live)
		return discard(fmt.Errorf("putting the new casebook in place: %w", err))
	}
	previous := filepath.Join(s.dir, previousName)
	// The new casebook is in place. Tidying can fail without harm: the
	// next Open does it again.
	_ = finishReplace(s.dir)
	s.allocated = map[string]int64{}
	if err := s.reopen(live); err != nil {
		return "", err
	}
	if wasEmpty {
		if err := os.RemoveAll(previous); err == nil {
			previous = ""
		}
	}
	return previous, nil
}

// reopen opens the live database again after Replace closed it.
func (s *Store) reopen(live string) error { return s.openWith(options(live)) }

// openWith opens the database with o, in place of a closed one, and gives
// its mapped files their blocks.
func (s *Store) openWith(o badger.Options) error {
	db, err := badger.Open(o)
	if err != nil {
		return fmt.Errorf("reopening the casebook: %w", err)
	}
	s.db = db
	return s.allocateMapped()
}

// finishReplace tidies after the new casebook went in place: the old one,
// now in the staging folder, goes to its dated name, and the marker goes.
// Open calls it too, for a replace that a crash stopped; it does nothing
// when there is nothing to finish.
func finishReplace(dir string) error {
	live := filepath.Join(dir, "casebook")
	staging := filepath.Join(dir, stagingName)
	marker, err := os.ReadFile(filepath.Join(live, readyMarker))
	switch {
	case errors.Is(err, os.ErrNotExist):
		if _, err := os.Stat(live); errors.Is(err, os.ErrNotExist) {
			// Between the two renames of a system without an exchange:
			// the new casebook, complete, waits in the staging folder.
			if _, err := os.Stat(filepath.Join(staging, readyMarker)); err == nil {
				if err := os.Rename(staging, live); err != nil {
					return err
				}
				return finishReplace(dir)
			}
		}
		// Not replaced: a staging folder left over is a restore that never
		// finished, and the live casebook is the old one, untouched.
		if _, err := os.Lstat(staging); errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err := os.RemoveAll(staging); err != nil {
			return err
		}
		return syncDir(dir)
	case err != nil:
		return err
	}
	name := filepath.Base(strings.TrimSpace(string(marker)))
	if !strings.HasPrefix(name, "casebook.before-") {
		name = "casebook.before-" + time.Now().UTC().Format("20060102T150405Z")
	}
	if _, err := os.Stat(staging); err == nil {
		if err := os.Rename(staging, filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(live, readyMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return syncDir(live)
}

// swapFolders puts staging in live's place and live in staging's (or, with
// two renames, at previousName).
func swapFolders(live, staging, dir, previousName string) error {
	if err := exchange(live, staging); err == nil {
		return syncDir(dir)
	} else if !errors.Is(err, errNoExchange) {
		return err
	}
	// Two renames: the old casebook to its dated name, the new one in its
	// place. finishReplace completes this after a crash between them.
	if err := os.Rename(live, filepath.Join(dir, previousName)); err != nil {
		return err
	}
	if err := os.Rename(staging, live); err != nil {
		return err
	}
	return syncDir(dir)
}

var errNoExchange = errors.New("no atomic exchange of folders here")

func writeSynced(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
