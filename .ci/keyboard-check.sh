#!/usr/bin/env bash
# The keyboard in the real window, with xdotool only: from each of the first
# 30 places Tab reaches, Ctrl+I opens the Import window and Esc closes it;
# then the Import window opens and closes ten times in a row; then the
# sources window opens with Ctrl+3, finds with Ctrl+F and closes with Esc.
# Usage: .ci/keyboard-check.sh [BINARY]
set -euo pipefail
bin=$(realpath "${1:-./parley}")
if [ "$(uname -s)" != Linux ]; then
	echo "keyboard check: skipped (needs Linux and Xvfb)"
	exit 0
fi
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export bin data
xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
	set -u
	# With no window manager under Xvfb, windowactivate may not move the
	# keyboard focus; windowfocus sets it on the window itself.
	focus() { xdotool windowactivate --sync "$1" 2>/dev/null || true; xdotool windowfocus --sync "$1" 2>/dev/null || true; }
	XDG_CONFIG_HOME="$data/config" "$bin" --data "$data/cb" >"$data/log" 2>&1 &
	pid=$!
	main=""
	for _ in $(seq 1 120); do
		main=$(xdotool search --name "^Parley$" 2>/dev/null | head -n1 || true)
		[ -n "$main" ] && break
		sleep 0.5
	done
	[ -n "$main" ] || { echo "keyboard check: no window"; cat "$data/log"; exit 1; }
	sleep 3
	focus "$main"
	import_open() { xdotool search --name "^Parley: import articles$" 2>/dev/null | head -n1 || true; }
	wait_for() { # want: open or closed
		for _ in $(seq 1 40); do
			w=$(import_open)
			if [ "$1" = open ] && [ -n "$w" ]; then return 0; fi
			if [ "$1" = closed ] && [ -z "$w" ]; then return 0; fi
			sleep 0.1
		done
		return 1
	}
	fail=0
	for i in $(seq 1 30); do
		focus "$main"
		for _ in $(seq 1 "$i"); do xdotool key --clearmodifiers Tab; done
		sleep 0.2
		xdotool key --clearmodifiers ctrl+i
		if ! wait_for open; then echo "keyboard check: Tab x$i, Ctrl+I did not open the Import window"; fail=1; continue; fi
		w=$(import_open)
		focus "$w"
		sleep 0.2
		xdotool key --clearmodifiers Escape
		if ! wait_for closed; then echo "keyboard check: Tab x$i, Esc did not close the Import window"; fail=1; xdotool windowclose "$w" 2>/dev/null || true; fi
		# Leave the main window as it was: Esc there steps back.
		focus "$main"
		xdotool key --clearmodifiers Escape Escape
	done
	for i in $(seq 1 10); do
		focus "$main"
		xdotool key --clearmodifiers ctrl+i
		wait_for open || { echo "keyboard check: round $i, the Import window did not open"; fail=1; break; }
		w=$(import_open)
		focus "$w"
		sleep 0.2
		xdotool key --clearmodifiers Escape
		wait_for closed || { echo "keyboard check: round $i, the Import window did not close"; fail=1; break; }
	done
	# The sources window: Ctrl+3 opens it; Ctrl+F puts the keyboard in its
	# find box; Esc clears the find, and a second Esc closes the window.
	sources_open() { xdotool search --name "^Parley: (sources|US points)" 2>/dev/null | head -n1 || true; }
	for i in 1 2 3; do
		focus "$main"
		xdotool key --clearmodifiers ctrl+3
		s=""
		for _ in $(seq 1 40); do s=$(sources_open); [ -n "$s" ] && break; sleep 0.1; done
		[ -n "$s" ] || { echo "keyboard check: round $i, Ctrl+3 did not open the sources window"; fail=1; break; }
		focus "$s"
		sleep 0.5
		xdotool key --clearmodifiers ctrl+f
		xdotool type --delay 20 "progress"
		sleep 0.2
		xdotool key --clearmodifiers Escape
		sleep 0.2
		[ -n "$(sources_open)" ] || { echo "keyboard check: round $i, the first Esc closed the sources window instead of clearing the find"; fail=1; break; }
		xdotool key --clearmodifiers Escape
		for _ in $(seq 1 40); do [ -z "$(sources_open)" ] && break; sleep 0.1; done
		[ -z "$(sources_open)" ] || { echo "keyboard check: round $i, Esc did not close the sources window"; fail=1; xdotool windowclose "$s" 2>/dev/null || true; break; }
	done
	kill -0 $pid 2>/dev/null || { echo "keyboard check: Parley is gone"; cat "$data/log"; exit 1; }
	kill $pid
	wait $pid 2>/dev/null || true
	exit $fail
'
echo "keyboard check: ok (30 Tab positions: Ctrl+I opened and Esc closed the Import window each time; opened and closed 10 times; the sources window opened with Ctrl+3, found with Ctrl+F, cleared and closed with Esc 3 times)"
