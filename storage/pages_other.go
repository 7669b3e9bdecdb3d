//go:build !linux

package storage

// ReleaseReadPages does nothing here: the figures it serves are measured on
// Linux, and other systems count mapped files their own way.
func (s *Store) ReleaseReadPages() error { return nil }
