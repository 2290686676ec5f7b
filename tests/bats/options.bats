#!/usr/bin/env bats
# Options: usage errors exit 2 with a message and the usage on stderr and
# nothing on stdout; -h and -V answer on stdout; --dump-progs prints the
# generated programs.

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
	usage_error stray
	usage_error -e openat stray
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
		for o in -o -e -b -s -v --dump-progs -h -V; do
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
	# one program per tracepoint: exit_group has no exit
	progs=$(grep -o '^; program [a-z_]*' <<<"$output" | cut -d' ' -f3 | paste -sd' ')
	[ "$progs" = "sys_enter_openat sys_exit_openat sys_enter_exit_group" ] || fail "programs: $progs"
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
	[ "$progs" = "sys_enter_openat sys_exit_openat" ] || fail "programs in $d/progs: $progs"
}
