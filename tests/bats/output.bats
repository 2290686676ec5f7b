#!/usr/bin/env bats
# The log's way out: a private file, a full disk, a reader that goes away.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

@test "-o FILE creates the log with mode 0600, whatever the umask" {
	for mask in 022 000; do
		umask "$mask" # this test's process only
		start_tracer -e openat
		stop_tracer
		[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
		mode=$(stat -c %a "$TRACER_LOG")
		[ "$mode" = 600 ] || fail "umask $mask: log created with mode $mode"
	done
}

@test "-o on an existing world-readable file truncates it and makes it 0600" {
	d=$(tmpdir)
	printf 'old secret contents\n' >"$d/log"
	chmod 0644 "$d/log"
	st=0
	timeout -s INT 2 "$TRACER" -o "$d/log" -e getppid 2>"$d/err" </dev/null 3>&- || st=$?
	# timeout says 124 when it had to send the signal; the tracer's own
	# status is in the stop line and the summary
	[ "$st" = 124 ] || fail "tracer exited $st:" "$(cat "$d/err")"
	grep -q '^# stopped (SIGINT)' "$d/log" || fail "no stop line in the log"
	mode=$(stat -c %a "$d/log")
	[ "$mode" = 600 ] || fail "existing log left with mode $mode"
	! grep -q 'old secret' "$d/log" || fail "old contents not truncated"
}

@test "a log on a full disk (> /dev/full): exit 3 and a clear cannot-write message" {
	d=$(tmpdir)
	status=0
	timeout -s KILL 60 "$TRACER" -e openat >/dev/full 2>"$d/err" </dev/null 3>&- || status=$?
	[ "$status" = 3 ] || fail "exit status $status, want 3; stderr:" "$(cat "$d/err")"
	grep -qx 'aitrace-min: cannot write the log: No space left on device' "$d/err" ||
		fail "no clear cannot-write message:" "$(cat "$d/err")"
	# every line on stderr carries the program's name
	! grep -v '^aitrace-min: ' "$d/err" || fail "stderr lines without the prefix"
}

@test "| head -1: the tracer ends quietly with exit 3 soon after the reader goes away" {
	d=$(tmpdir)
	{
		st=0
		timeout -s KILL 60 "$TRACER" 2>"$d/err" </dev/null 3>&- || st=$?
		echo "$st" >"$d/status"
	} | head -1 >"$d/first" &
	bg=$!
	track_pid "$bg"
	# the tracer notices at its next write; this loop's own commands are
	# traced, so there is something to write
	for ((i = 0; i < 200; i++)); do
		[ -s "$d/status" ] && break
		ls / >/dev/null
		sleep 0.1
	done
	wait "$bg"
	[ -s "$d/status" ] || fail "tracer still running 20 s after its reader went away"
	echo "# ended $((i / 10)).$((i % 10)) s after the start" >&3
	[ "$(cat "$d/status")" = 3 ] || fail "exit status $(cat "$d/status"), want 3"
	[ ! -s "$d/err" ] || fail "stderr not quiet:" "$(cat "$d/err")"
	grep -q '^# aitrace-min [0-9.]* pid [0-9]* on ' "$d/first" || fail "first line: $(cat "$d/first")"
}

@test "| head -1 with nothing more to log: the tracer still notices the reader is gone" {
	d=$(tmpdir)
	# getppid: nothing on this machine calls it, so after the header there
	# is never anything to write; the closed pipe must be seen all the same
	{
		st=0
		timeout -s KILL 60 "$TRACER" -e getppid 2>"$d/err" </dev/null 3>&- || st=$?
		echo "$st" >"$d/status"
	} | head -1 >"$d/first" &
	bg=$!
	track_pid "$bg"
	for ((i = 0; i < 100; i++)); do
		[ -s "$d/status" ] && break
		sleep 0.1
	done
	wait "$bg"
	[ -s "$d/status" ] || fail "tracer still running 10 s after its reader went away"
	[ "$(cat "$d/status")" = 3 ] || fail "exit status $(cat "$d/status"), want 3"
	[ ! -s "$d/err" ] || fail "stderr not quiet:" "$(cat "$d/err")"
}
