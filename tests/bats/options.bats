#!/usr/bin/env bats
# Options: usage errors exit 2 with a message and the usage on stderr and
# nothing on stdout; -h and -V answer on stdout; --dump-progs prints the
# generated programs; what follows the options is a command to run, and
# one that cannot be run exits 127 (126) as a shell would.

load helpers

bats_require_minimum_version 1.5.0

setup_file() {
	print_environment
}

# usage_error ARGS...: exit 2, "aitrace-min: " message then the usage on
# stderr, nothing on stdout
usage_error() {
	local d status=0
	d=$(tmpdir)
	timeout -s KILL 20 "$TRACER" "$@" >"$d/out" 2>"$d/err" </dev/null 3>&- || status=$?
	[ "$status" = 2 ] || fail "aitrace-min $*: exit $status, want 2; stderr:" "$(cat "$d/err")"
	[ ! -s "$d/out" ] || fail "aitrace-min $*: stdout not empty:" "$(head -3 "$d/out")"
	head -1 "$d/err" | grep -q '^aitrace-min: .' ||
		fail "aitrace-min $*: first stderr line is not a prefixed message:" "$(head -1 "$d/err")"
	grep -q '^usage: aitrace-min ' "$d/err" ||
		fail "aitrace-min $*: no usage on stderr:" "$(cat "$d/err")"
}

@test "bad options exit 2 with a prefixed message and the usage on stderr, nothing on stdout" {
	requires built
	usage_error --no-such-option
	usage_error -x
	usage_error -b 3
	usage_error -b 0
	usage_error -b
	usage_error -s -1
	usage_error -s 4097
	usage_error -e ''
	# the options of issue 4
	usage_error -p
	usage_error -p 0
	usage_error -p 12,x
	usage_error -p ''
	usage_error -c ''
	usage_error -c 0123456789abcdef
	usage_error -c 1 -c 2 -c 3 -c 4 -c 5 -c 6 -c 7 -c 8 -c 9
	usage_error -i 1
	usage_error -S -i 0
	usage_error --per-process
	usage_error --follow=1
	usage_error -p 1 -- true
	usage_error -c sh true
}

# usage_error_says WANT ARGS...: a usage error whose message is WANT
usage_error_says() {
	local want=$1 d
	shift
	usage_error "$@"
	d=$(tmpdir)
	[ "$(head -1 "$d/err")" = "aitrace-min: $want" ] ||
		fail "aitrace-min $*: said '$(head -1 "$d/err")', want 'aitrace-min: $want'"
}

@test "usage errors of -p, -c, -i, --per-process, the --max- sizes and a COMMAND say what was wrong" {
	requires built
	usage_error_says '-p wants process ids separated by commas, not "12,x"' -p 12,x
	usage_error_says '-c wants a process name of 1 to 15 bytes, at most 8 times' -c 0123456789abcdef
	usage_error_says '-i goes with -S' -i 5
	usage_error_says '--per-process goes with -S' --per-process
	usage_error_says '-i wants seconds from 1 to 86400, not "0"' -S -i 0
	usage_error_says 'a COMMAND is traced alone: not with -p or -c' -p 1 -- true
	usage_error_says '-p needs an argument' -p
	usage_error_says '--follow takes no argument' --follow=1
	usage_error_says '--max-procs goes with -p, -c or a COMMAND' --max-procs 10
	usage_error_says '--max-rows goes with -S' --max-rows 10
	usage_error_says '--max-inflight wants a number from 1 to 4194304, not "0"' --max-inflight 0
	usage_error_says '--max-procs wants a number from 1 to 4194304, not "4194305"' --max-procs=4194305 -- true
	# an unknown class names the classes there are
	usage_error -e %nosuch
	grep -q '^aitrace-min: -e: unknown class %nosuch (classes: %file %memory %process %net %ipc %ai)$' "$(tmpdir)/err" ||
		fail "-e %nosuch: $(head -1 "$(tmpdir)/err")"
}

@test "-p with a process that does not exist exits 1 naming it, before anything is attached" {
	requires built root tracefs bpf
	d=$(tmpdir)
	# a pid that was just in use and is gone now
	sh -c 'exit 0' &
	gone=$!
	wait "$gone"
	run --separate-stderr timeout -s KILL 30 "$TRACER" -p "$gone" -o "$d/log"
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ "$stderr" = "aitrace-min: cannot trace process $gone: no such process" ] ||
		fail "stderr: $stderr"
	! grep -q '^# tracing:' "$d/log" 2>/dev/null || fail "it traced"
}

@test "-p with more processes than --max-procs holds exits 1 naming the first left out, before anything is attached" {
	requires built root tracefs bpf
	d=$(tmpdir)
	run --separate-stderr timeout -s KILL 30 "$TRACER" --max-procs 2 -p "$$,$PPID,1" -o "$d/log"
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ "$stderr" = "aitrace-min: cannot trace process 1: the scope map is full (--max-procs 2)" ] ||
		fail "stderr: $stderr"
	! grep -q '^# tracing:' "$d/log" 2>/dev/null || fail "it traced"
}

@test "a COMMAND that is not found: 'cannot run stray: No such file or directory', exit 127 as a shell's" {
	requires built root tracefs bpf
	d=$(tmpdir)
	# (the log never on stdout: a COMMAND may not write into it)
	for args in "-o $d/log0 stray" "-o $d/log1 -e openat stray" "-o $d/log -- stray --with args"; do
		# shellcheck disable=SC2086
		run -127 --separate-stderr timeout -s KILL 60 "$TRACER" $args
		[ "$status" = 127 ] || fail "aitrace-min $args: exit $status, want 127; stderr: $stderr"
		grep -qx 'aitrace-min: cannot run stray: No such file or directory' <<<"$stderr" ||
			fail "aitrace-min $args: stderr: $stderr"
		# no usage text: this is no usage error
		! grep -q '^usage:' <<<"$stderr" || fail "aitrace-min $args printed the usage"
	done
	# the log says why it stopped
	grep -q '^# stopped (command exited) ' "$d/log" || fail "log: $(tail -1 "$d/log")"
}

@test "a COMMAND that is no executable exits 126, as a shell's" {
	requires built root tracefs bpf
	d=$(tmpdir)
	printf 'not a program\n' >"$d/data"
	chmod 0644 "$d/data"
	run --separate-stderr timeout -s KILL 60 "$TRACER" -o "$d/log" -- "$d/data"
	[ "$status" = 126 ] || fail "exit $status, want 126; stderr: $stderr"
	grep -qx "aitrace-min: cannot run $d/data: Permission denied" <<<"$stderr" || fail "stderr: $stderr"
}

@test "-e with an unknown syscall name is a usage error: exit 2, message and usage on stderr" {
	requires built
	usage_error -e nosuchcall
	usage_error -e openat,nosuchcall
	# found before the log is opened: no file is created
	d=$(tmpdir)
	usage_error -e nosuchcall -o "$d/log"
	[ ! -e "$d/log" ] || fail "-o file created for a usage error"
}

@test "-h and --help print the usage on stdout and exit 0" {
	requires built
	for opt in -h --help; do
		run --separate-stderr timeout -s KILL 20 "$TRACER" "$opt"
		[ "$status" = 0 ] || fail "$opt: exit $status"
		[[ "${lines[0]}" == "usage: aitrace-min "* ]] || fail "$opt: $output"
		[ -z "$stderr" ] || fail "$opt: stderr: $stderr"
		# every option of the parser is explained
		for o in -o -j -e -p -c -f -S -i --per-process -b -s -v --dump-progs -h -V; do
			grep -q -- " ${o}[ ,]" <<<"$output" || fail "$opt: $o not in the usage"
		done
	done
}

@test "-V prints the version on stdout and exits 0" {
	requires built
	run --separate-stderr timeout -s KILL 20 "$TRACER" -V
	[ "$status" = 0 ] || fail "exit $status"
	[[ "$output" =~ ^aitrace-min\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "-V: $output"
	[ -z "$stderr" ] || fail "stderr: $stderr"
}

@test "--dump-progs prints every generated program, numbered, and exits 0" {
	requires built root tracefs bpf
	run --separate-stderr timeout -s KILL 30 "$TRACER" --dump-progs -e openat,exit_group
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	[ -z "$stderr" ] || fail "stderr: $stderr"
	grep -qx '0: (bf) r6 = r1' <<<"$output" || fail "no '0: (bf) r6 = r1' line"
	# one program per tracepoint: exit_group has no exit; openat makes
	# fds, so the end of a process is watched (its pid may be reused)
	progs=$(grep -o '^; program [a-z_]*' <<<"$output" | cut -d' ' -f3 | paste -sd' ')
	[ "$progs" = "sys_enter_openat sys_exit_openat sys_enter_exit_group sched_process_exit" ] ||
		fail "programs: $progs"
	# a set that touches no fd needs no end-of-process record
	run --separate-stderr timeout -s KILL 30 "$TRACER" --dump-progs -e getppid
	progs=$(grep -o '^; program [a-z_]*' <<<"$output" | cut -d' ' -f3 | paste -sd' ')
	[ "$progs" = "sys_enter_getppid sys_exit_getppid" ] || fail "-e getppid: programs: $progs"
	# nothing but comments, numbered instructions and blank lines
	bad=$(grep -Ev '^(; .*|[0-9]+: \([0-9a-f]{2}\) .+|)$' <<<"$output" | head -3)
	[ -z "$bad" ] || fail "unexpected lines:" "$bad"
	# instructions numbered from 0 in each program (a two-slot load skips one)
	awk '/^; program/ { next_n = 0; next }
		/^[0-9]+:/ { n = $1 + 0; if (n != next_n && n != next_n + 1) { print "gap at " $0; bad = 1 } next_n = n + 1 }
		END { exit bad }' <<<"$output" || fail "instruction numbers out of sequence"
}

@test "build/aitrace-min is one static binary: no interpreter, no shared libraries" {
	requires built cmd=readelf
	run readelf -lW "$TRACER"
	[ "$status" = 0 ] || fail "readelf: $output"
	! grep -q 'INTERP' <<<"$output" || fail "it asks for a dynamic loader: $(grep -A1 INTERP <<<"$output")"
	run readelf -dW "$TRACER"
	! grep -q '(NEEDED)' <<<"$output" || fail "it needs shared libraries: $(grep NEEDED <<<"$output")"
}

@test "--dump-progs -o FILE writes the programs to FILE, nothing to stdout" {
	requires built root tracefs bpf
	d=$(tmpdir)
	run --separate-stderr timeout -s KILL 30 "$TRACER" --dump-progs -e openat -o "$d/progs"
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	[ -z "$output" ] || fail "stdout not empty: ${lines[0]}"
	progs=$(grep -o '^; program [a-z_]*' "$d/progs" | cut -d' ' -f3 | paste -sd' ')
	[ "$progs" = "sys_enter_openat sys_exit_openat sched_process_exit" ] || fail "programs in $d/progs: $progs"
}

@test "--check: one OK line per prerequisite, a child's call traced end to end, exit 0" {
	requires built root tracefs bpf
	run --separate-stderr timeout -s KILL 60 "$TRACER" --check
	[ "$status" = 0 ] || fail "exit $status; stdout: $output; stderr: $stderr"
	for what in privileges tracefs "syscall tracepoints" "BPF program load" \
		"helper: user strings" "BPF maps" "perf buffers" verifier attach \
		"end to end" verdict; do
		grep -q "^OK   $what " <<<"$output" || fail "no OK line for $what:" "$output"
	done
	! grep -q '^FAIL' <<<"$output" || fail "a FAIL line: $output"
	[ "$(tail -1 <<<"$output")" = "OK   verdict                      tracing works here" ] ||
		fail "last line: $(tail -1 <<<"$output")"
}
