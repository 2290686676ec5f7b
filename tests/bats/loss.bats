#!/usr/bin/env bats
# Forced loss: a one-page ring and a flood of getppid. The tracer must say
# it lost events, in the log, and count them exactly: the lines logged
# plus the events reported lost are the calls made.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

@test "-b 1 with a flood of 200000 getppid calls: the log says events were lost, and logged + lost == 200000 exactly" {
	n=200000
	# the flood as the traced command: only its calls are traced, so
	# nothing another process does on this machine can blur the sum
	d=$(tmpdir)
	TRACER_LOG=$d/log WL_OUT=$d/out TRACER_STATUS=0
	timeout -s KILL 120 "$TRACER" -o "$TRACER_LOG" -b 1 -e getppid -- \
		"$WORKLOADS/flood" "$n" >"$WL_OUT" 2>"$d/err" </dev/null 3>&- ||
		TRACER_STATUS=$?
	TRACER_STDERR=$(cat "$d/err")
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	grep -qx "getppid $n" "$WL_OUT" || fail "flood says: $(cat "$WL_OUT")"
	WL_PID=$(sed -n 's/^# pid \([0-9]*\)$/\1/p' "$WL_OUT")
	[ -n "$WL_PID" ] || fail "flood did not say its pid"
	read -r logged lost _ _ < <(stop_counts "$TRACER_LOG")
	[ -n "$lost" ] || fail "no stop line: $(tail -1 "$TRACER_LOG")"
	grep -q '^# lost [0-9]* events on cpu [0-9]* after [0-9.]* (perf ring full)$' "$TRACER_LOG" ||
		fail "no '# lost' line in the log"
	# the stop line agrees with the log: its lines, and its loss lines
	# (syscall lines: not the tracer's own, not the lineage line of the
	# command's exec)
	nlines=$(grep -v '^# ' "$TRACER_LOG" | grep -vc ' +++ ' || true)
	[ "$nlines" = "$logged" ] || fail "the stop line says $logged logged, the log holds $nlines lines"
	reported=$(awk '/^# lost [0-9]+ (more )?events/ { s += $3 } END { print s + 0 }' "$TRACER_LOG")
	[ "$reported" = "$lost" ] || fail "the '# lost' lines add up to $reported, the stop line says $lost"
	# and the stderr summary agrees with the stop line
	[[ "$TRACER_STDERR" == *": $logged syscalls logged, $lost lost, "* ]] ||
		fail "stderr summary: $TRACER_STDERR"
	# every getppid of the flood is a line or a lost event; other callers'
	# lines are left out (if one of theirs was lost, this cannot add up)
	mine=$(awk -v pid="$WL_PID" '!/^# / && !/ \+\+\+ / { split($3, id, "/"); if (id[1] == pid) n++ } END { print n + 0 }' "$TRACER_LOG")
	others=$((nlines - mine))
	[ "$others" = 0 ] || echo "# $others getppid lines of other processes" >&3
	[ $((mine + lost)) = "$n" ] ||
		fail "flood lines $mine + lost $lost = $((mine + lost)), not $n (other processes' getppid lines: $others)"
	# and it was a real loss, not a trickle
	[ "$lost" -gt $((n / 10)) ] || fail "only $lost lost with a one-page ring"
}
