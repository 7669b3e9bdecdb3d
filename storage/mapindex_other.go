//go:build !linux

package storage

import (
	"errors"
	"os"
)

// mapIndexFile reads the saved index's file whole: mapping it, as on
// Linux, would keep it open, and Windows could then neither replace nor
// delete it. A missing file, or one of another length than size, returns
// nil and no error.
func mapIndexFile(path string, size uint64) ([]byte, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || err == nil && uint64(len(data)) != size {
		return nil, nil
	}
	return data, err
}

// ReleaseIndexPages does nothing where the index is read, not mapped.
func (s *Store) ReleaseIndexPages([]byte) error { return nil }
