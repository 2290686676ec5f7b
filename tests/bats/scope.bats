#!/usr/bin/env bats
# Who is traced: a COMMAND and its whole tree, -p PID with and without -f,
# -c NAME, while unrelated busy processes run alongside; the lineage lines;
# the tracer's exit status in launch mode; and the summary mode (-S), whose
# counts must equal what the workloads issued.
#
# The workload tree (tests/workloads/tree.c) forks a child that forks a
# grandchild and exits before it, forks from a thread a child that execs
# the workload again, has a child whose leader thread exits before its
# other thread, and a last child that lives on after the root has exited.
# It prints the lines the tracer must log for every process, and facts
# ("# tree PIDS", "# fork P/T C", ...) read here with tree_fact.

load helpers

bats_require_minimum_version 1.5.0

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
	[ -x "$WORKLOADS/tree" ] || fail "$WORKLOADS/tree is not built (make workloads)"
}

# tree_fact OUT NAME: the words after "# NAME " (the first such line)
tree_fact() {
	sed -n "s/^# $2 //p" "$1" | head -1
}

# Busy processes that have nothing to do with the tree: a syscall loop, and
# a shell that keeps starting short-lived programs (the tree itself among
# them: same name, same binary, other processes). Ended by teardown: the
# shell when its current tree has finished (no stray tree is left for the
# next test's -c tree to find).
BUSY_SHELL=
start_busy() {
	"$WORKLOADS/loop" 200000000 >/dev/null 2>&1 </dev/null 3>&- &
	BUSY_LOOP=$!
	track_pid "$BUSY_LOOP"
	BUSY_STOP=$(tmpdir)/busy.stop
	STOP=$BUSY_STOP W=$WORKLOADS bash -c '
		while [ ! -e "$STOP" ]; do /bin/true; "$W/tree" >/dev/null 2>&1; done' \
		>/dev/null 2>&1 </dev/null 3>&- &
	BUSY_SHELL=$!
}

stop_busy() {
	[ -n "$BUSY_SHELL" ] || return 0
	: >"$BUSY_STOP"
	wait_gone "$BUSY_SHELL" 100 || kill -KILL "$BUSY_SHELL" 2>/dev/null
	wait "$BUSY_SHELL" 2>/dev/null
	BUSY_SHELL=
	# the last tree's last child ends just after its root
	sleep 0.2
}

teardown() {
	stop_busy
	teardown_processes
}

# The tree, waiting for SIGUSR1 before its region: TREE_PID, TREE_OUT.
start_tree_waiting() {
	local d i
	d=$(tmpdir)
	TREE_OUT=$d/tree.out
	"$WORKLOADS/tree" --wait >"$TREE_OUT" 2>"$d/tree.err" </dev/null 3>&- &
	TREE_PID=$!
	track_pid "$TREE_PID"
	for ((i = 0; i < 100; i++)); do
		grep -q '^# waiting ' "$TREE_OUT" && break
		sleep 0.1
	done
	[ "$(tree_fact "$TREE_OUT" waiting)" = "$TREE_PID" ] ||
		fail "tree --wait did not say '# waiting $TREE_PID': $(cat "$TREE_OUT" "$d/tree.err")"
}

# Release the waiting tree and wait (bounded) for it to exit 0.
run_tree_released() {
	local status=0
	kill -USR1 "$TREE_PID"
	wait_gone "$TREE_PID" 600 || fail "tree $TREE_PID still running after 60 s"
	wait "$TREE_PID" || status=$?
	[ "$status" = 0 ] || fail "tree exited $status: $(cat "$(tmpdir)/tree.err")"
}

# Wait (bounded) for the process the tree left behind to finish.
wait_late() {
	local late
	late=$(tree_fact "$1" late)
	[ -n "$late" ] || fail "no '# late' in $1"
	wait_gone "$late" 300 || fail "the tree's last child $late still running after 30 s"
}

# The tracer stops by itself: wait (bounded), set TRACER_STATUS.
wait_tracer_exit() {
	if ! wait_gone "$TRACER_PID" $((${1:-60} * 10)); then
		fail "the tracer did not stop by itself within ${1:-60} s"
		return 1
	fi
	TRACER_STATUS=0
	wait "$TRACER_PID" || TRACER_STATUS=$?
	TRACER_PID=
	TRACER_STDERR=$(cat "$TRACER_ERR")
}

# only_pids LOG PID...: every line that is not an annotation belongs to
# one of these processes; prints the others
only_pids() {
	local log=$1
	shift
	PIDS="$*" awk '
		BEGIN { n = split(ENVIRON["PIDS"], p, " "); for (i = 1; i <= n; i++) ok[p[i]] = 1 }
		/^# / { next }
		{ split($3, id, "/"); if (!(id[1] in ok)) { bad++; if (bad <= 5) print substr($0, 1, 200) } }
		END { exit bad > 0 }' "$log"
}

# has_line LOG PID/TID TEXT: a line of that thread reading exactly TEXT
# after the time and comm
has_line() {
	local log=$1 id=$2 text=$3
	ID=$id TEXT=$text awk '
		$3 == ENVIRON["ID"] {
			rest = $0
			sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", rest)
			sub(/ <[0-9]+\.[0-9]+>$/, "", rest)
			if (rest == ENVIRON["TEXT"]) found = 1
		}
		END { exit !found }' "$log"
}

# line_no LOG PID/TID PREFIX: the number of the first line of that thread
# whose text starts with PREFIX, or nothing
line_no() {
	ID=$2 PREFIX=$3 awk '
		$3 == ENVIRON["ID"] {
			rest = $0
			sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", rest)
			if (index(rest, ENVIRON["PREFIX"]) == 1) { print NR; exit }
		}' "$1"
}

# expected_tids OUT LOG KEEP|DROP TIDS...: the expected lines of those
# threads (KEEP) or of all others (DROP)
expected_tids() {
	local out=$1 log=$2 mode=$3
	shift 3
	expected_lines "$out" "$log" | MODE=$mode TIDS="$*" awk '
		BEGIN { n = split(ENVIRON["TIDS"], t, " "); for (i = 1; i <= n; i++) in_set[t[i]] = 1 }
		(ENVIRON["MODE"] == "KEEP") == ($1 in in_set)'
}

# Kernels before 5.16 have no group_dead in sched_process_exit: the
# tracer takes the leader's exit for the process's, and a thread that
# runs on after it is lost (documented). Drop that thread's lines from
# the point it runs alone.
after_leader_filter() {
	local out=$1 t3
	if [ "$(version_code "$(uname -r)")" -ge "$(version_code 5.16)" ]; then
		cat
		return
	fi
	t3=$(tree_fact "$out" after-leader)
	T3=$t3 awk '$1 == ENVIRON["T3"] && /t3-after-leader/ { gone = 1 } !($1 == ENVIRON["T3"] && gone)'
}

# check_lineage LOG OUT WHICH: the lineage lines of the facts. WHICH:
# all, late (not those of the early processes), or root (R's forks only)
check_lineage() {
	local log=$1 out=$2 which=$3 parent child path pid early root missing=0
	early=" $(tree_fact "$out" early) "
	root=$(tree_fact "$out" pid)
	while read -r parent child; do
		case $which in
		late) [[ "$early" != *" $child "* ]] || continue ;;
		root) [[ "$early" != *" $child "* ]] && [ "${parent%%/*}" = "$root" ] || continue ;;
		esac
		if ! grep -Eq "^[0-9]+\.[0-9]{9} [^ ]+ $parent \+\+\+ child $child \+\+\+$" "$log"; then
			echo "no lineage line: $parent +++ child $child +++" >&2
			missing=1
		fi
	done < <(sed -n 's/^# fork //p' "$out")
	if [ "$which" != root ]; then
		read -r pid path < <(tree_fact "$out" exec)
		grep -Fq " $pid/$pid +++ exec \"$path\" +++" "$log" || {
			echo "no lineage line: $pid/$pid +++ exec \"$path\" +++" >&2
			missing=1
		}
	fi
	return $missing
}

# The region of every process of the tree against the expectations.
check_tree_region() {
	local log=$1 out=$2 keep=$3 d pids
	shift 3
	d=$(tmpdir)
	pids=$(tree_fact "$out" tree)
	expected_tids "$out" "$log" "$keep" "$@" | after_leader_filter "$out" >"$d/expected"
	[ -s "$d/expected" ] || fail "no expectations from $out"
	# shellcheck disable=SC2086
	extract "$log" tree $pids | MODE=$keep TIDS="$*" awk '
		BEGIN { n = split(ENVIRON["TIDS"], t, " "); for (i = 1; i <= n; i++) in_set[t[i]] = 1 }
		/^# / || (ENVIRON["MODE"] == "KEEP") == ($1 in in_set)' >"$d/logged"
	compare_lines "$d/expected" "$d/logged"
}

# The calls of the last child, made after the root's exit_group: present,
# after it.
check_late_lines() {
	local log=$1 out=$2 root late n_root n_late
	root=$(tree_fact "$out" pid)
	late=$(tree_fact "$out" late)
	has_line "$log" "$late/$late" 'openat(AT_FDCWD, "/aitrace-test/tree/late", O_RDONLY) = -1 ENOENT (No such file or directory)' ||
		fail "no openat of /aitrace-test/tree/late by $late"
	has_line "$log" "$late/$late" 'exit_group(0) = ?' || fail "no exit_group(0) of $late"
	n_root=$(line_no "$log" "$root/$root" "exit_group(")
	n_late=$(line_no "$log" "$late/$late" "openat(")
	[ -n "$n_root" ] && [ -n "$n_late" ] && [ "$n_late" -gt "$n_root" ] ||
		fail "the last child's openat (line $n_late) is not after the root's exit_group (line $n_root)"
}

# ---- a COMMAND --------------------------------------------------------------

@test "-- COMMAND: every call of the whole tree, nothing of the busy processes beside it, lineage, and the command's exit status" {
	d=$(tmpdir)
	start_busy
	sleep 0.5
	status=0
	timeout -s KILL 120 "$TRACER" -o "$d/log" -- "$WORKLOADS/tree" --exit 37 \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || status=$?
	[ "$status" = 37 ] || fail "tracer exited $status, want the command's 37; stderr: $(cat "$d/err")"
	proc_running "$BUSY_LOOP" || fail "the busy loop ended early: the test proves nothing"
	[ "$(tree_fact "$d/out" exit)" = 37 ] || fail "the tree did not run to its end: $(tail -3 "$d/out")"
	# every call of every process of the tree, per thread in order
	check_tree_region "$d/log" "$d/out" DROP
	# nothing from anything else, the busy ones included
	# shellcheck disable=SC2046
	only_pids "$d/log" $(tree_fact "$d/out" tree) >&2 ||
		fail "lines of processes outside the tree (busy loop $BUSY_LOOP, shell $BUSY_SHELL)"
	# who begat whom: every fork (from a thread too) and the exec; the
	# root's own exec is the first lineage line
	check_lineage "$d/log" "$d/out" all || fail "lineage lines missing"
	root=$(tree_fact "$d/out" pid)
	grep -m1 ' +++ ' "$d/log" | grep -Fq " $root/$root +++ exec \"$WORKLOADS/tree\" +++" ||
		fail "first lineage line: $(grep -m1 ' +++ ' "$d/log")"
	# the tree ends with its last child, which outlives the root: the
	# tracer waited for it
	check_late_lines "$d/log" "$d/out"
	tail -1 "$d/log" | grep -q '^# stopped (command exited) at ' || fail "stop line: $(tail -1 "$d/log")"
}

@test "-- COMMAND: the command's exit status is the tracer's, 128+N when signal N killed it" {
	d=$(tmpdir)
	for want in "0:exit 0" "3:exit 3" "255:exit 255" "143:kill -TERM \$\$" "137:kill -KILL \$\$" "138:kill -USR1 \$\$"; do
		status=0
		timeout -s KILL 60 "$TRACER" -o "$d/log" -- sh -c "${want#*:}" \
			>/dev/null 2>"$d/err" </dev/null 3>&- || status=$?
		[ "$status" = "${want%%:*}" ] ||
			fail "sh -c '${want#*:}': tracer exited $status, want ${want%%:*}; stderr: $(cat "$d/err")"
		tail -1 "$d/log" | grep -q '^# stopped (command exited) ' || fail "stop line: $(tail -1 "$d/log")"
	done
}

@test "-- COMMAND: the command starts stopped, so its very first call is logged: its execve" {
	d=$(tmpdir)
	timeout -s KILL 60 "$TRACER" -o "$d/log" -- "$WORKLOADS/tree" >"$d/out" 2>"$d/err" </dev/null 3>&- ||
		fail "tracer: $(cat "$d/err")"
	root=$(tree_fact "$d/out" pid)
	first=$(awk '!/^# / && $4 !~ /^\+\+\+/' "$d/log" | head -1)
	[[ "$first" == *" $root/$root execve(\"$WORKLOADS/tree\", [\"$WORKLOADS/tree\"], 0x"*") = 0 <"* ]] ||
		fail "first line: $first"
}

@test "-- COMMAND -e read: the exec lines still name the file though no traced call captures a string" {
	d=$(tmpdir)
	status=0
	timeout -s KILL 60 "$TRACER" -e read -o "$d/log" -- "$WORKLOADS/tree" \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || status=$?
	[ "$status" = 0 ] || fail "tracer exited $status: $(cat "$d/err")"
	check_lineage "$d/log" "$d/out" all || fail "lineage lines missing"
	! awk '!/^# / && $4 !~ /^(\+\+\+|read\()/' "$d/log" | grep -q . || fail "lines other than read and lineage"
}

@test "-- COMMAND -j: fork and exec records name the parent, the child and the file" {
	requires cmd=jq
	d=$(tmpdir)
	timeout -s KILL 60 "$TRACER" -j -o "$d/log" -- "$WORKLOADS/tree" \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	jq -e . "$d/log" >/dev/null || fail "not JSON lines"
	while read -r parent child; do
		jq -s -e --argjson p "${parent%%/*}" --argjson t "${parent#*/}" --argjson c "$child" \
			'any(.[]; .type == "fork" and .pid == $p and .tid == $t and .child == $c)' \
			"$d/log" >/dev/null || fail "no fork record $parent -> $child"
	done < <(sed -n 's/^# fork //p' "$d/out")
	read -r pid path < <(tree_fact "$d/out" exec)
	jq -s -e --argjson p "$pid" --arg f "$path" \
		'any(.[]; .type == "exec" and .pid == $p and .tid == $p and .filename == $f and .old_pid == $p)' \
		"$d/log" >/dev/null || fail "no exec record of $pid: $(grep '"exec"' "$d/log")"
}

# ---- -p --------------------------------------------------------------------------

@test "-p PID without -f: that process and its threads only, not its children; the tracer stops when it has exited" {
	d=$(tmpdir)
	start_busy
	start_tree_waiting
	start_tracer -p "$TREE_PID"
	run_tree_released
	wait_tracer_exit 60
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	grep -q '^# stopped (traced processes exited) at ' "$TRACER_LOG" ||
		fail "stop line: $(tail -1 "$TRACER_LOG")"
	# the root's threads' lines, exactly; the lines it expects for C2
	# are C2's, which is not traced
	# shellcheck disable=SC2046
	check_tree_region "$TRACER_LOG" "$TREE_OUT" KEEP $(tree_fact "$TREE_OUT" root-tids)
	only_pids "$TRACER_LOG" "$TREE_PID" >&2 || fail "lines of processes other than $TREE_PID"
	# its forks are named all the same, its children's are not logged
	check_lineage "$TRACER_LOG" "$TREE_OUT" root || fail "lineage lines missing"
	! grep -q ' +++ exec ' "$TRACER_LOG" || fail "an exec line: $(grep ' +++ exec ' "$TRACER_LOG")"
}

@test "-p PID -f: its children from now on too, not the ones it had before; the tracer stops when the last has exited" {
	d=$(tmpdir)
	start_busy
	start_tree_waiting
	start_tracer -f -p "$TREE_PID"
	run_tree_released
	wait_tracer_exit 60
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	grep -q '^# stopped (traced processes exited) at ' "$TRACER_LOG" ||
		fail "stop line: $(tail -1 "$TRACER_LOG")"
	# all but C3 and its thread, made before the tracer
	# shellcheck disable=SC2046
	check_tree_region "$TRACER_LOG" "$TREE_OUT" DROP $(tree_fact "$TREE_OUT" early)
	read -r root c1 g1 c2 c3 late < <(tree_fact "$TREE_OUT" tree)
	only_pids "$TRACER_LOG" "$root" "$c1" "$g1" "$c2" "$late" >&2 ||
		fail "lines of processes outside the followed tree (C3 $c3 came before the tracer)"
	check_lineage "$TRACER_LOG" "$TREE_OUT" late || fail "lineage lines missing"
	# the last child lives on after the root: followed to its end
	check_late_lines "$TRACER_LOG" "$TREE_OUT"
}

@test "-p PID: a process that exits while the tracer sets up does not keep it waiting" {
	# the pid is in scope before sched_process_exit is watched: vanish
	# exits once the tracer loads its programs (after it checked the pid,
	# before it attached). A tracer that missed that exit would wait for
	# ever. The default set: 33 syscall programs and 3 sched ones.
	d=$(tmpdir)
	"$WORKLOADS/vanish" "$d/tracer.pid" 36 </dev/null >/dev/null 2>&1 3>&- &
	victim=$!
	track_pid "$victim"
	"$TRACER" -p "$victim" -o "$d/log" </dev/null >/dev/null 2>"$d/err" 3>&- &
	TRACER_PID=$!
	TRACER_ERR=$d/err
	echo "$TRACER_PID" >"$d/tracer.pid"
	wait_gone "$victim" 300 || fail "vanish did not see the tracer load its programs"
	status=0
	wait "$victim" || status=$?
	[ "$status" = 0 ] || fail "vanish exited $status: it missed the window (3) or saw nothing (1)"
	wait_tracer_exit 20
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	grep -q '^# stopped (traced processes exited) at ' "$d/log" || fail "stop line: $(tail -1 "$d/log")"
}

# ---- -c -------------------------------------------------------------------------

@test "-c NAME: a process started later that execs into NAME is traced, the others are not" {
	d=$(tmpdir)
	start_tracer -c tree
	start_busy
	run_workload tree
	wait_late "$WL_OUT"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	read -r root c1 g1 c2 c3 late < <(tree_fact "$WL_OUT" tree)
	# the root execed into tree: its calls, exactly
	# shellcheck disable=SC2046
	check_tree_region "$TRACER_LOG" "$WL_OUT" KEEP $(tree_fact "$WL_OUT" root-tids)
	grep -Fq " $root/$root +++ exec \"$WORKLOADS/tree\" +++" "$TRACER_LOG" || fail "no exec line of the root"
	# C2 execed into tree too: what it did after
	has_line "$TRACER_LOG" "$c2/$c2" 'openat(AT_FDCWD, "/aitrace-test/tree/exec-child", O_RDONLY) = -1 ENOENT (No such file or directory)' ||
		fail "C2 ($c2), which execed tree, is not traced"
	has_line "$TRACER_LOG" "$c2/$c2" 'exit_group(42) = ?' || fail "no exit_group(42) of C2 ($c2)"
	grep -Fq " $c2/$c2 +++ exec \"$WORKLOADS/tree\" +++" "$TRACER_LOG" || fail "no exec line of C2"
	# nothing of the loop, the shell or its /bin/true, none of which
	# execed into tree (the busy shell's own trees did: they may be there)
	! awk '!/^# / { split($3, id, "/"); if (id[1] == ENVIRON["L"]) found = 1 } END { exit !found }' L="$BUSY_LOOP" "$TRACER_LOG" ||
		fail "lines of the busy loop $BUSY_LOOP"
	! awk '!/^# / && $2 != "tree"' "$TRACER_LOG" | grep -q . ||
		fail "lines of processes not named tree: $(awk '!/^# / && $2 != "tree"' "$TRACER_LOG" | head -3)"
}

@test "-c NAME -f: a process of that name already running is found, and its children from then on are followed" {
	d=$(tmpdir)
	start_tree_waiting
	start_tracer -f -c tree
	run_tree_released
	wait_late "$TREE_OUT"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	# all of the tree: C3 has the name too, and was running at the start
	check_tree_region "$TRACER_LOG" "$TREE_OUT" DROP
	# shellcheck disable=SC2046
	only_pids "$TRACER_LOG" $(tree_fact "$TREE_OUT" tree) >&2 || fail "lines of processes outside the tree"
	check_lineage "$TRACER_LOG" "$TREE_OUT" late || fail "lineage lines missing"
	check_late_lines "$TRACER_LOG" "$TREE_OUT"
}

# ---- -S ------------------------------------------------------------------------------

# summary_table LOG: the last table of LOG as "name calls errors" (with a
# pid column: "pid name calls errors"), sorted
summary_table() {
	awk '
		/^% time / { rows = ""; pid = ($7 == "pid"); inside = 1; rules = 0; next }
		inside && /^------/ { if (++rules == 2) inside = 0; next }
		inside && rules == 1 {
			errors = 0
			if (pid) { if (NF == 7) errors = $5; rows = rows $(NF - 1) " " $NF " " $4 " " errors "\n" }
			else { if (NF == 6) errors = $5; rows = rows $NF " " $4 " " errors "\n" }
		}
		END { printf "%s", rows }' "$1" | sort
}

# summary_total LOG: "calls errors" of the last table's total line
summary_total() {
	awk '$NF == "total" { errors = (NF == 6 ? $5 : 0); t = $4 " " errors } END { print t }' "$1"
}

@test "-S: per syscall, the calls and errors the command issued, counted in the kernel; no line per call" {
	d=$(tmpdir)
	for n in 1000 21000; do
		timeout -s KILL 120 "$TRACER" -S -o "$d/log.$n" -- "$WORKLOADS/loop" "$n" \
			>"$d/out.$n" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
		grep -qx '# failed 0' "$d/out.$n" || fail "loop $n: $(cat "$d/out.$n")"
		summary_table "$d/log.$n" >"$d/table.$n"
		# no syscall lines: annotations and the table only
		! grep -Ev '^(# |% time |------ |[ 0-9]{3}\.[0-9]{2} )' "$d/log.$n" | grep -q . ||
			fail "lines besides the table: $(grep -Ev '^(# |% time |------ |[ 0-9]{3}\.[0-9]{2} )' "$d/log.$n" | head -3)"
		grep -Eq '^# summary at the end, [0-9]+\.[0-9]{3} s after the start$' "$d/log.$n" ||
			fail "no '# summary at the end' line"
		[ "$(grep -c '^% time ' "$d/log.$n")" = 1 ] || fail "not one table"
		# the total is the sum of the rows
		[ "$(awk '{ c += $2; e += $3 } END { print c " " e }' "$d/table.$n")" = "$(summary_total "$d/log.$n")" ] ||
			fail "total $(summary_total "$d/log.$n") is not the sum of: $(cat "$d/table.$n")"
		# every call loop made in its region, at least
		while read -r name count; do
			got=$(awk -v n="$name" '$1 == n { print $2 }' "$d/table.$n")
			[ "${got:-0}" -ge "$count" ] || fail "loop $n: $name counted ${got:-0}, it made $count"
		done < <(grep -v '^# ' "$d/out.$n")
	done
	# 20000 more iterations: exactly 20000 more of each call it loops
	# on, and the same of everything else (start-up, markers, exit)
	join -a1 -a2 -e 0 -o 0,1.2,1.3,2.2,2.3 "$d/table.1000" "$d/table.21000" >"$d/joined"
	loops=" openat read close write mmap munmap brk futex "
	while read -r name c1 e1 c2 e2; do
		if [[ "$loops" == *" $name "* ]]; then
			[ $((c2 - c1)) = 20000 ] || fail "$name: $c1 then $c2 calls, want 20000 more"
		else
			[ "$c2" = "$c1" ] || fail "$name: $c1 then $c2 calls, want the same"
		fi
		[ "$e2" = "$e1" ] || fail "$name: $e1 then $e2 errors, want the same (loop makes none)"
	done <"$d/joined"
	# the 8 syscalls and at least execve and exit_group
	[ "$(wc -l <"$d/joined")" -ge 10 ] || fail "rows: $(cat "$d/joined")"
}

@test "-S: the errors column counts the failed calls, exactly, and only those" {
	d=$(tmpdir)
	timeout -s KILL 120 "$TRACER" -S -o "$d/log" -- "$WORKLOADS/tree" \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	summary_table "$d/log" >"$d/table"
	# every openat of the tree fails (ENOENT): those of the expectations,
	# the two markers and the last child's
	want=$(($(grep -c '^[0-9]* openat(.* = -1 ENOENT ' "$d/out") + 3))
	[ "$(awk '$1 == "openat" { print $2 " " $3 }' "$d/table")" = "$want $want" ] ||
		fail "openat row $(awk '$1 == "openat"' "$d/table"), want $want calls, $want errors"
	# clone, execve and exit_group do not fail here
	for name in clone execve exit_group; do
		[ "$(awk -v n=$name '$1 == n { print $3 }' "$d/table")" = 0 ] ||
			fail "$name: $(awk -v n=$name '$1 == n' "$d/table")"
	done
	# a blank errors column for a row without errors
	grep -Eq '^ *[0-9]+\.[0-9]{2} +[0-9]+\.[0-9]{6} +[0-9]+ +[0-9]+ {11}exit_group$' "$d/log" ||
		fail "exit_group row: $(grep ' exit_group$' "$d/log")"
}

@test "-S --per-process: rows per process and syscall, exactly what each child issued" {
	d=$(tmpdir)
	timeout -s KILL 120 "$TRACER" -S --per-process -o "$d/log" -- "$WORKLOADS/tree" \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	grep -q '^% time     seconds  usecs/call     calls    errors     pid syscall$' "$d/log" ||
		fail "header: $(grep '^% time' "$d/log")"
	summary_table "$d/log" >"$d/table"
	read -r root c1 g1 c2 c3 late < <(tree_fact "$d/out" tree)
	# every row is one of the tree's processes
	bad=$(awk -v pids=" $root $c1 $g1 $c2 $c3 $late " 'index(pids, " " $1 " ") == 0' "$d/table")
	[ -z "$bad" ] || fail "rows of other processes: $bad"
	# the children forked in the region made only the calls they expect
	# (C2's execve and what the image did; L's two late calls)
	rows() { awk -v p="$1" '$1 == p { print $2 " " $3 " " $4 }' "$d/table" | paste -sd' '; }
	[ "$(rows "$c1")" = "clone 1 0 exit_group 1 0 openat 1 1" ] || fail "C1 $c1: $(rows "$c1")"
	[ "$(rows "$g1")" = "exit_group 1 0 openat 1 1" ] || fail "G1 $g1: $(rows "$g1")"
	[ "$(rows "$c2")" = "execve 1 0 exit_group 1 0 openat 1 1" ] || fail "C2 $c2: $(rows "$c2")"
	[ "$(rows "$late")" = "exit_group 1 0 openat 1 1" ] || fail "L $late: $(rows "$late")"
	# and the root has its own rows
	[ -n "$(rows "$root")" ] || fail "no rows of the root $root"
}

@test "-S -j: one summary record with the numbers of the table" {
	d=$(tmpdir)
	requires cmd=jq
	timeout -s KILL 120 "$TRACER" -S -o "$d/log.txt" -- "$WORKLOADS/loop" 5000 \
		>/dev/null 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	timeout -s KILL 120 "$TRACER" -S -j -o "$d/log.json" -- "$WORKLOADS/loop" 5000 \
		>/dev/null 2>"$d/err" </dev/null 3>&- || fail "tracer -j: $(cat "$d/err")"
	# every line is JSON; one summary record, the final one
	jq -e . "$d/log.json" >/dev/null || fail "not JSON lines: $(head -3 "$d/log.json")"
	[ "$(jq -r .type "$d/log.json" | paste -sd' ')" = "start summary stop" ] ||
		fail "records: $(jq -r .type "$d/log.json" | paste -sd' ')"
	jq -s -e 'map(select(.type == "summary")) | length == 1 and (.[0] |
		.final == true and (.elapsed_ns | type) == "number" and .elapsed_ns > 0
		and (.rows | length) > 0 and (.rows | all(has("pid") | not)))' "$d/log.json" >/dev/null ||
		fail "summary record: $(grep '"summary"' "$d/log.json")"
	# the counts of the table (loop 5000 makes the same calls each run)
	jq -r 'select(.type == "summary") | .rows[] | "\(.syscall) \(.calls) \(.errors)"' "$d/log.json" |
		sort >"$d/json.rows"
	summary_table "$d/log.txt" >"$d/text.rows"
	diff -u "$d/text.rows" "$d/json.rows" >&2 || fail "-j rows differ from the table's (-text +json)"
	# the total is the sum of the rows, time included
	jq -s -e 'map(select(.type == "summary"))[0] | .total.calls == ([.rows[].calls] | add)
		and .total.errors == ([.rows[].errors] | add)
		and .total.time_ns == ([.rows[].time_ns] | add)' "$d/log.json" >/dev/null ||
		fail "total: $(jq -c 'select(.type == "summary") | .total' "$d/log.json")"
	# --per-process adds each row's pid
	timeout -s KILL 120 "$TRACER" -S -j --per-process -o "$d/pp.json" -- "$WORKLOADS/loop" 100 \
		>"$d/pp.out" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	pid=$(sed -n 's/^# pid //p' "$d/pp.out")
	jq -s -e --argjson pid "$pid" 'map(select(.type == "summary"))[0] | .rows | length > 0 and all(.pid == $pid)' \
		"$d/pp.json" >/dev/null || fail "per-process rows: $(grep '"summary"' "$d/pp.json")"
}

@test "-S -i 1: a table every second while it runs, then the final one" {
	d=$(tmpdir)
	# shellcheck disable=SC2016 # for sh -c
	cmd='i=0; while [ $i -lt 35 ]; do /bin/true; sleep 0.1; i=$((i + 1)); done'
	timeout -s KILL 120 "$TRACER" -S -i 1 -o "$d/log" -- sh -c "$cmd" \
		>/dev/null 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	so_far=$(grep -c '^# summary so far, ' "$d/log")
	[ "$so_far" -ge 2 ] && [ "$so_far" -le 6 ] || fail "$so_far intermediate tables in about 4 s"
	[ "$(grep -c '^# summary at the end, ' "$d/log")" = 1 ] || fail "not one final table"
	grep -q '^# summary at the end, ' <(grep '^# summary' "$d/log" | tail -1) || fail "the final table is not the last"
	# the counts only grow, table after table
	awk '$NF == "total" { if ($4 + 0 < last) { print "total fell from " last " to " $4; bad = 1 } last = $4 + 0 }
		END { exit bad }' "$d/log" || fail "a total went down"
	# and with -j, records with final false, then one with final true
	requires cmd=jq
	timeout -s KILL 120 "$TRACER" -S -i 1 -j -o "$d/log.json" -- sh -c "$cmd" \
		>/dev/null 2>"$d/err" </dev/null 3>&- || fail "tracer -j: $(cat "$d/err")"
	finals=$(jq -r 'select(.type == "summary") | .final' "$d/log.json" | paste -sd' ')
	[[ "$finals" =~ ^(false\ ){2,}true$ ]] || fail "summary records' final: $finals"
}

# The kernel-side maps have fixed sizes (--max-procs, --max-inflight,
# --max-rows); when one is full, the log says so and by how much.

# run_storm DIR N TRACER-ARGS...: the tracer (log DIR/log) around storm N,
# whose children's pids, in fork order, go to the array kids
run_storm() {
	local d=$1 n=$2
	shift 2
	timeout -s KILL 120 "$TRACER" "$@" -o "$d/log" -- "$WORKLOADS/storm" "$n" \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || fail "tracer: $(cat "$d/err")"
	grep -qx '# failed 0' "$d/out" || fail "storm: $(cat "$d/out")"
	read -r -a kids < <(sed -n 's/^# children //p' "$d/out")
	[ "${#kids[@]}" = "$n" ] || fail "children: ${kids[*]}"
}

@test "--max-procs 8: of 30 live children, 7 are followed; the other 23 forks say 'not followed', and the log and stderr count them" {
	d=$(tmpdir)
	run_storm "$d" 30 --max-procs 8 -e getppid
	# the command fills 1 entry: its first 7 children fill the map, and
	# they stay alive until all 30 exist, so no room comes back
	for i in "${!kids[@]}"; do
		c=${kids[$i]}
		fork=$(grep -E " \+\+\+ child $c( not followed: scope map full)? \+\+\+$" "$d/log") ||
			fail "no fork line for child $c"
		calls=$(grep -c " $c/$c getppid() = " "$d/log" || true)
		if [ "$i" -lt 7 ]; then
			[[ "$fork" != *"not followed"* ]] || fail "child $((i + 1)) not followed: $fork"
			[ "$calls" = 1 ] || fail "child $((i + 1)) ($c): $calls getppid lines, want 1"
		else
			[[ "$fork" == *" not followed: scope map full +++" ]] || fail "child $((i + 1)) followed: $fork"
			[ "$calls" = 0 ] || fail "child $((i + 1)) ($c) is not in scope but has $calls lines"
		fi
	done
	grep -qx '# 23 new processes not followed: the scope map was full (--max-procs)' "$d/log" ||
		fail "no note: $(grep '^# ' "$d/log")"
	grep -qx 'aitrace-min: 23 new processes were not followed: the scope map was full (raise --max-procs)' "$d/err" ||
		fail "stderr: $(cat "$d/err")"
	# the same in JSON: a mark on each such fork record, and a note
	requires cmd=jq
	timeout -s KILL 120 "$TRACER" -j --max-procs 8 -e getppid -o "$d/log.json" -- "$WORKLOADS/storm" 30 \
		>"$d/out" 2>"$d/err" </dev/null 3>&- || fail "tracer -j: $(cat "$d/err")"
	jq -s -e '[.[] | select(.type == "fork" and .not_followed == "scope map full")] | length == 23' \
		"$d/log.json" >/dev/null || fail "JSON forks: $(grep '"fork"' "$d/log.json" | head -3)"
	jq -s -e '[.[] | select(.type == "note" and .count == 23)] | length == 1' "$d/log.json" >/dev/null ||
		fail "JSON note: $(grep '"note"' "$d/log.json")"
}

@test "--max-inflight 1: 10 children blocked in read at once; the calls that found no room are logged without arguments, and counted" {
	d=$(tmpdir)
	run_storm "$d" 10 --max-inflight 1 -e read
	blind=0
	for c in "${kids[@]}"; do
		line=$(grep " $c/$c read(" "$d/log") || fail "no read line of child $c"
		[ "$(printf '%s\n' "$line" | wc -l)" = 1 ] || fail "child $c: $line"
		case $line in
		*" read(?) = 0 <entry not seen>") blind=$((blind + 1)) ;;
		*" read("[0-9]*", "*", 1) = 0 <"*) ;;
		*) fail "child $c: $line" ;;
		esac
	done
	# one slot for ten calls in flight together: at least nine found it taken
	[ "$blind" -ge 9 ] || fail "$blind children's reads without arguments, want >= 9"
	# and the note counts every such line (the parent's reads too)
	n=$(grep -c '<entry not seen>$' "$d/log")
	grep -qx "# $n calls logged without arguments: the in-flight table was full (--max-inflight)" "$d/log" ||
		fail "$n lines without arguments; notes: $(grep '^# ' "$d/log")"
}

@test "-S --max-rows 1: one row is counted, the other syscall's calls are counted as left out: the two add up to the unlimited total" {
	d=$(tmpdir)
	# storm's children make one getppid each, its parent one write or
	# writev (its report, buffered; musl's stdio uses writev): the same
	# calls in both runs
	for rows in "" 1; do
		timeout -s KILL 120 "$TRACER" -S -e getppid,write,writev ${rows:+--max-rows "$rows"} -o "$d/log$rows" -- "$WORKLOADS/storm" 10 \
			>"$d/out" 2>"$d/err$rows" </dev/null 3>&- || fail "tracer: $(cat "$d/err$rows")"
	done
	read -r all _ < <(summary_total "$d/log")
	read -r counted _ < <(summary_total "$d/log1")
	[ "$(summary_table "$d/log1" | wc -l)" = 1 ] || fail "rows: $(summary_table "$d/log1")"
	left=$(sed -n 's/^# \([0-9]*\) calls not counted: the summary map was full (--max-rows)$/\1/p' "$d/log1")
	[ -n "$left" ] || fail "no note: $(grep '^# ' "$d/log1")"
	[ "$(summary_table "$d/log" | wc -l)" -ge 2 ] || fail "unlimited rows: $(summary_table "$d/log")"
	[ "$all" -ge 11 ] || fail "unlimited total $all, want >= 11"
	[ $((counted + left)) = "$all" ] || fail "$counted counted + $left not = $((counted + left)), unlimited: $all"
	grep -q "aitrace-min: $left calls were not counted: the summary map was full (raise --max-rows)" "$d/err1" ||
		fail "stderr: $(cat "$d/err1")"
}
