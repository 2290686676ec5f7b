# Helpers for the tests of decoding and of the JSON log (decode.bats,
# json.bats), loaded after helpers.bash:
#
#   start_named_tracer NAME ARGS   a tracer beside others, log in $(tmpdir)/NAME.log,
#                                  its pid in $(tmpdir)/NAME.tracer
#   stop_named_tracer NAME         SIGINT, bounded wait; fails unless it exits 0
#   end_named_tracers              teardown: SIGINT (then SIGKILL) to those left
#   wait_for_string SECONDS STRING FILE...   until every FILE holds STRING
#   section OUT TAG                the expected lines of one region of OUT
#   text_lines LOG PIDS            those processes' syscall lines, normalised
#   json_lines LOG PIDS            their JSON records rendered as the same
#   json_of LOG PIDS               their JSON records, one per line
#   text_region LOG TAG PIDS       the region's lines, normalised as text_lines
#   json_region LOG TAG PIDS       the region's records rendered as the same
#   jqlog PROGRAM ARGS             jq with tests/bats/logjson.jq included
#
# PIDS is a space-separated list. The jq definitions are in logjson.jq.

# The jq library's directory (jq -L).
JQ_LIB=$BATS_TEST_DIRNAME

# jqlog PROGRAM ARGS...: jq 'include "logjson"; PROGRAM' ARGS... (jq takes
# its options after the program too)
jqlog() {
	local prog=$1
	shift
	jq -L "$JQ_LIB" "include \"logjson\"; $prog" "$@"
}

start_named_tracer() {
	local name=$1 dir log pid i
	shift
	dir=$(tmpdir)
	log=$dir/$name.log
	rm -f "$log"
	"$TRACER" -o "$log" "$@" >"$dir/$name.stdout" 2>"$dir/$name.stderr" </dev/null 3>&- &
	pid=$!
	echo "$pid" >"$dir/$name.pid"     # while it runs, for teardown
	echo "$pid" >"$dir/$name.tracer"  # for good
	for ((i = 0; i < START_TIMEOUT * 10; i++)); do
		# the text header, or the JSON start record: written once attached
		if grep -q -e '^# tracing:' -e '^{"type":"start"' "$log" 2>/dev/null; then
			return 0
		fi
		if ! proc_running "$pid"; then
			fail "tracer $name ($*) exited before tracing; stderr:" "$(cat "$dir/$name.stderr")"
			return 1
		fi
		sleep 0.1
	done
	fail "tracer $name ($*) not tracing after ${START_TIMEOUT}s"
}

stop_named_tracer() {
	local name=$1 dir pid status=0
	dir=$(tmpdir)
	pid=$(cat "$dir/$name.pid" 2>/dev/null) || {
		fail "stop_named_tracer: no tracer $name"
		return 1
	}
	kill -INT "$pid" 2>/dev/null
	if ! wait_gone "$pid" $((STOP_TIMEOUT * 10)); then
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rm -f "$dir/$name.pid"
		fail "tracer $name did not stop within ${STOP_TIMEOUT}s of SIGINT"
		return 1
	fi
	wait "$pid" || status=$?
	rm -f "$dir/$name.pid"
	[ "$status" = 0 ] ||
		fail "tracer $name exited with $status:" "$(cat "$dir/$name.stderr")"
}

end_named_tracers() {
	local f pid
	for f in "$(tmpdir)"/*.pid; do
		[ -e "$f" ] || continue
		pid=$(cat "$f")
		if proc_running "$pid"; then
			kill -INT "$pid" 2>/dev/null
			wait_gone "$pid" $((STOP_TIMEOUT * 10)) || kill -KILL "$pid" 2>/dev/null
		fi
		rm -f "$f"
	done
	return 0
}

wait_for_string() {
	local seconds=$1 string=$2 f i
	shift 2
	for ((i = 0; i < seconds * 10; i++)); do
		for f in "$@"; do
			grep -qF -- "$string" "$f" 2>/dev/null || {
				sleep 0.1
				continue 2
			}
		done
		return 0
	done
	fail "after ${seconds}s, not every one of $* holds $string"
}

# The expected lines of region TAG: those under "# section TAG" in OUT.
section() {
	awk -v tag="$2" '$0 == "# section " tag { on = 1; next } /^# section / { on = 0 } on && !/^# /' "$1"
}

# "TID name(args) = ret <D>" for every syscall line of those processes: the
# time, comm and pid dropped, the errno's description dropped (JSON has the
# name only), the duration's value replaced by D.
text_lines() {
	local log=$1
	shift
	PIDS="$*" awk '
	BEGIN { n = split(ENVIRON["PIDS"], p, " "); for (i = 1; i <= n; i++) want[p[i]] = 1 }
	/^# / { next }
	{
		split($3, id, "/")
		if (!(id[1] in want)) next
		rest = $0
		sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", rest)
		print id[2] " " rest
	}' "$log" | sed -E 's/ = -1 ([A-Z0-9]+) \([^()]*\)( <|$)/ = -1 \1\2/; s/ <[0-9]+\.[0-9]{9}>$/ <D>/'
}

# The JSON records of those processes, one per line (a grep first: the log
# of a busy machine is large, and "pid" only appears as this key).
json_of() {
	local log=$1
	shift
	grep -E ",\"pid\":($(echo "$*" | tr ' ' '|')),\"tid\":" "$log" || true
}

json_lines() {
	local log=$1 strmax
	strmax=$(head -1 "$log" | jq -r .str_max)
	shift
	json_of "$log" "$@" | jqlog 'line($sm)' -r --argjson sm "$strmax"
}

# The lines of region TAG (extract's, which drops durations), with the
# errno's description dropped; and the JSON records of the region rendered
# the same way.
text_region() {
	local log=$1 tag=$2
	shift 2
	extract "$log" "$tag" "$@" | sed -E 's/ = -1 ([A-Z0-9]+) \([^()]*\)$/ = -1 \1/'
}

json_region() {
	local log=$1 tag=$2 strmax
	strmax=$(head -1 "$log" | jq -r .str_max)
	shift 2
	json_of "$log" "$@" |
		jqlog '[inputs] | region($tag) | line($sm)' -n -r --arg tag "$tag" --argjson sm "$strmax" |
		sed 's/ <D>$//'
}
