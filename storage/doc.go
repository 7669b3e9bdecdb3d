// Package storage keeps a Parley casebook in an embedded Badger database. It
// implements the store interfaces that package app declares; nothing else in
// Parley imports Badger.
package storage
