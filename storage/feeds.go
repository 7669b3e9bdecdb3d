package storage

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// The feeds a user follows and their inbox live beside the casebook, under
// prefixes of their own: they are not casebook items, so the change log
// and the search index do not follow them.
const (
	prefixFeed  = "fd/" // feed id -> app.Feed
	prefixInbox = "fi/" // inbox item id -> app.InboxItem
	prefixSeen  = "fs/" // GUID, address or text hash of an item fetched -> feed id
)

// updateRaw runs a synced write of what is not a casebook item (a
// setting, the feeds), under the store's write lock, with no change log.
func (s *Store) updateRaw(fn func(*badger.Txn) error) error {
	s.write.Lock()
	defer s.write.Unlock()
	if err := s.CheckRoom(0); err != nil {
		return err
	}
	defer func() { _ = s.allocateMapped() }()
	s.swap.RLock()
	defer s.swap.RUnlock()
	err := s.db.Update(fn)
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("%w: %v", app.ErrTooBig, err)
	}
	return err
}

func putJSON(txn *badger.Txn, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return txn.Set([]byte(key), b)
}

func (s *Store) Feeds() ([]app.Feed, error) {
	return view(s, func(r reader) ([]app.Feed, error) { return all[app.Feed](r, prefixFeed) })
}

func (s *Store) Feed(id string) (app.Feed, error) {
	return view(s, func(r reader) (app.Feed, error) { return get[app.Feed](r, prefixFeed+id, "feed") })
}

func (s *Store) PutFeed(f app.Feed) error {
	if !app.ValidID(f.ID) {
		return fmt.Errorf("%w: feed id %q", app.ErrInvalid, f.ID)
	}
	return s.updateRaw(func(txn *badger.Txn) error { return putJSON(txn, prefixFeed+f.ID, f) })
}

func (s *Store) DeleteFeed(id string) error { return s.deleteRaw(prefixFeed, id, "feed") }

// deleteRaw deletes the value under prefix+id, or says that there is none.
func (s *Store) deleteRaw(prefix, id, what string) error {
	return s.updateRaw(func(txn *badger.Txn) error {
		if _, err := txn.Get([]byte(prefix + id)); errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("%s %q: %w", what, id, app.ErrNotFound)
		} else if err != nil {
			return err
		}
		return txn.Delete([]byte(prefix + id))
	})
}

func (s *Store) Inbox() ([]app.InboxItem, error) {
	return view(s, func(r reader) ([]app.InboxItem, error) { return all[app.InboxItem](r, prefixInbox) })
}

func (s *Store) InboxItem(id string) (app.InboxItem, error) {
	return view(s, func(r reader) (app.InboxItem, error) { return get[app.InboxItem](r, prefixInbox+id, "inbox item") })
}

func (s *Store) FileFetch(f app.Feed, items []app.InboxItem, seen []string) error {
	return s.updateRaw(func(txn *badger.Txn) error {
		// A feed removed while it was being fetched stays removed.
		if _, err := txn.Get([]byte(prefixFeed + f.ID)); errors.Is(err, badger.ErrKeyNotFound) {
			return fmt.Errorf("feed %q: %w", f.ID, app.ErrNotFound)
		} else if err != nil {
			return err
		}
		if err := putJSON(txn, prefixFeed+f.ID, f); err != nil {
			return err
		}
		for _, it := range items {
			if !app.ValidID(it.ID) {
				return fmt.Errorf("%w: inbox item id %q", app.ErrInvalid, it.ID)
			}
			if err := putJSON(txn, prefixInbox+it.ID, it); err != nil {
				return err
			}
		}
		for _, k := range seen {
			if err := txn.Set([]byte(prefixSeen+k), []byte(f.ID)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) Seen(keys []string) (map[string]bool, error) {
	return view(s, func(r reader) (map[string]bool, error) {
		out := map[string]bool{}
		for _, k := range keys {
			_, err := r.txn.Get([]byte(prefixSeen + k))
			switch {
			case err == nil:
				out[k] = true
			case !errors.Is(err, badger.ErrKeyNotFound):
				return nil, err
			}
		}
		return out, nil
	})
}

func (s *Store) DropInboxItem(id string) error { return s.deleteRaw(prefixInbox, id, "inbox item") }

// InboxSize counts the inbox by its keys, without reading the articles.
func (s *Store) InboxSize() (int, error) {
	return view(s, func(r reader) (int, error) {
		it := r.txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixInbox)})
		defer it.Close()
		n := 0
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return n, nil
	})
}

// copyFeeds carries the feeds, their inbox and what they have seen into a
// casebook that replaces this one: a restore brings back the casebook of
// a backup, not the feeds the user follows today.
func (s *Store) copyFeeds(fresh *Store) error {
	return s.db.View(func(txn *badger.Txn) error {
		wb := fresh.db.NewWriteBatch()
		defer wb.Cancel()
		for _, prefix := range []string{prefixFeed, prefixInbox, prefixSeen} {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefix), PrefetchValues: true})
			for it.Rewind(); it.Valid(); it.Next() {
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					it.Close()
					return err
				}
				if err := wb.Set(it.Item().KeyCopy(nil), v); err != nil {
					it.Close()
					return err
				}
			}
			it.Close()
		}
		return wb.Flush()
	})
}
