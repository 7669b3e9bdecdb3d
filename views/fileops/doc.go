// Package fileops is the File menu's work on whole files: exporting the
// casebook or what the filter shows, backing up and restoring, and
// importing a REFI-QDA project, each in the background with progress and a
// clear message when it fails.
package fileops
