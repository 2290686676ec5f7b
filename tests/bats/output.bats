#!/usr/bin/env bats
# The log's way out: a private file, a full disk, a reader that goes away.

load helpers

bats_require_minimum_version 1.5.0

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

@test "-o through a symlink another user planted in a sticky directory is refused; one of root's is followed" {
	d=$(tmpdir)/sticky
	mkdir -p "$d"
	chmod 1777 "$d"
	echo keep >"$d/target"
	ln -s "$d/target" "$d/planted"
	chown -h 65534 "$d/planted"
	run --separate-stderr timeout -s KILL 30 "$TRACER" -o "$d/planted" -e getppid
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ "$stderr" = "aitrace-min: cannot open log $d/planted: a symlink of uid 65534, not followed
aitrace-min: hint: name the file it points to" ] || fail "stderr: $stderr"
	[ "$(cat "$d/target")" = keep ] || fail "the target was written: $(head -2 "$d/target")"
	# root's own symlink (as /dev/stdout is) is followed
	ln -s "$d/target" "$d/mine"
	st=0
	timeout -s INT 2 "$TRACER" -o "$d/mine" -e getppid 2>"$d/err" </dev/null 3>&- || st=$?
	[ "$st" = 124 ] || fail "tracer exited $st: $(cat "$d/err")"
	grep -q '^# stopped (SIGINT)' "$d/target" || fail "the log did not reach the target: $(head -2 "$d/target")"
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

@test "a COMMAND is not allowed to write into the log: a log on its stdout (file or pipe) or its stderr is refused, exit 2, before it runs" {
	d=$(tmpdir)
	# the command would print a line that reads like the tracer's
	forge=(sh -c 'echo "1.0 sshd 1/1 execve(\"/bin/true\") = 0 <0.0>"; touch "$0/ran"' "$d")
	for how in stdout pipe same-file stderr; do
		rm -f "$d/ran" "$d/log"
		st=0
		case $how in
		stdout) timeout -s KILL 30 "$TRACER" -e getppid -- "${forge[@]}" >"$d/log" 2>"$d/err" || st=$? ;;
		pipe)
			timeout -s KILL 30 "$TRACER" -e getppid -- "${forge[@]}" 2>"$d/err" | cat >"$d/log"
			st=${PIPESTATUS[0]}
			;;
		same-file) timeout -s KILL 30 "$TRACER" -e getppid -o "$d/log" -- "${forge[@]}" >>"$d/log" 2>"$d/err" || st=$? ;;
		stderr) timeout -s KILL 30 "$TRACER" -e getppid -o "$d/log" -- "${forge[@]}" 2>>"$d/log" >/dev/null || st=$? ;;
		esac
		[ "$st" = 2 ] || fail "$how: exit $st, want 2"
		[ ! -e "$d/ran" ] || fail "$how: the command ran"
		if [ "$how" != stderr ]; then
			[ "$(cat "$d/err")" = "aitrace-min: the command's output would go into the log, where it could forge lines
aitrace-min: hint: write the log elsewhere: -o FILE, or redirect the command's output" ] || fail "$how: stderr: $(cat "$d/err")"
		fi
		! grep -q sshd "$d/log" || fail "$how: the forged line is in the log"
	done
	# the log elsewhere: it runs
	timeout -s KILL 60 "$TRACER" -e getppid -o "$d/log" -- "${forge[@]}" >"$d/cmd.out" 2>"$d/err" ||
		fail "with -o: $(cat "$d/err")"
	[ -e "$d/ran" ] || fail "with -o the command did not run"
	grep -q sshd "$d/cmd.out" || fail "the command's output is lost"
	! grep -q sshd "$d/log" || fail "the command's line is in the log"
}
