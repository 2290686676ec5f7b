#!/usr/bin/env bats
# The calls the default set holds for forensics beyond the seed's (files
# made, moved and deleted, fds duplicated, directories entered, memory made
# read-only and pinned, sockets bound, sent to, received from), traced with
# no -e, each line as strace would print it. The lines are written here,
# not taken from the tracer's tables.

load helpers
bats_require_minimum_version 1.5.0

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
	FILEOPS=$WORKLOADS/fileops
	[ -x "$FILEOPS" ] || fail "no $FILEOPS: run make workloads"
}

# has LINE: the log holds a line of the workload whose call reads LINE
# exactly (after "TIME COMM PID/TID ", before " <LATENCY>")
has() {
	sed -n 's/^[0-9.]* fileops [0-9]*\/[0-9]* \(.*\) <[0-9.]*>$/\1/p' "$LOG" |
		grep -qxF -- "$1" || fail "no line '$1' in the log:" "$(grep fileops "$LOG")"
}

# trace fileops in a fresh directory, with no fds but 0, 1, 2 (bats keeps
# 3 and 4 open): sets d, LOG, output, status, stderr
trace_fileops() {
	d=$(tmpdir)/w
	mkdir "$d"
	LOG=$(tmpdir)/log$1
	run --separate-stderr bash -c 'exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
		exec timeout -s KILL 60 "$@"' sh "$TRACER" $1 -o "$LOG" -- "$FILEOPS" "$d"
	[ "$status" = 0 ] || fail "exit $status: $stderr"
}

# like has, LINE an extended regular expression
has_re() {
	sed -n 's/^[0-9.]* fileops [0-9]*\/[0-9]* \(.*\) <[0-9.]*>$/\1/p' "$LOG" |
		grep -qxE -- "$1" || fail "no line matching '$1' in the log:" "$(grep fileops "$LOG")"
}

@test "the default set logs file, fd, directory, memory and socket changes with their arguments decoded" {
	trace_fileops ""
	port=$(sed -n 's/^port //p' <<<"$output")
	[ -n "$port" ] || fail "fileops printed no port: $output"

	has "openat2(AT_FDCWD, \"$d/f\", {flags=O_WRONLY|O_CREAT|O_CLOEXEC, mode=0600, resolve=RESOLVE_NO_MAGICLINKS}, 24) = 3<$d/f>"
	# dup3's new fd is named from the dup; so is a write on it
	has "dup3(3<$d/f>, 20, O_CLOEXEC) = 20<$d/f>"
	has_re "write\(20<$d/f>, 0x[0-9a-f]+, 1\) = 1"
	has "mkdirat(AT_FDCWD, \"$d/d\", 0755) = 0"
	has "openat(AT_FDCWD, \"$d/d\", O_RDONLY|O_DIRECTORY) = 3<$d/d>"
	has "chdir(\"$d\") = 0"
	has "fchdir(3<$d/d>) = 0"
	has "renameat2(AT_FDCWD, \"$d/f\", AT_FDCWD, \"$d/g\", RENAME_NOREPLACE) = 0"
	has "fchmodat(AT_FDCWD, \"$d/h\", 0640) = 0"
	has "unlinkat(AT_FDCWD, \"$d/d\", AT_REMOVEDIR) = 0"
	# named as /proc names it, from its own argument
	has "memfd_create(\"weights\", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 3</memfd:weights (deleted)>"
	has "close(3</memfd:weights (deleted)>) = 0"
	has_re "mprotect\((0x[0-9a-f]+), 4096, PROT_READ\) = 0"
	has_re "mlock\(0x[0-9a-f]+, 4096\) = 0"
	# the sockets come from socket(), not traced: numbers only, since the
	# process is gone before /proc can be asked
	has_re "bind\(3(<socket:\[[0-9]+\]>)?, \{sa_family=AF_INET, sin_port=htons\(0\), sin_addr=inet_addr\(\"127.0.0.1\"\)\}, 16\) = 0"
	has_re "sendto\(4(<socket:\[[0-9]+\]>)?, 0x[0-9a-f]+, 4, MSG_NOSIGNAL, \{sa_family=AF_INET, sin_port=htons\($port\), sin_addr=inet_addr\(\"127.0.0.1\"\)\}, 16\) = 4"
	has_re "recvfrom\(3(<socket:\[[0-9]+\]>)?, 0x[0-9a-f]+, 16, 0, 0x[0-9a-f]+, 0x[0-9a-f]+\) = 4"
	has_re "accept4\(5(<socket:\[[0-9]+\]>)?, NULL, NULL, SOCK_CLOEXEC\) = -1 EINVAL \(Invalid argument\)"
	if [ "$(uname -m)" = x86_64 ]; then
		has "dup2(3<$d/f>, 21) = 21<$d/f>"
		has "mkdir(\"$d/e\", 0700) = 0"
		has "rmdir(\"$d/e\") = 0"
		has "rename(\"$d/g\", \"$d/h\") = 0"
		has "unlink(\"$d/h\") = 0"
	else
		has "renameat(AT_FDCWD, \"$d/g\", AT_FDCWD, \"$d/h\") = 0"
		has "unlinkat(AT_FDCWD, \"$d/h\", 0) = 0"
	fi
	grep -q "^# stopped (command exited) at [0-9.]*: [0-9]* syscalls logged, 0 lost" "$LOG" ||
		fail "events lost:" "$(tail -1 "$LOG")"
}

@test "-j: openat2's how, the flag sets and the socket addresses are in the records' text and fields" {
	trace_fileops -j
	jq -e -s 'map(select(.type == "syscall" and .syscall == "openat2"))[0]
		| .args.how.text == "{flags=O_WRONLY|O_CREAT|O_CLOEXEC, mode=0600, resolve=RESOLVE_NO_MAGICLINKS}"
		  and .ret_path == "'"$d"'/f"' "$LOG" >/dev/null ||
		fail "openat2 record:" "$(grep '"openat2"' "$LOG")"
	jq -e -s 'map(select(.type == "syscall" and .syscall == "unlinkat" and .args.flag.raw != 0))[0]
		| .args.flag.text == "AT_REMOVEDIR"' "$LOG" >/dev/null ||
		fail "unlinkat record:" "$(grep '"unlinkat"' "$LOG")"
	jq -e -s 'map(select(.type == "syscall" and .syscall == "sendto"))[0]
		| .args.addr.family_name == "AF_INET" and .args.addr.addr == "127.0.0.1"
		  and .args.flags.text == "MSG_NOSIGNAL"' "$LOG" >/dev/null ||
		fail "sendto record:" "$(grep '"sendto"' "$LOG")"
}

@test "a memfd name cut at -s is not shown as if whole: the fd is named from /proc or not at all" {
	trace_fileops "-s 4"
	# /proc's answer, if the process was still there, is cut at -s too
	has_re 'memfd_create\("weig"\.\.\., MFD_CLOEXEC\|MFD_ALLOW_SEALING\) = 3(</mem\.\.\.>)?'
	if grep -qE 'memfd:weigh? \(deleted\)' "$LOG"; then
		fail "a cut name completed:" "$(grep memfd "$LOG")"
	fi
}
