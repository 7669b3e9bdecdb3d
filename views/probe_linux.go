package views

import (
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// processStart is when the process began. The kernel gives it in clock
// ticks (10 ms) since boot; the boot clock read now turns that into a time.
// (The boot time in /proc/stat is whole seconds, which put every figure off
// by the same fraction of a second, on one machine 37 ms.)
func processStart() time.Time {
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return initTime
	}
	// Field 22, counted after the command name, which may hold spaces.
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 20 {
		return initTime
	}
	ticks, err := strconv.ParseInt(fields[19], 10, 64)
	if err != nil {
		return initTime
	}
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts) != nil {
		return initTime
	}
	now := time.Now()
	const tick = time.Second / 100 // USER_HZ, the same on every Linux architecture Go runs on
	sinceTick := time.Duration(ts.Nano()) - time.Duration(ticks)*tick
	// The process began before this package was initialised, and not
	// long before: a figure outside that is not this process's.
	if sinceTick < 0 || sinceTick > now.Sub(initTime)+time.Minute {
		return initTime
	}
	// The start lies somewhere in its tick: the middle, unless that is
	// later than this package's initialisation, which came after it.
	start := now.Add(-sinceTick)
	if mid := start.Add(tick / 2); mid.Before(initTime) {
		start = mid
	}
	if start.After(initTime) {
		return initTime
	}
	return start
}
