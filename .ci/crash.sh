#!/usr/bin/env bash
# Crash safety, end to end: CYCLES times (default 200), start writing notes
# and importing articles through the command line, searching (which loads
# the saved search index and catches up on the writes since) and saving the
# index anew, SIGKILL the writer at a random moment, then reopen the
# casebook and check that every write that was acknowledged (the command
# exited 0 and printed its result) is there, and that the search index
# agrees with the data. The store must open every time.
set -uo pipefail
bin=$(realpath "${1:-./parley}")
cycles=${CYCLES:-200}
dir=$(mktemp -d)
trap 'pkill -9 -f "$bin --data $dir/data" 2>/dev/null; rm -rf "$dir"' EXIT
data=$dir/data
"$bin" --data "$data" dump >/dev/null || { echo "crash test: cannot create the casebook"; exit 1; }
: >"$dir/notes.acked"
: >"$dir/sources.acked"

writer() { # cycle number
	local c=$1 k=0
	while :; do
		k=$((k + 1))
		if out=$("$bin" --data "$data" notes add --on statement:st-01 --tag crash "cycle $c note $k" 2>/dev/null); then
			echo "$out" | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p' >>"$dir/notes.acked"
		fi
		if [ $((k % 3)) -eq 0 ]; then
			f=$dir/article-$c-$k.txt
			printf 'Round %s.%s\n\n"We spoke for the %s time today," Ararat Mirzoyan said in cycle %s.\n' "$c" "$k" "$k" "$c" >"$f"
			if out=$("$bin" --data "$data" import --date 2024-01-01 "$f" 2>/dev/null); then
				echo "$out" | sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' >>"$dir/sources.acked"
			fi
		fi
		[ $((k % 4)) -eq 0 ] && "$bin" --data "$data" search --limit 1 cycle >/dev/null 2>&1
		[ $((k % 5)) -eq 0 ] && "$bin" --data "$data" index rebuild >/dev/null 2>&1
	done
}

# Each writer runs as a job in a process group of its own, so that one
# signal kills it with everything it started, even a parley forked but not
# yet running: killing the loop and then the parleys one by one let such a
# one start after the check and hold the casebook (seen on a busy machine).
set -m
for c in $(seq 1 "$cycles"); do
	writer "$c" &
	wpid=$!
	disown "$wpid" # no "Killed" notice from the shell
	sleep "0.$((RANDOM % 9 + 1))"
	# Kill the loop and the parley running now, mid-write, and wait until
	# they are gone.
	kill -9 -- "-$wpid" 2>/dev/null
	while pgrep -g "$wpid" >/dev/null; do sleep 0.01; done
	while pgrep -f "$bin --data $data" >/dev/null; do sleep 0.01; done
	if ! "$bin" --data "$data" notes list --json >"$dir/notes.json" 2>"$dir/err"; then
		echo "crash test: cycle $c: the casebook did not open: $(cat "$dir/err")"
		exit 1
	fi
	missing=0
	while read -r id; do
		[ -z "$id" ] && continue
		grep -q "\"$id\"" "$dir/notes.json" || { echo "crash test: cycle $c: acknowledged note $id is missing"; missing=1; }
	done <"$dir/notes.acked"
	"$bin" --data "$data" dump >"$dir/dump.json" 2>"$dir/err" || { echo "crash test: cycle $c: dump failed: $(cat "$dir/err")"; exit 1; }
	while read -r id; do
		[ -z "$id" ] && continue
		grep -q "\"$id\"" "$dir/dump.json" || { echo "crash test: cycle $c: acknowledged import $id is missing"; missing=1; }
	done <"$dir/sources.acked"
	[ "$missing" -eq 0 ] || exit 1
	"$bin" --data "$data" index check >"$dir/check" 2>&1 || { echo "crash test: cycle $c: the search index and the data disagree:"; cat "$dir/check"; exit 1; }
	rm -f "$dir"/article-*.txt
done
echo "crash test: $cycles cycles, $(wc -l <"$dir/notes.acked") acknowledged notes and $(sort -u "$dir/sources.acked" | wc -l) imports all present; the casebook opened and its search index agreed with it every time"
