# shellcheck shell=bash
# Helpers for the kernel tests of aitrace-min (load with `load helpers`).
#
#   requires WORD...       skip with a reason unless every WORD holds; with
#                          AITRACE_TEST_STRICT=1 a skip is a failure. WORDs:
#                          root tracefs bpf static built arch=NAME
#                          kernel=X.Y cmd=NAME. Any other word fails loudly.
#   start_tracer [ARGS]    build/aitrace-min -o $TRACER_LOG ARGS in the
#                          background; returns once "# tracing:" is logged
#   stop_tracer [SIG]      SIGINT (or SIG), wait (bounded); sets
#                          TRACER_STATUS and TRACER_STDERR
#   run_workload NAME ARGS build/workloads/NAME ARGS, bounded; sets WL_PID
#                          (from its "# pid N") and WL_OUT (its stdout:
#                          the expected lines)
#   extract LOG TAG PID..  the lines of those processes between the markers
#                          of TAG, each as "<tid> name(args) = ret"
#   expected_lines FILE    a workload's expected lines, less its "# " facts
#                          and calls this kernel has no tracepoint for
#   compare_lines EXP ACT  per thread, in order: a diff on failure
#   track_pid PID          a background process for teardown to end
#
# Every wait is bounded; teardown ends what a test left running.

AITRACE_ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
TRACER=$AITRACE_ROOT/build/aitrace-min
WORKLOADS=$AITRACE_ROOT/build/workloads
TRACEFS=/sys/kernel/tracing
START_TIMEOUT=${AITRACE_TEST_START_TIMEOUT:-20} # s until "# tracing:"
STOP_TIMEOUT=${AITRACE_TEST_STOP_TIMEOUT:-30}   # s from the signal to exit
WORKLOAD_TIMEOUT=${AITRACE_TEST_WORKLOAD_TIMEOUT:-60}

TRACER_PID=
WL_PID=

fail() {
	printf '%s\n' "$*" >&2
	return 1
}

# A skip, or in strict mode (CI: root, tracefs and BPF are there) a failure.
skip_or_fail() {
	if [ "${AITRACE_TEST_STRICT:-0}" = 1 ]; then
		fail "AITRACE_TEST_STRICT=1: would skip, which is a failure here: $*"
		return 1
	fi
	skip "$*"
}

# major*1000+minor of "X.Y..."
version_code() {
	local v=$1 major minor
	major=${v%%.*}
	minor=${v#*.}
	minor=${minor%%[!0-9]*}
	echo $((major * 1000 + ${minor:-0}))
}

is_static() {
	local bin=$1
	if command -v readelf >/dev/null 2>&1; then
		readelf -lW "$bin" 2>/dev/null | grep -q 'Elf file type' || return 1
		! readelf -lW "$bin" | grep -q 'INTERP'
	else
		file -b "$bin" | grep -q 'statically linked\|static-pie linked'
	fi
}

requires() {
	local w
	# every word first: an unknown one is a bug even where another skips
	for w in "$@"; do
		case $w in
		root | tracefs | bpf | static | built | arch=?* | kernel=[0-9]* | cmd=?*) ;;
		*)
			fail "requires: unknown word '$w' (a bug in the test: known are root tracefs bpf static built arch=NAME kernel=X.Y cmd=NAME)"
			return 1
			;;
		esac
	done
	for w in "$@"; do
		case $w in
		root)
			[ "$(id -u)" = 0 ] ||
				skip_or_fail "needs root (uid $(id -u))" || return
			;;
		tracefs)
			if [ -d "$TRACEFS/events/syscalls" ]; then
				:
			elif [ -e "$TRACEFS/events" ]; then
				skip_or_fail "no syscall tracepoints in $TRACEFS/events (CONFIG_FTRACE_SYSCALLS)" || return
			elif ! grep -qw tracefs /proc/filesystems 2>/dev/null; then
				skip_or_fail "no tracefs in /proc/filesystems" || return
			fi # else not mounted: the tracer mounts it
			;;
		bpf)
			[ -e /proc/sys/kernel/unprivileged_bpf_disabled ] ||
				skip_or_fail "kernel without the bpf syscall (CONFIG_BPF_SYSCALL)" || return
			;;
		static)
			is_static "$TRACER" ||
				skip_or_fail "$TRACER is not statically linked" || return
			;;
		built)
			[ -x "$TRACER" ] && [ -x "$WORKLOADS/basic" ] ||
				skip_or_fail "not built: run make check-bats" || return
			;;
		arch=*)
			[ "$(uname -m)" = "${w#arch=}" ] ||
				skip_or_fail "needs ${w#arch=}, this is $(uname -m)" || return
			;;
		kernel=*)
			[ "$(version_code "$(uname -r)")" -ge "$(version_code "${w#kernel=}")" ] ||
				skip_or_fail "needs kernel ${w#kernel=}, this is $(uname -r)" || return
			;;
		cmd=*)
			command -v "${w#cmd=}" >/dev/null 2>&1 ||
				skip_or_fail "needs the command ${w#cmd=}" || return
			;;
		*)
			fail "requires: unknown word '$w' (a bug in the test: known are root tracefs bpf static built arch=NAME kernel=X.Y cmd=NAME)"
			return 1
			;;
		esac
	done
}

# What the tests run on, once per run, before the results (to fd 3).
print_environment() {
	local stamp=$BATS_RUN_TMPDIR/environment-printed cc
	[ -e "$stamp" ] && return 0
	: >"$stamp"
	cc=${CC:-$(command -v musl-gcc >/dev/null 2>&1 && echo musl-gcc || echo cc)}
	{
		echo "# kernel: $(uname -srm)"
		echo "# compiler: $cc: $($cc --version 2>/dev/null | head -1)"
		if [ -x "$TRACER" ]; then
			if is_static "$TRACER"; then
				echo "# $TRACER: static ($(file -b "$TRACER" 2>/dev/null | cut -d, -f1-2))"
			else
				echo "# $TRACER: NOT static ($(file -b "$TRACER" 2>/dev/null | cut -d, -f1-3))"
			fi
		else
			echo "# $TRACER: not built"
		fi
		echo "# strict: AITRACE_TEST_STRICT=${AITRACE_TEST_STRICT:-0}"
	} >&3
}

# Is pid alive (a zombie is not)?
proc_running() {
	local st
	st=$(awk '/^State:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "$st" != Z ]
}

# Wait (bounded, in tenths of a second) for pid to end; 1 if it did not.
wait_gone() {
	local pid=$1 tenths=$2 i
	for ((i = 0; i < tenths; i++)); do
		proc_running "$pid" || return 0
		sleep 0.1
	done
	! proc_running "$pid"
}

tmpdir() {
	echo "${BATS_TEST_TMPDIR:-$BATS_FILE_TMPDIR}"
}

start_tracer() {
	local dir i
	dir=$(tmpdir)
	TRACER_LOG=$dir/trace.log
	TRACER_ERR=$dir/tracer.stderr
	TRACER_OUT=$dir/tracer.stdout
	rm -f "$TRACER_LOG"
	"$TRACER" -o "$TRACER_LOG" "$@" >"$TRACER_OUT" 2>"$TRACER_ERR" </dev/null 3>&- &
	TRACER_PID=$!
	for ((i = 0; i < START_TIMEOUT * 10; i++)); do
		if grep -q '^# tracing:' "$TRACER_LOG" 2>/dev/null; then
			TRACER_SELF=$(sed -n '1s/^# aitrace-min [^ ]* pid \([0-9]*\) .*/\1/p' "$TRACER_LOG")
			[ "$TRACER_SELF" = "$TRACER_PID" ] ||
				fail "header names pid '$TRACER_SELF', the tracer is $TRACER_PID: $(head -1 "$TRACER_LOG")"
			return
		fi
		if ! proc_running "$TRACER_PID"; then
			TRACER_STATUS=0
			wait "$TRACER_PID" || TRACER_STATUS=$?
			TRACER_PID=
			fail "tracer $* exited with $TRACER_STATUS before tracing; stderr:" "$(cat "$TRACER_ERR")"
			return 1
		fi
		sleep 0.1
	done
	fail "tracer $* not tracing after ${START_TIMEOUT}s; stderr:" "$(cat "$TRACER_ERR")"
}

# shellcheck disable=SC2120 # the signal is optional
stop_tracer() {
	local sig=${1:-INT}
	[ -n "$TRACER_PID" ] || {
		fail "stop_tracer: no tracer running"
		return 1
	}
	kill -s "$sig" "$TRACER_PID"
	if ! wait_gone "$TRACER_PID" $((STOP_TIMEOUT * 10)); then
		kill -KILL "$TRACER_PID" 2>/dev/null
		wait "$TRACER_PID" 2>/dev/null
		TRACER_PID=
		fail "tracer did not stop within ${STOP_TIMEOUT}s of SIG$sig"
		return 1
	fi
	TRACER_STATUS=0
	wait "$TRACER_PID" || TRACER_STATUS=$?
	TRACER_PID=
	TRACER_STDERR=$(cat "$TRACER_ERR")
}

# run_workload NAME ARGS: stdout to $WL_OUT; fails unless it exits 0.
# WL_PID from the workload's "# pid N" line. It runs in the foreground
# under timeout(1), not polled: on a small machine a polling loop takes
# CPU time from the tracer while the workload keeps another CPU busy.
run_workload() {
	local name=$1 dir status=0
	shift
	dir=$(tmpdir)
	WL_OUT=$dir/$name.out
	timeout -s KILL "$WORKLOAD_TIMEOUT" "$WORKLOADS/$name" "$@" \
		>"$WL_OUT" 2>"$dir/$name.stderr" </dev/null 3>&- || status=$?
	[ "$status" != 137 ] || fail "workload $name $* killed after ${WORKLOAD_TIMEOUT}s"
	[ "$status" = 0 ] ||
		fail "workload $name $* exited with $status:" "$(cat "$dir/$name.stderr")"
	WL_PID=$(sed -n 's/^# pid \([0-9]*\)$/\1/p' "$WL_OUT")
	[ -n "$WL_PID" ] || fail "workload $name $* printed no '# pid' line"
}

# Names of syscalls the tracer reports as having no tracepoint here.
untraced_syscalls() {
	sed -n 's/^# tracing: .*; no tracepoint here: //p' "$1" | tr ',' '\n'
}

# expected_lines WORKLOAD_OUT LOG: the expectations the log can meet
expected_lines() {
	local out=$1 log=$2 skipped
	skipped=$(untraced_syscalls "$log" | paste -sd'|')
	grep -v '^# ' "$out" |
		if [ -n "$skipped" ]; then grep -Ev "^[0-9]+ ($skipped)\\("; else cat; fi
}

# The processes a workload's expectations name: its own pid and every
# thread or child id its lines carry.
expected_pids() {
	{
		echo "$2"
		grep -v '^# ' "$1" | cut -d' ' -f1
	} | sort -un | paste -sd' '
}

# extract LOG TAG PID...: the lines of those processes (by tgid) between
# the begin and end markers of TAG, as "<tid> name(args) = ret" (the
# duration dropped); annotation lines in the region are kept as they are,
# so that a loss there shows in a diff. Fails without both markers.
# A marker is openat(AT_FDCWD, "/aitrace-test/begin/TAG", O_RDONLY|O_CREAT,
# 07001) = -1 ENOENT (end: .../end/TAG and 07002); a path cut by -s must
# be a prefix of it.
extract() {
	local log=$1 tag=$2
	shift 2
	TAG=$tag PIDS="$*" awk '
	BEGIN {
		n = split(ENVIRON["PIDS"], p, " ")
		for (i = 1; i <= n; i++) want[p[i]] = 1
		tag = ENVIRON["TAG"]
	}
	# Is rest the marker openat of path with mode?
	function marker(rest, path, mode,    m, shown, cut) {
		if (rest !~ ("^openat\\(AT_FDCWD, \"[^\"]*\"(\\.\\.\\.)?, O_RDONLY\\|O_CREAT, " mode "\\) = -1 ENOENT "))
			return 0
		m = index(rest, "\"")
		shown = substr(rest, m + 1)
		shown = substr(shown, 1, index(shown, "\"") - 1)
		cut = index(rest, "\"...,") > 0
		return cut ? index(path, shown) == 1 : shown == path
	}
	/^# / { if (inside) print; next }
	{
		split($3, id, "/")
		if (!(id[1] in want)) next
		rest = $0
		sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", rest)
		# lineage lines (+++ child N +++, +++ exec "..." +++) are
		# checked by the scope tests, not against the workloads'' calls
		if (rest ~ /^\+\+\+ /) next
		if (!inside) {
			if (!done && marker(rest, "/aitrace-test/begin/" tag, "07001")) {
				inside = 1
				begins++
			}
			next
		}
		if (marker(rest, "/aitrace-test/end/" tag, "07002")) {
			inside = 0
			done = 1
			ends++
			next
		}
		sub(/ <[0-9]+\.[0-9]+>$/, "", rest)
		print id[2] " " rest
	}
	END {
		if (!begins || !ends) {
			printf "extract: %s: begin marker %s, end marker %s for pids %s\n",
				tag, begins ? "found" : "MISSING",
				ends ? "found" : "MISSING", ENVIRON["PIDS"] > "/dev/stderr"
			exit 1
		}
	}' "$log"
}

# compare_lines EXPECTED ACTUAL: equal per thread, in order (a stable sort
# by thread id keeps each thread's order); on failure a unified diff.
compare_lines() {
	local exp=$1 act=$2 d
	d=$(tmpdir)
	sort -s -t' ' -k1,1 "$exp" >"$d/expected.by-thread"
	sort -s -t' ' -k1,1 "$act" >"$d/logged.by-thread"
	if ! diff -u "$d/expected.by-thread" "$d/logged.by-thread" >"$d/diff"; then
		echo "the log differs from what the workload expects (-expected +logged, grouped by thread):" >&2
		head -c 30000 "$d/diff" >&2
		return 1
	fi
}

# One workload under a fresh tracer: start, run, stop, extract, compare.
# check_workload "TRACER ARGS" NAME ARGS...
check_workload() {
	local targs=$1 name=$2 d
	shift 2
	d=$(tmpdir)
	# shellcheck disable=SC2086
	start_tracer $targs
	run_workload "$name" "$@"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	expected_lines "$WL_OUT" "$TRACER_LOG" >"$d/expected"
	[ -s "$d/expected" ] || fail "workload $name printed no expectations"
	# shellcheck disable=SC2046
	extract "$TRACER_LOG" "$name" $(expected_pids "$WL_OUT" "$WL_PID") >"$d/logged"
	compare_lines "$d/expected" "$d/logged"
}

# Fields of the stop line: "# stopped (SIG) at T: N syscalls logged, M lost,
# U unfinished, K out of order" -> "N M U K"
stop_counts() {
	sed -n 's/^# stopped ([^)]*) at [0-9.]*: \([0-9]*\) syscalls logged, \([0-9]*\) lost, \([0-9]*\) unfinished, \([0-9]*\) out of order$/\1 \2 \3 \4/p' "$1"
}

# aitrace-min processes that are not zombies: a tracer, or the child that
# holds a stopped tracer's perf events until the kernel has detached them
# (an orphan's new parent may take its time to reap it)
live_tracers() {
	local p
	for p in $(pgrep -x aitrace-min); do
		[ "$(awk '{ print $3 }' "/proc/$p/stat" 2>/dev/null)" = Z ] || echo "$p"
	done
}

# The tracer's own BPF objects, from its fdinfo while it runs: "prog:ID"
# and "map:ID" words.
tracer_bpf_ids() {
	local f
	for f in /proc/"$1"/fdinfo/*; do
		awk '/^prog_id:/ { print "prog:" $2 } /^map_id:/ { print "map:" $2 }' "$f" 2>/dev/null
	done | sort -u
}

# Background processes of a test, ended (SIGKILL) by teardown if alive.
BG_PIDS=()
track_pid() {
	BG_PIDS+=("$1")
}

teardown_processes() {
	local p
	for p in "${BG_PIDS[@]}"; do
		if proc_running "$p"; then
			kill -KILL "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		fi
	done
	BG_PIDS=()
	if [ -n "$TRACER_PID" ] && proc_running "$TRACER_PID"; then
		kill -INT "$TRACER_PID" 2>/dev/null
		wait_gone "$TRACER_PID" $((STOP_TIMEOUT * 10)) || kill -KILL "$TRACER_PID" 2>/dev/null
		wait "$TRACER_PID" 2>/dev/null
	fi
	TRACER_PID=
	return 0
}

teardown() {
	teardown_processes
}
