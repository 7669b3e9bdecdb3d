// Package storetest opens real casebooks for tests: the use cases and the
// window are tested against the store they run on, in a temporary folder,
// never against a fake.
package storetest
