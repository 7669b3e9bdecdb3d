// Package importer turns a read article into statements of the casebook: it
// finds the quotations (app/extract), matches their speakers to the actors
// the casebook knows by name and alias or proposes new ones, notes the
// places each statement mentions, and files everything in one transaction
// once the user (or the command line) has accepted the proposal.
package importer
