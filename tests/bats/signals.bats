#!/usr/bin/env bats
# SIGINT, SIGTERM and SIGHUP each stop the tracer cleanly: exit 0, the
# summary on stderr, the stop line in the log, and nothing of its BPF
# programs, maps or perf events left in the kernel; a second tracer then
# starts and works.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

# The tracer's closing child, once the tracer is gone: the only
# aitrace-min process, its fds perf events only (or already none: it
# exits as the kernel closes them).
closer_holds_events_only() {
	local closer others
	closer=$(live_tracers)
	[ -n "$closer" ] || return 0 # done already
	[ "$(wc -w <<<"$closer")" = 1 ] || fail "more than one aitrace-min process:" "$(pgrep -ax aitrace-min)"
	others=$(find "/proc/$closer/fd" -mindepth 1 -printf '%l\n' 2>/dev/null |
		grep -vx 'anon_inode:\[perf_event\]' || true)
	[ -z "$others" ] || fail "the closing child $closer holds more than perf events:" "$others"
}

# stops_cleanly SIG
stops_cleanly() {
	local sig=$1 ids alive i
	start_tracer
	pid=$TRACER_PID
	ids=$(tracer_bpf_ids "$pid")
	[ "$(grep -c '^prog:' <<<"$ids")" -ge 2 ] || fail "no BPF programs in /proc/$pid/fdinfo: $ids"
	[ "$(grep -c '^map:' <<<"$ids")" -ge 1 ] || fail "no BPF maps in /proc/$pid/fdinfo: $ids"
	# while it runs, the kernel knows them
	# shellcheck disable=SC2086 # one word per object
	alive=$("$WORKLOADS/bpf_alive" $ids) || true
	[ "$alive" = "$ids" ] || fail "bpf_alive does not see the running tracer's objects: $alive"
	run_workload basic
	stop_tracer "$sig"

	[ "$TRACER_STATUS" = 0 ] || fail "exit status $TRACER_STATUS after SIG$sig; stderr: $TRACER_STDERR"
	[ ! -s "$TRACER_OUT" ] || fail "stdout not empty with -o: $(head -3 "$TRACER_OUT")"
	# stderr: the summary, and nothing else
	[[ "$TRACER_STDERR" =~ ^aitrace-min:\ stopped\ \(SIG$sig\)\ after\ [0-9]+\.[0-9]{3}\ s:\ ([0-9]+)\ syscalls\ logged,\ ([0-9]+)\ lost,\ ([0-9]+)\ unfinished$ ]] ||
		fail "stderr is not the summary alone:" "$TRACER_STDERR"
	# the log ends with the stop line, which agrees with the summary
	last=$(tail -1 "$TRACER_LOG")
	[[ "$last" =~ ^#\ stopped\ \(SIG$sig\)\ at\ [0-9]+\.[0-9]{9}:\ ${BASH_REMATCH[1]}\ syscalls\ logged,\ ${BASH_REMATCH[2]}\ lost,\ ${BASH_REMATCH[3]}\ unfinished,\ [0-9]+\ out\ of\ order$ ]] ||
		fail "last line of the log is not the stop line matching the summary:" "$last" "$TRACER_STDERR"
	nlines=$(grep -vc '^# ' "$TRACER_LOG" || true)
	read -r logged _ unfinished _ < <(stop_counts "$TRACER_LOG")
	[ "$nlines" = "$((logged + unfinished))" ] || fail "$nlines lines in the log; the stop line says $logged logged and $unfinished unfinished"
	extract "$TRACER_LOG" basic "$WL_PID" >/dev/null

	# the process is gone; its perf events (stopped programs on them)
	# are held by its closing child and nothing else: no log, no map,
	# no program fd, no terminal (docs/design.md, "Stopping")
	[ ! -e "/proc/$pid" ] || fail "/proc/$pid still there"
	closer_holds_events_only
	# then the kernel detaches them: the programs and maps go (bounded:
	# RCU grace periods, about 0.1 s per tracepoint here)
	for ((i = 0; i < 300; i++)); do
		# shellcheck disable=SC2086
		alive=$("$WORKLOADS/bpf_alive" $ids) && break
		sleep 0.1
	done
	[ -z "$alive" ] || fail "BPF objects of the stopped tracer still in the kernel after 30 s:" "$alive"
	for ((i = 0; i < 100; i++)); do
		[ -z "$(live_tracers)" ] && break
		sleep 0.1
	done
	[ -z "$(live_tracers)" ] || fail "an aitrace-min process is left:" "$(pgrep -ax aitrace-min)"

	# a second tracer starts and works
	start_tracer -e openat
	run_workload basic
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "the second tracer exited $TRACER_STATUS: $TRACER_STDERR"
	extract "$TRACER_LOG" basic "$WL_PID" | grep -q '^[0-9]* openat(' ||
		fail "the second tracer did not log the workload's openat calls"
}

@test "SIGINT stops cleanly: exit 0, summary on stderr, stop line in the log, nothing left attached" {
	stops_cleanly INT
}

@test "SIGTERM stops cleanly: exit 0, summary on stderr, stop line in the log, nothing left attached" {
	stops_cleanly TERM
}

@test "SIGHUP stops cleanly: exit 0, summary on stderr, stop line in the log, nothing left attached" {
	stops_cleanly HUP
}
