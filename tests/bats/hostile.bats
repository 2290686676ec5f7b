#!/usr/bin/env bats
# Hostile workloads of issue 8 that the other files do not cover: a path
# rewritten while the kernel uses it (time of check against time of use),
# processes killed inside blocking calls, the tracer itself killed with
# SIGKILL, and two tracers at once. (Hostile strings are json.bats's and
# workloads.bats's; a flood against tiny rings is loss.bats's.)

load helpers
load jsonlog

RINGS=512 # pages per CPU (2 MiB): a busy machine must not make us lose lines

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
}

teardown() {
	teardown_processes
	end_named_tracers
}

# ---- time of check, time of use --------------------------------------------

# check_toctou EXPECTED LOGGED PATH_A PATH_B: the toctou workload's lines
# against one log's, in order, one by one. The workload records each
# openat with the path the kernel used; the log may show the other one of
# the two (docs/log-format.md: paths are read when the call returns), but
# nothing else, with the result the kernel gave, and the new fd named as
# the line shows it; each close names the path its openat line showed.
# Prints "SHOWN-OTHER A-AS-B B-AS-A OPENS"; fails with the first
# differences on stderr.
check_toctou() {
	PA=$3 PB=$4 awk '
	# s with every "from" replaced by "to" (no regular expressions)
	function repl(s, from, to,    out, i) {
		out = ""
		while ((i = index(s, from)) > 0) {
			out = out substr(s, 1, i - 1) to
			s = substr(s, i + length(from))
		}
		return out s
	}
	# the quoted path of an openat line
	function quoted(s,    i) {
		i = index(s, "(AT_FDCWD, \"")
		if (!i) return ""
		s = substr(s, i + 12)
		return substr(s, 1, index(s, "\"") - 1)
	}
	function bad(msg) {
		if (++nbad <= 5) print "line " i ": " msg > "/dev/stderr"
	}
	BEGIN { pa = ENVIRON["PA"]; pb = ENVIRON["PB"] }
	NR == FNR { want[++ne] = $0; next }
	{ got[++ng] = $0 }
	END {
		if (ne != ng)
			print "the workload made " ne " calls, the log holds " ng " lines" > "/dev/stderr"
		for (i = 1; i <= ne && i <= ng; i++) {
			e = want[i]; g = got[i]
			if (e ~ /^[0-9]+ openat\(/) {
				ep = quoted(e); gp = quoted(g)
				opens++
				if (gp != pa && gp != pb) {
					bad("a path that is neither of the two: " g)
					continue
				}
				# the kernel'"'"'s result, the fd named as shown
				if (repl(e, ep, gp) != g) {
					bad("expected (but for the path) " e ", logged " g)
					continue
				}
				shown = gp
				if (gp != ep) {
					other++
					if (ep == pa) a_as_b++; else b_as_a++
				}
			} else if (e ~ /^[0-9]+ close\(/) {
				if (repl(e, "<" pa ">", "<" shown ">") != g)
					bad("close of the file the openat line showed as " shown ": expected " repl(e, "<" pa ">", "<" shown ">") ", logged " g)
			} else {
				bad("an expectation this test does not know: " e)
			}
		}
		print other + 0, a_as_b + 0, b_as_a + 0, opens + 0
		exit nbad > 0 || ne != ng
	}' "$1" "$2"
}

@test "a path rewritten by another thread during openat: each line shows one of the two paths as read at return, with the kernel's result, and the fd is named as shown (text and JSON)" {
	requires cmd=jq
	local d dir n=2000 pa pb text json opened enoent differ t_other t_ab t_ba j_other j_ab j_ba
	d=$(tmpdir)
	mkdir "$d/dir"
	dir=$(cd "$d/dir" && pwd -P) # the log shows the path as written
	# one run, two tracers: the same calls in both formats
	start_named_tracer text -e openat,close -b $RINGS
	start_named_tracer json -j -e openat,close -b $RINGS
	run_workload toctou "$dir" $n
	wait_for_string 10 '"/aitrace-test/end/toctou"' "$d/text.log" "$d/json.log"
	stop_named_tracer text
	stop_named_tracer json

	read -r _ _ pa pb < <(grep '^# paths ' "$WL_OUT")
	read -r _ _ opened enoent < <(grep '^# results ' "$WL_OUT")
	[ "$((opened + enoent))" = "$n" ] || fail "the workload says: $(grep '^# results' "$WL_OUT")"
	# both paths were used by the kernel, or no rewrite ever raced a call
	[ "$opened" -gt 0 ] && [ "$enoent" -gt 0 ] ||
		fail "the kernel used one path only ($opened opened, $enoent ENOENT): the race did not happen"
	grep -v '^# ' "$WL_OUT" | sed -E 's/ = -1 ([A-Z0-9]+) \([^()]*\)$/ = -1 \1/' >"$d/expected"
	[ "$(grep -c '^[0-9]* openat(' "$d/expected")" = "$n" ] ||
		fail "the workload recorded $(grep -c '^[0-9]* openat(' "$d/expected") openat lines, not $n"

	# every line of the JSON log parses, as one object
	jq -c . "$d/json.log" >"$d/objects" 2>"$d/jq.err" ||
		fail "jq cannot parse the JSON log:" "$(head -c 2000 "$d/jq.err")"
	[ "$(wc -l <"$d/objects")" = "$(wc -l <"$d/json.log")" ] ||
		fail "$(wc -l <"$d/json.log") lines hold $(wc -l <"$d/objects") JSON values"

	text_region "$d/text.log" toctou "$WL_PID" >"$d/text.lines"
	json_region "$d/json.log" toctou "$WL_PID" >"$d/json.lines"
	text=$(check_toctou "$d/expected" "$d/text.lines" "$pa" "$pb") || fail "text log (above)"
	json=$(check_toctou "$d/expected" "$d/json.lines" "$pa" "$pb") || fail "JSON log (above)"
	read -r t_other t_ab t_ba _ <<<"$text"
	read -r j_other j_ab j_ba _ <<<"$json"
	# the two tracers read the same buffer, each when its own program ran
	differ=$(awk 'NR == FNR { t[FNR] = $0; next } / openat\(/ && t[FNR] != $0 { n++ } END { print n + 0 }' \
		"$d/text.lines" "$d/json.lines")
	echo "# toctou ($(sed -n 's/^# cpus /CPUs: /p' "$WL_OUT")): $n openat calls, the kernel opened ${pa##*/} $opened times and found ${pb##*/} missing $enoent times;" \
		"the text log showed the other path on $t_other lines ($t_ab showed ${pb##*/} for an opened ${pa##*/}, $t_ba ${pa##*/} for ENOENT)," \
		"the JSON log on $j_other ($j_ab, $j_ba); the two logs show different paths on $differ openat lines" >&3
}

# ---- processes killed inside blocking calls ------------------------------------

# map_keys TRACER_PID NAME: the keys of the tracer's BPF map NAME (a name
# cut to 15 characters by the kernel matches its start), one per line;
# fails when the tracer holds no such map
map_keys() {
	local pid=$1 name=$2 ids lines
	ids=$(tracer_bpf_ids "$pid" | grep '^map:')
	# shellcheck disable=SC2086 # one word per map
	lines=$("$WORKLOADS/bpf_keys" $ids) || {
		fail "bpf_keys $ids failed"
		return 1
	}
	awk -v name="$name" '
		index(name, $1) == 1 && length($1) >= 15 || $1 == name {
			found = 1
			for (i = 2; i <= NF; i++) print $i
		}
		END { exit !found }' <<<"$lines" ||
		fail "tracer $pid holds no map $name; its maps:" "$(cut -d' ' -f1 <<<"$lines")"
}

@test "200 children SIGKILLed while blocked in read or futex: each call logged once as the kernel ended it, none unfinished, nothing of them left in flight or in scope" {
	local d dir out tracer status=0 wl children keys scope stale
	d=$(tmpdir)
	mkdir "$d/dir"
	dir=$(cd "$d/dir" && pwd -P)
	# traced as a command: only its tree is in scope, so that the
	# tracer's maps hold nothing but what that tree left there
	start_named_tracer killed -e openat,read,close,futex -b $RINGS -- \
		"$WORKLOADS/killed" "$dir" 10 20 --wait
	tracer=$(cat "$d/killed.tracer")
	out=$d/killed.stdout # the command's stdout is the tracer's
	wait_for_string "$WORKLOAD_TIMEOUT" '# waiting' "$out" || {
		cat "$d/killed.stderr" >&2
		return 1
	}
	wl=$(sed -n 's/^# pid //p' "$out")
	track_pid "$wl"
	children=$(sed -n 's/^# children //p' "$out")
	[ "$children" = 200 ] || fail "the workload says: # children $children"

	# the children are reaped; the workload waits in sigtimedwait (not
	# traced): no call of the tree is in flight, and only the workload
	# itself is in scope
	keys=$(map_keys "$tracer" aitrace_inflight) || return 1
	scope=$(map_keys "$tracer" aitrace_scope) || return 1
	[ -z "$keys" ] || fail "in-flight entries (tids) after every child was killed and reaped:" "$keys"
	[ "$scope" = "$wl" ] || fail "scope entries other than the workload $wl:" "$scope"

	kill -USR1 "$wl"
	wait_gone "$tracer" $((STOP_TIMEOUT * 10)) || fail "the tracer did not stop when its command exited"
	wait "$tracer" || status=$?
	rm -f "$d/killed.pid"
	[ "$status" = 0 ] || fail "tracer exited $status (the command's status):" "$(cat "$d/killed.stderr")"

	# every child's openat and blocking call, and the parent's reads of
	# /proc, exactly as the workload recorded them
	expected_lines "$out" "$d/killed.log" >"$d/expected"
	[ "$(grep -c ' = -1 ERESTARTSYS (To be restarted if SA_RESTART is set)$' "$d/expected")" = 200 ] ||
		fail "the workload recorded $(grep -c ' = -1 ERESTARTSYS (To be restarted if SA_RESTART is set)$' "$d/expected") killed calls, not 200"
	# shellcheck disable=SC2046
	extract "$d/killed.log" killed $(expected_pids "$out" "$wl") >"$d/logged"
	compare_lines "$d/expected" "$d/logged"

	# and the stop: nothing lost, nothing unfinished
	read -r _ lost unfinished _ < <(stop_counts "$d/killed.log")
	[ "$lost $unfinished" = "0 0" ] || fail "stop line: $(tail -1 "$d/killed.log")"
	stale=$(grep -c ' <unfinished>$' "$d/killed.log" || true)
	[ "$stale" = 0 ] || fail "$stale unfinished lines:" "$(grep ' <unfinished>$' "$d/killed.log" | head -3)"
	echo "# killed: $children children killed in read or futex, each logged once as -1 ERESTARTSYS" \
		"; after the kills the in-flight map held $(grep -c . <<<"$keys") keys, the scope map $(grep -c . <<<"$scope")" >&3
}

# The tracer forgets a process's fds at its exit_group, which a killed
# process never calls; the next process given its pid must not inherit
# what the tracer knew of the dead one's fds. This one is made by vfork
# (as posix_spawn makes children), so its calls are logged before the
# fork that tells the tracer whose fds it has.
# ---- many execve calls inside the kernel at once -----------------------------

@test "300 execve calls asleep in the kernel at once (envp on a userfaultfd page): each logged once, its argv joined with its return" {
	# the tracer keeps each execve's entry record (its strings) until
	# its exit arrives: more calls in flight than it keeps must still
	# give one line per call, none logged at entry and again at exit
	local d n
	d=$(tmpdir)
	check_workload "-e openat,execve -b $RINGS" execstall 300
	n=$(grep -c ' execve(' "$d/logged")
	[ "$n" = 300 ] || fail "$n execve lines logged, not 300"
	! grep '^# .*execve calls' "$TRACER_LOG" || fail "an execve note in the log"
}

@test "40 execve calls asleep at once with --max-inflight 16: 24 entries logged apart and counted, every return once, none joined with another thread's entry" {
	# traced as a command: the in-flight table holds the workload's
	# threads only. Past 16 the oldest entries are logged alone (their
	# strings, "= ? <return apart>"); each return is logged once, with
	# its own thread's entry when that is still kept
	local d status=0 tid exp ret apart calls wl logged noargs
	d=$(tmpdir)
	timeout -s KILL "$WORKLOAD_TIMEOUT" "$TRACER" --max-inflight 16 \
		-e openat,execve -b $RINGS -o "$d/log" -- "$WORKLOADS/execstall" 40 \
		>"$d/out" 2>"$d/err" </dev/null || status=$?
	[ "$status" = 0 ] || fail "tracer exited $status:" "$(cat "$d/err")"
	wl=$(sed -n 's/^# pid //p' "$d/out")
	# shellcheck disable=SC2046
	extract "$d/log" execstall $(expected_pids "$d/out" "$wl") >"$d/logged"
	grep -qx '# 24 execve calls logged in two lines, entry and return: more were in flight than --max-inflight' "$d/log" ||
		fail "no note of 24 execve calls in two lines:" "$(grep '^# ' "$d/log")"
	# 24 entries found the in-flight table full; those whose kept
	# entry joined them have their arguments: the note counts the
	# others, the lines without arguments (8, unless two CPUs raced at
	# the table's last slot)
	noargs=$(sed -n 's/^# \([0-9]*\) calls logged without arguments: the in-flight table was full (--max-inflight)$/\1/p' "$d/log")
	[ "$(grep -c ' execve(?) = -1 ENOEXEC (Exec format error) <entry not seen>$' "$d/logged")" = "${noargs:-0}" ] ||
		fail "the note says ${noargs:-no} calls without arguments; the log has $(grep -c ' execve(?) ' "$d/logged")"
	[ "${noargs:-0}" -ge 1 ] || fail "no note of calls without arguments:" "$(grep '^# ' "$d/log")"
	ret=$(grep -cE ' = -1 ENOEXEC \(Exec format error\)( <entry not seen>)?$' "$d/logged")
	apart=$(grep -c ' = ? <return apart>$' "$d/logged")
	[ "$ret" = 40 ] || fail "$ret returns logged, not 40"
	[ "$apart" = 24 ] || fail "$apart entries logged apart, not 24"
	[ "$(wc -l <"$d/logged")" = 64 ] || fail "$(wc -l <"$d/logged") lines, not 64:" "$(cat "$d/logged")"
	# the stop line counts each call once: its return, not its entry
	calls=$(grep -cE '^[0-9.]+ [^ ]+ [0-9]+/[0-9]+ [a-z0-9_]+\(' "$d/log")
	read -r logged _ _ _ < <(stop_counts "$d/log")
	[ "$logged" = $((calls - 24)) ] || fail "stop line: $logged logged; $calls call lines less 24 entries apart"
	# -j says the same: 24 entries with "return_apart", 40 returns
	"$TRACER" --max-inflight 16 -j -e openat,execve -b $RINGS -o "$d/log.json" \
		-- "$WORKLOADS/execstall" 40 >/dev/null 2>"$d/err" </dev/null || fail "-j:" "$(cat "$d/err")"
	[ "$(jq -c 'select(.syscall == "execve" and .return_apart == true)' "$d/log.json" | wc -l)" = 24 ] ||
		fail "-j: not 24 execve records with return_apart"
	[ "$(jq -c 'select(.syscall == "execve" and .ret == -8)' "$d/log.json" | wc -l)" = 40 ] ||
		fail "-j: not 40 execve returns of -ENOEXEC"
	# each thread: its return once; a line with strings is its own
	# entry (as the workload recorded it); a return without them
	# carries its own envp (the in-flight entry's arguments) or none
	while read -r tid exp; do
		local mine full env
		mine=$(grep "^$tid " "$d/logged")
		[ "$(grep -c ' = -1 ENOEXEC ' <<<"$mine")" = 1 ] || fail "thread $tid: not one return:" "$mine"
		full="$tid $exp"
		env=${exp% = *}
		env=${env%)}
		env=${env##*, }
		while read -r line; do
			case $line in
			"$full") ;;
			"$tid ${exp% = *} = ? <return apart>") ;;
			"$tid execve(?) = -1 ENOEXEC (Exec format error) <entry not seen>") ;;
			"$tid execve(0x"*", 0x"*", $env) = -1 ENOEXEC (Exec format error)") ;;
			*) fail "thread $tid: a line that is not its own call:" "$line" "expected: $full" ;;
			esac
		done <<<"$mine"
	done < <(grep -v '^# ' "$d/out")
}

@test "a SIGKILLed process's files are not lent to the next process given its pid: a vfork child's read of a pipe names the pipe" {
	local d dir line n
	[ -w /proc/sys/kernel/ns_last_pid ] ||
		skip_or_fail "no writable /proc/sys/kernel/ns_last_pid (CONFIG_CHECKPOINT_RESTORE): cannot choose a pid"
	d=$(tmpdir)
	mkdir "$d/dir"
	dir=$(cd "$d/dir" && pwd -P)
	start_tracer -b $RINGS
	run_workload pidreuse "$dir"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	expected_lines "$WL_OUT" "$TRACER_LOG" >"$d/expected"
	[ "$(wc -l <"$d/expected")" = 3 ] || fail "pidreuse printed:" "$(cat "$WL_OUT")"
	# shellcheck disable=SC2046
	extract "$TRACER_LOG" pidreuse $(expected_pids "$WL_OUT" "$WL_PID") >"$d/logged"
	# the killed process's openat, the fresh child's read, the read of the
	# child that got the killed one's pid: each exactly once
	while IFS= read -r line; do
		n=$(grep -cFx -- "$line" "$d/logged" || true)
		if [ "$n" != 1 ]; then
			printf 'the lines of pid %s in the region:\n%s\n' "${line%% *}" \
				"$(grep "^${line%% *} " "$d/logged")" >&2
			fail "expected once, logged $n times: $line"
		fi
	done <"$d/expected"
}

# ---- the tracer killed with SIGKILL ------------------------------------------------

# What of tracing a tracer could leave behind outside its process and the
# BPF objects: ftrace's per-event enable files and set_event (the tracer
# uses perf events, and must never have touched them), and tracefs mounts
# (it mounts a private one where /sys is missing, removed only by a clean
# exit).
tracing_state() {
	grep -H . "$TRACEFS"/events/syscalls/*/enable "$TRACEFS"/events/sched/*/enable 2>/dev/null
	echo "set_event: $(tr '\n' ' ' <"$TRACEFS/set_event")"
	awk '$3 == "tracefs" { print "mount:", $2 }' /proc/self/mounts
}

@test "SIGKILL to a busy tracer whose command runs on: its BPF programs, maps and perf events go, tracefs is as before, and a new tracer logs a workload exactly" {
	local d pid cmd ids alive i before fds size
	d=$(tmpdir)
	before=$(tracing_state)
	# a command that makes calls as fast as it can until it is killed
	start_tracer -b $RINGS -- "$WORKLOADS/loop" 1000000000
	pid=$TRACER_PID
	read -r cmd _ <"/proc/$pid/task/$pid/children" || true
	[ -n "$cmd" ] || fail "the tracer has no child"
	track_pid "$cmd"
	ids=$(tracer_bpf_ids "$pid")
	[ "$(grep -c '^prog:' <<<"$ids")" -ge 2 ] || fail "no BPF programs in /proc/$pid/fdinfo: $ids"
	[ "$(grep -c '^map:' <<<"$ids")" -ge 1 ] || fail "no BPF maps in /proc/$pid/fdinfo: $ids"
	# shellcheck disable=SC2086
	alive=$("$WORKLOADS/bpf_alive" $ids) || true
	[ "$alive" = "$ids" ] || fail "bpf_alive does not see the running tracer's objects: $alive"
	# busy: lines of the command keep coming
	for ((i = 0; i < 100; i++)); do
		size=$(stat -c %s "$TRACER_LOG")
		[ "$size" -gt 1000000 ] && break
		sleep 0.1
	done
	[ "$size" -gt 1000000 ] || fail "the log is $size bytes after 10 s"

	kill -KILL "$pid"
	wait "$pid" 2>/dev/null || true
	TRACER_PID=
	# the objects go once the process and its fds are gone (a perf event
	# holds its program: a program gone is an event gone); bounded
	for ((i = 0; i < 50; i++)); do
		# shellcheck disable=SC2086
		alive=$("$WORKLOADS/bpf_alive" $ids) && break
		sleep 0.1
	done
	[ -z "$alive" ] || fail "BPF objects of the killed tracer still in the kernel after 5 s:" "$alive"
	# while the traced command still runs, holding none of them
	proc_running "$cmd" || fail "the command $cmd ended with the tracer"
	fds=$(find "/proc/$cmd/fd" -lname 'anon_inode:*' -printf '%l\n' 2>/dev/null | grep -E 'bpf|perf' || true)
	[ -z "$fds" ] || fail "the command holds BPF or perf fds:" "$fds"
	[ "$(tracing_state)" = "$before" ] ||
		fail "tracefs differs from before the tracer:" "$(diff <(echo "$before") <(tracing_state))"
	# the log was cut short, and says so by having no stop line
	! tail -1 "$TRACER_LOG" | grep -q '^# stopped' || fail "a stop line from a killed tracer"
	kill -KILL "$cmd"

	# a new tracer starts and logs a workload exactly
	check_workload "" basic
}

# ---- two tracers at once -----------------------------------------------------------

# decode.bats and json.bats run two tracers over one workload and compare
# their logs, which only works if each leaves out itself alone; here that
# is the property under test, on the calls each tracer is sure to make:
# the writes of its own log.
@test "two tracers at once, each excluding only itself: each logs the other's writes to its log but no call of its own, and both log a workload's calls exactly" {
	local d a b x y px py self other
	d=$(tmpdir)
	start_named_tracer a -e openat,write -b $RINGS
	start_named_tracer b -e openat,write -b $RINGS
	a=$(cat "$d/a.tracer")
	b=$(cat "$d/b.tracer")
	run_workload basic
	wait_for_string 10 '"/aitrace-test/end/basic"' "$d/a.log" "$d/b.log"
	stop_named_tracer a
	stop_named_tracer b

	expected_lines "$WL_OUT" "$d/a.log" | grep -E '^[0-9]+ (openat|write)\(' >"$d/expected"
	[ -s "$d/expected" ] || fail "basic recorded no openat or write"
	for x in a b; do
		if [ $x = a ]; then y=b px=$a py=$b; else y=a px=$b py=$a; fi
		# none of its own calls
		self=$(awk -v p="$px" '!/^# / { split($3, id, "/"); if (id[1] == p) print }' "$d/$x.log" | head -3)
		[ -z "$self" ] || fail "tracer $x (pid $px) logged its own calls:" "$self"
		# the other's writes to its log (the header at least: written
		# once this one was tracing)
		other=$(awk -v p="$py" -v logf="$d/$y.log" '
			!/^# / && $4 ~ /^write\([0-9]+</ && substr($4, index($4, "<")) == "<" logf ">," {
				split($3, id, "/")
				if (id[1] == p) n++
			}
			END { print n + 0 }' "$d/$x.log")
		[ "$other" -ge 1 ] || fail "tracer $x logged no write of tracer $y (pid $py) to $d/$y.log"
		echo "# two tracers: $x's log holds $other writes of $y to its log, none of $x's own calls" >&3
		# the workload's calls, exactly
		# shellcheck disable=SC2046
		extract "$d/$x.log" basic $(expected_pids "$WL_OUT" "$WL_PID") >"$d/logged.$x"
		compare_lines "$d/expected" "$d/logged.$x"
	done
}
