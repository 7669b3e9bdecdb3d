// Package exchange moves a casebook in and out of Parley: exports for other
// tools (a Markdown brief, CSV, W3C Web Annotations, a REFI-QDA project,
// PLOVER event records), the import of a REFI-QDA project, and backups.
// Files are written under a temporary name and renamed when complete, so a
// failed export never leaves half a file under the name the user chose.
package exchange
