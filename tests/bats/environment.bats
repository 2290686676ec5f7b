#!/usr/bin/env bats
# Bad environments: each ends with a one-line reason and a hint, or works
# where it should, and never hangs. Privileges are taken away with
# setpriv (the bounding set: root's capabilities after exec are what it
# allows), tracefs is taken away in a private mount namespace (unshare),
# and the log is put on read-only, tiny and unread media.

load helpers

bats_require_minimum_version 1.5.0

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built cmd=setpriv cmd=unshare
	[ -x "$WORKLOADS/storm" ] || fail "$WORKLOADS/storm is not built (make workloads)"
}

teardown() {
	teardown_processes
	local m
	for m in "${MOUNTS[@]}"; do
		umount "$m" 2>/dev/null
	done
	MOUNTS=()
}

MOUNTS=()
# tmpfs_at DIR OPTIONS: a tmpfs mounted for this test only
tmpfs_at() {
	mkdir -p "$1"
	mount -t tmpfs -o "$2" tmpfs "$1" || fail "cannot mount a tmpfs at $1"
	MOUNTS+=("$1")
}

# only_caps CAPS COMMAND...: COMMAND as root with no capability but CAPS
# (a setpriv --bounding-set list such as +bpf,+perfmon; "" for none)
only_caps() {
	local caps=$1
	shift
	setpriv --inh-caps=-all --bounding-set="-all${caps:+,$caps}" "$@"
}

# storm_getppids LOG OUT: the lines of storm's children in LOG, one each
storm_children_logged() {
	local kids c n=0
	read -r -a kids < <(sed -n 's/^# children //p' "$2")
	for c in "${kids[@]}"; do
		grep -q " $c/$c getppid() = [0-9]" "$1" && n=$((n + 1))
	done
	echo "$n"
}

@test "not root: exit 1, 'cannot read tracefs ...: Permission denied' and a hint, nothing on stdout" {
	run --separate-stderr timeout -s KILL 30 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$TRACER" -e getppid
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ -z "$output" ] || fail "stdout: $output"
	[ "$stderr" = "aitrace-min: cannot read tracefs at $TRACEFS: Permission denied
aitrace-min: hint: run as root" ] || fail "stderr: $stderr"
}

@test "root without CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN: exit 1, 'cannot load BPF programs' and the capabilities it needs" {
	run --separate-stderr timeout -s KILL 30 \
		setpriv --inh-caps=-all --bounding-set=-bpf,-perfmon,-sys_admin "$TRACER" -e getppid
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ -z "$output" ] || fail "stdout: $output"
	[ "$stderr" = "aitrace-min: cannot load BPF programs: Operation not permitted
aitrace-min: hint: run as root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)" ] ||
		fail "stderr: $stderr"
}

@test "CAP_BPF and CAP_PERFMON alone are enough (5.8+): a command's calls are all logged" {
	requires kernel=5.8
	d=$(tmpdir)
	run --separate-stderr only_caps +bpf,+perfmon timeout -s KILL 120 \
		"$TRACER" -e getppid -o "$d/log" -- "$WORKLOADS/storm" 5
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	printf '%s\n' "$output" >"$d/out"
	grep -qx '# failed 0' "$d/out" || fail "storm: $output"
	[ "$(storm_children_logged "$d/log" "$d/out")" = 5 ] ||
		fail "children's getppid lines: $(grep getppid "$d/log")"
}

@test "tracefs not mounted: the tracer mounts it, says so, and traces" {
	d=$(tmpdir)
	# shellcheck disable=SC2016 # expanded by the inner shell
	run --separate-stderr timeout -s KILL 120 unshare -m --propagation private sh -c '
		umount /sys/kernel/tracing 2>/dev/null; umount /sys/kernel/debug/tracing 2>/dev/null
		[ ! -e /sys/kernel/tracing/events ] || { echo "still mounted" >&2; exit 99; }
		exec "$@"' sh "$TRACER" -e getppid -o "$d/log" -- "$WORKLOADS/storm" 3
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	printf '%s\n' "$output" >"$d/out"
	[[ "$stderr" == *"aitrace-min: mounted tracefs at /sys/kernel/tracing"* ]] || fail "stderr: $stderr"
	[ "$(storm_children_logged "$d/log" "$d/out")" = 3 ] || fail "log: $(cat "$d/log")"
	# only the private namespace had it unmounted
	[ -d "$TRACEFS/events/syscalls" ] || fail "tracefs gone from this namespace"
}

@test "tracefs not mounted and mounting forbidden (no CAP_SYS_ADMIN): exit 1, the reason, and the mount command as a hint" {
	# shellcheck disable=SC2016 # expanded by the inner shell
	run --separate-stderr timeout -s KILL 30 unshare -m --propagation private sh -c '
		umount /sys/kernel/tracing 2>/dev/null; umount /sys/kernel/debug/tracing 2>/dev/null
		exec setpriv --inh-caps=-all --bounding-set=-all,+bpf,+perfmon "$@"' sh "$TRACER" -e getppid
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ "$stderr" = "aitrace-min: cannot mount tracefs at /sys/kernel/tracing: Operation not permitted
aitrace-min: hint: run as root, or mount it first: mount -t tracefs tracefs /sys/kernel/tracing" ] ||
		fail "stderr: $stderr"
}

@test "RLIMIT_MEMLOCK 0 that cannot be raised (no CAP_SYS_RESOURCE): kernels since 5.11 charge BPF memory elsewhere, so it traces" {
	requires kernel=5.11
	d=$(tmpdir)
	run --separate-stderr timeout -s KILL 120 prlimit --memlock=0:0 \
		setpriv --inh-caps=-all --bounding-set=-sys_resource \
		"$TRACER" -e getppid -o "$d/log" -- "$WORKLOADS/storm" 3
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	printf '%s\n' "$output" >"$d/out"
	[ "$(storm_children_logged "$d/log" "$d/out")" = 3 ] || fail "log: $(cat "$d/log")"
}

@test "-o on a read-only filesystem: exit 1 naming the file and the reason, before anything is attached" {
	d=$(tmpdir)
	tmpfs_at "$d/ro" ro
	run --separate-stderr timeout -s KILL 30 "$TRACER" -e getppid -o "$d/ro/log" -- "$WORKLOADS/storm" 1
	[ "$status" = 1 ] || fail "exit $status, want 1; stderr: $stderr"
	[ "$stderr" = "aitrace-min: cannot open log $d/ro/log: Read-only file system" ] || fail "stderr: $stderr"
	# the command never ran
	[ -z "$output" ] || fail "stdout: $output"
}

@test "-o on a filesystem that fills up while tracing: exit 3, 'No space left on device', the summary, and the command runs on" {
	d=$(tmpdir)
	tmpfs_at "$d/small" size=64k
	# under sh: flood checks getppid's value, which would change when
	# the tracer exits and flood is orphaned; sh waits for it
	run --separate-stderr timeout -s KILL 120 "$TRACER" -e getppid -o "$d/small/log" -- \
		sh -c '"$1" 100000' sh "$WORKLOADS/flood"
	[ "$status" = 3 ] || fail "exit $status, want 3; stderr: $stderr"
	[[ "$output" == *"getppid 100000"* ]] || fail "flood: $output"
	[[ "$stderr" == "aitrace-min: cannot write the log $d/small/log: No space left on device
aitrace-min: stopped (log write error) after "*" s: "*" syscalls logged, "*" lost, "*" unfinished" ]] ||
		fail "stderr: $stderr"
	# the log is what fitted
	[ "$(stat -c %s "$d/small/log")" = 65536 ] || fail "log: $(stat -c %s "$d/small/log") bytes"
}

@test "a log on a pipe whose reader is slow: back-pressure is counted loss, logged + lost == issued, no hang" {
	d=$(tmpdir)
	n=200000
	# the reader starts reading 3 s late: the pipe (64 KiB) fills at once
	# and the rings behind it overflow meanwhile
	# a FIFO the reader opens at once but reads from 3 s late (the log
	# cannot be the tracer's stdout: a command would inherit it)
	mkfifo "$d/fifo"
	{
		exec 4<"$d/fifo"
		sleep 3
		cat <&4 >"$d/log"
	} &
	track_pid $!
	run --separate-stderr timeout -s KILL 120 "$TRACER" -e getppid -b 4 -o "$d/fifo" -- "$WORKLOADS/flood" "$n"
	[ "$status" = 0 ] || fail "exit $status; stderr: $stderr"
	printf '%s\n' "$output" >"$d/out"
	wait_gone "$!" 100 || fail "the reader did not finish"
	grep -qx "getppid $n" "$d/out" || fail "flood: $(cat "$d/out")"
	read -r logged lost _ _ < <(stop_counts "$d/log")
	[ -n "$lost" ] || fail "no stop line: $(tail -2 "$d/log")"
	mine=$(grep -c "^[0-9.]* flood [0-9]*/[0-9]* getppid() = " "$d/log" || true)
	[ $((mine + lost)) = "$n" ] || fail "$mine lines + $lost lost != $n"
	echo "# slow reader: $mine logged, $lost lost of $n" >&3
}

# blocked PID: PID waits in ppoll (271 on x86_64, 73 on arm64) on one fd
blocked() {
	awk '($1 == 271 || $1 == 73) && $3 == "0x1" { ok = 1 } END { exit !ok }' "/proc/$1/syscall" 2>/dev/null
}

# stuck_reader SIGNALS...: a tracer whose log is a FIFO that a live
# process holds open and never reads; once its writes block, the SIGNALS
# are sent 0.5 s apart. Sets status, secs (from the first signal to the
# exit) and stderr.
stuck_reader() {
	local d t0 t1 sig
	d=$(tmpdir)
	mkfifo "$d/fifo"
	sleep 120 <"$d/fifo" &
	track_pid $!
	"$TRACER" -e getppid -o "$d/fifo" -- "$WORKLOADS/flood" 100000 >/dev/null 2>"$d/err" &
	TRACER_PID=$!
	# blocked: waiting for the log alone, a ppoll of 1 fd (its loop
	# waits on a ring per cpu and the log); /proc/PID/syscall holds the
	# call's number and arguments, nfds second
	for ((i = 0; i < 200; i++)); do
		blocked "$TRACER_PID" && break
		sleep 0.1
	done
	blocked "$TRACER_PID" || fail "the tracer never blocked: $(cat "/proc/$TRACER_PID/syscall")"
	t0=$(date +%s%N)
	for sig in "$@"; do
		kill -"$sig" "$TRACER_PID"
		sleep 0.5
	done
	wait_gone "$TRACER_PID" 300 || fail "the tracer still runs 30 s after the signal"
	t1=$(date +%s%N)
	status=0
	wait "$TRACER_PID" || status=$?
	TRACER_PID=
	secs=$(((t1 - t0) / 1000000000))
	stderr=$(cat "$d/err")
}

@test "a log on a pipe whose reader takes nothing: SIGINT ends the tracer 5 s later, exit 3 with the reason, not a hang" {
	stuck_reader INT
	[ "$status" = 3 ] || fail "exit $status, want 3; stderr: $stderr"
	[ "$secs" -ge 4 ] && [ "$secs" -le 10 ] || fail "took $secs s, want about 5"
	[[ "$stderr" == "aitrace-min: cannot write the log: its reader took nothing for 5 s after the stop signal
aitrace-min: stopped (log write error) after "* ]] || fail "stderr: $stderr"
}

@test "a log on a pipe whose reader takes nothing: a second stop signal ends the tracer at once" {
	stuck_reader INT TERM
	[ "$status" = 3 ] || fail "exit $status, want 3; stderr: $stderr"
	[ "$secs" -le 3 ] || fail "took $secs s after the first signal"
	[[ "$stderr" == "aitrace-min: cannot write the log: its reader takes nothing; gave up at the second stop signal
aitrace-min: stopped (log write error) after "* ]] || fail "stderr: $stderr"
}
