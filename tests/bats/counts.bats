#!/usr/bin/env bats
# Counting and ordering over a busy log: a million calls, each logged once;
# lines in completion-time order; none of the tracer's own calls.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

# Per syscall name, the lines of the region: "name count", sorted.
count_by_name() {
	awk '
		/^# / { annotations++; print "annotation-in-region: " $0 > "/dev/stderr"; next }
		{ name = $2; sub(/\(.*/, "", name); n[name]++ }
		END { for (k in n) print k, n[k]; if (annotations) print "# annotations", annotations }
	' "$1" | sort
}

@test "loop 125000: each of its 1,000,000 calls is logged exactly once, nothing else, and nothing is lost" {
	start_tracer
	run_workload loop 125000
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	d=$(tmpdir)
	grep -qx '# failed 0' "$WL_OUT" || fail "the workload's own calls failed: $(cat "$WL_OUT")"
	grep -v '^# ' "$WL_OUT" | sort >"$d/issued"
	[ "$(awk '{ s += $2 } END { print s }' "$d/issued")" = 1000000 ] ||
		fail "the workload issued: $(cat "$d/issued")"
	extract "$TRACER_LOG" loop "$WL_PID" >"$d/logged"
	count_by_name "$d/logged" >"$d/counted"
	read -r _ lost _ _ < <(stop_counts "$TRACER_LOG")
	[ -n "$lost" ] || fail "no stop line: $(tail -1 "$TRACER_LOG")"
	in_region=$(grep -vc '^# ' "$d/logged" || true)
	if [ "$lost" != 0 ]; then
		grep '^# lost' "$TRACER_LOG" | head >&2
		fail "$lost events lost at the default ring size (-b 256): the region holds $in_region of 1000000 lines; with the lost ones $((in_region + lost))"
	fi
	diff -u "$d/issued" "$d/counted" >&2 ||
		fail "lines per syscall differ from what the workload issued (-issued +logged)"
}

# Count the syscall lines whose completion time (entry + duration; the
# time alone when there is no duration: exit_group, "entry not seen") is
# before that of a line above them. "<unfinished>" lines are left out: the
# tracer writes them at the stop, oldest first, after everything else.
late_lines() {
	awk '
	function cmp(s1, n1, s2, n2) { return s1 < s2 ? -1 : s1 > s2 ? 1 : n1 < n2 ? -1 : n1 > n2 }
	/^# / || / = \? <unfinished>$/ { next }
	{
		split($1, t, ".")
		s = t[1] + 0; ns = t[2] + 0
		if (match($0, / <[0-9]+\.[0-9]+>$/)) {
			split(substr($0, RSTART + 2, RLENGTH - 3), d, ".")
			s += d[1]; ns += d[2]
			if (ns >= 1000000000) { s++; ns -= 1000000000 }
		}
		checked++
		if (cmp(s, ns, ms, mns) < 0) {
			late++
			if (late <= 5) printf "late by %d.%09d s: line %d: %s\n", ms - s - (mns < ns), (mns - ns + 1000000000) % 1000000000, NR, substr($0, 1, 160) > "/dev/stderr"
		} else {
			ms = s; mns = ns
		}
	}
	END { print late + 0, checked + 0 }' "$1"
}

@test "timestamps: lines are in completion-time order, but for the late records the stop line counts as out of order" {
	start_tracer
	# several CPUs' rings at once: threads, a loop and processes
	"$WORKLOADS/threads" 8 40 >/dev/null 2>&1 3>&- &
	bg=$!
	track_pid "$bg"
	run_workload loop 20000
	run_workload basic
	wait_gone "$bg" 300 || fail "threads workload still running"
	wait "$bg" || fail "threads workload failed"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	read -r _ _ _ ooo < <(stop_counts "$TRACER_LOG")
	[ -n "$ooo" ] || fail "no stop line: $(tail -1 "$TRACER_LOG")"
	read -r late checked < <(late_lines "$TRACER_LOG")
	[ "$checked" -gt 100000 ] || fail "only $checked lines checked"
	echo "# $checked lines, $late late, the stop line says $ooo out of order" >&3
	[ "$late" -le "$ooo" ] || fail "$late lines before an earlier-completed line, but the stop line counts $ooo out of order"
}

@test "the tracer's own syscalls never appear, though it wrote a busy log" {
	start_tracer
	self=$TRACER_SELF
	run_workload loop 2000
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	[ "$(wc -l <"$TRACER_LOG")" -gt 16000 ] || fail "the log is too short to have made the tracer write"
	mine=$(awk -v self="$self" '!/^# / { split($3, id, "/"); if (id[1] == self) print }' "$TRACER_LOG" | head -5)
	[ -z "$mine" ] || fail "lines of the tracer itself (pid $self):" "$mine"
}
