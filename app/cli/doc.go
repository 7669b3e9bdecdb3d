// Package cli is Parley's command line: the subcommands that script a
// casebook without the window. It parses each command's flags, runs the use
// case on the store main opens for it, and prints JSON where a program reads
// the output. Every failure is one line on stderr and a non-zero exit.
package cli
