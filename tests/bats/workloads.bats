#!/usr/bin/env bats
# Workloads that say what the log must contain: each makes known syscalls
# and prints the exact lines the tracer must log for them; the region
# between its markers must hold those lines, per thread in order, and
# nothing else.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

@test "basic: every call of the default set a process can make harmlessly is logged exactly as expected" {
	# among them clone, clone3, fork and vfork, whose return values are the
	# pids of children whose exit_group lines must be there too, and a
	# child's successful execve
	check_workload "" basic
}

@test "hostile: hostile paths and comm are escaped, the log stays one printable line per event" {
	check_workload "" hostile
	d=$(tmpdir)
	# every line of the region carries the comm set with PR_SET_NAME
	comm=$(sed -n 's/^# comm //p' "$WL_OUT")
	[ -n "$comm" ] || fail "hostile printed no comm"
	PID=$WL_PID COMM=$comm awk '
		BEGIN { pid = ENVIRON["PID"]; comm = ENVIRON["COMM"] }
		$3 ~ "^" pid "/" && /aitrace-test\/begin\/hostile/ { inside = 1 }
		inside && $3 ~ "^" pid "/" && $2 != comm {
			bad++
			print "comm " $2 " in: " substr($0, 1, 200)
		}
		/aitrace-test\/end\/hostile/ { inside = 0; found = 1 }
		END { exit bad > 0 || !found }' "$TRACER_LOG" ||
		fail "lines without the comm $comm"
	# nothing but printable ASCII in the whole log: no ESC, no CR, no
	# bytes >= 0x80, no tab
	if LC_ALL=C grep -n '[^ -~]' "$TRACER_LOG" | head -5 | grep .; then
		fail "the log holds bytes other than printable ASCII"
	fi
	# the forged line inside a path did not become a line of its own
	! grep -q '^1795755666\.008688050 ' "$TRACER_LOG" || fail "a forged line made it into the log"
	# every line is an annotation or a syscall line of the documented shape
	if LC_ALL=C grep -Ev '^# |^[0-9]+\.[0-9]{9} [!-~]+ [0-9]+/[0-9]+ [a-z0-9_]+\(.*\) = .+$' "$TRACER_LOG" |
		head -5 | cut -c1-300 | grep .; then
		fail "malformed lines in the log"
	fi
}

@test "threads: each thread's calls appear in that thread's order, nothing missing or extra" {
	# the threads open /dev/null or /dev/zero, close them and open them
	# again at once: a path given to another thread's fd, or lost when a
	# close and an open of the same number race, shows as a wrong line
	check_workload "" threads 8 20
	d=$(tmpdir)
	n=$(cut -d' ' -f1 "$d/expected" | sort -u | wc -l)
	[ "$n" = 9 ] || fail "expected 9 threads' lines, got $n"
}

@test "-s 8 cuts every string to 8 characters plus ..." {
	EXPECT_STRSIZE=8 check_workload "-s 8" hostile
	d=$(tmpdir)
	grep -q '"/aitrace"\.\.\.' "$d/logged" || fail "no cut string logged"
	# a cut escape counts the bytes, not the characters written
	grep -qF '"\"\\\n\x1b\xff\x01\t\r"...' "$d/logged" || fail "escapes not cut at 8 bytes"
}

@test "a path running into an unmapped page shows its readable part when -s + 2 bytes fit before the fault, its address when not" {
	# the path is 16 readable bytes without a NUL; the tracer reads -s + 2
	EXPECT_STRSIZE=14 check_workload "-s 14 -e openat,execve" hostile
	grep -q ' openat(AT_FDCWD, "zzzzzzzzzzzzzz"\.\.\., O_RDONLY) = -1 EFAULT ' "$(tmpdir)/logged"
	EXPECT_STRSIZE=15 check_workload "-s 15 -e openat,execve" hostile
	grep -q ' openat(AT_FDCWD, 0x[0-9a-f]*ff0, O_RDONLY) = -1 EFAULT ' "$(tmpdir)/logged"
}

@test "-e openat logs openat lines only, and all of the workload's" {
	start_tracer -e openat
	run_workload basic
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	grep -qx '# tracing: openat' "$TRACER_LOG" || fail "header: $(sed -n 2p "$TRACER_LOG")"
	others=$(grep -v '^# ' "$TRACER_LOG" | awk '$4 !~ /^openat\(/' | head -5)
	[ -z "$others" ] || fail "lines other than openat:" "$others"
	d=$(tmpdir)
	expected_lines "$WL_OUT" "$TRACER_LOG" | grep -E '^[0-9]+ openat\(' >"$d/expected"
	extract "$TRACER_LOG" basic "$WL_PID" >"$d/logged"
	compare_lines "$d/expected" "$d/logged"
}
