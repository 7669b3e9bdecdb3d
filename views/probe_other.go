//go:build !linux

package views

import "time"

// processStart is when the program's packages were initialised: without
// /proc, the nearest moment to the start of the process there is.
func processStart() time.Time { return initTime }
