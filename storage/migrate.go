package storage

import (
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"codeberg.org/parley/parley/app"
)

// migrateBatch is how many sources one transaction of a migration brings up
// to date.
const migrateBatch = 200

// migrate brings a casebook written by an older Parley to SchemaVersion.
//
// Schema 1 → 2: every source gets its lookup keys by loose text hash
// (computed from its stored text) and by address. The sources are done in
// batches, each its own transaction, and the schema key is written last:
// a migration a crash interrupted is done again, whole, at the next open,
// and doing it again changes nothing that was already done.
//
// Schema 2 → 3 writes nothing but the schema: a casebook without a saved
// search index gets one built the first time an index is asked for.
func (s *Store) migrate() error {
	if s.schema < 2 {
		sources, err := s.Sources()
		if err != nil {
			return err
		}
		for from := 0; from < len(sources); from += migrateBatch {
			batch := sources[from:min(from+migrateBatch, len(sources))]
			err := s.Update(func(tx app.Tx) error {
				for _, src := range batch {
					if src.HasText && src.LooseHash == "" {
						text, err := tx.SourceText(src.ID)
						if err != nil {
							return err
						}
						src.LooseHash = app.LooseTextHash(text)
					}
					if err := tx.PutSource(src, nil); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(keySchema), []byte(strconv.Itoa(SchemaVersion)))
	})
	if err == nil {
		s.schema = SchemaVersion
	}
	return err
}
