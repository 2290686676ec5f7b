#!/usr/bin/env bats
# --kill-on: a traced process that crosses a line is killed, by the kernel
# where the rule allows it (before it can use the call's result), from
# user space otherwise; every enforcement is a record in the log.

load helpers

setup_file() {
	print_environment
}

setup() {
	requires root tracefs bpf built
	AGENT=$WORKLOADS/agent
	[ -x "$AGENT" ] || fail "no $AGENT: run make workloads"
}

# run_traced ARGS... : the tracer with a command; sets ST (its status),
# OUT (the command's stdout), LOG, ERR
run_traced() {
	local d
	d=$(tmpdir)
	LOG=$d/log OUT=$d/out ERR=$d/err ST=0
	timeout -s KILL 60 "$TRACER" -o "$LOG" "$@" >"$OUT" 2>"$ERR" </dev/null 3>&- || ST=$?
}

@test "open:PATH acts in the kernel: the process dies before its next call, the log says so" {
	secret=$(tmpdir)/secret
	echo hush >"$secret"
	run_traced --kill-on "open:$secret" -- "$AGENT" open "$secret"
	[ "$ST" = 137 ] || fail "exit $ST, want 137 (SIGKILL); stderr:" "$(cat "$ERR")"
	! grep -q WROTE "$OUT" || fail "the write after the forbidden open happened"
	grep -q " !!! kill-on \"open:$secret\" by openat: SIGKILL to [0-9]* by the kernel, 0.000000000 s after the call: killed !!!$" "$LOG" ||
		fail "no kernel enforcement line:" "$(grep '!!!' "$LOG")"
	pid=$(grep -o ' [0-9]*/[0-9]* openat([^)]*secret' "$LOG" | head -1 | cut -d/ -f1 | tr -d ' ')
	[ -n "$pid" ] || fail "no openat line for the secret"
	! grep -q " $pid/[0-9]* write(" "$LOG" || fail "a write of the killed process was logged"
}

@test "a syscall rule acts in the kernel too" {
	run_traced --kill-on getppid -- "$AGENT" getppid
	[ "$ST" = 137 ] || fail "exit $ST, want 137; stderr:" "$(cat "$ERR")"
	! grep -q WROTE "$OUT" || fail "the write after getppid happened"
	grep -q '!!! kill-on "getppid" by getppid: SIGKILL to [0-9]* by the kernel' "$LOG" ||
		fail "no enforcement line:" "$(grep '!!!' "$LOG")"
}

@test "--dry-run kills nothing and logs what it would have done" {
	secret=$(tmpdir)/secret
	echo hush >"$secret"
	run_traced --dry-run --kill-on "open:$secret" -- "$AGENT" open "$secret"
	[ "$ST" = 0 ] || fail "exit $ST, want 0; stderr:" "$(cat "$ERR")"
	grep -q WROTE "$OUT" || fail "the agent did not go on"
	grep -q "!!! kill-on \"open:$secret\" by openat: SIGKILL to [0-9]* from user space, .* s after the call: dry run: nothing killed !!!$" "$LOG" ||
		fail "no dry-run line:" "$(grep '!!!' "$LOG")"
}

@test "a glob rule acts from user space, within milliseconds, and says how late" {
	run_traced --kill-on 'connect:127.0.0.0/8' -- "$AGENT" connect
	[ "$ST" = 137 ] || fail "exit $ST, want 137; stderr:" "$(cat "$ERR")"
	! grep -q WROTE "$OUT" || fail "the agent outlived its 300 ms sleep"
	line=$(grep '!!! kill-on "connect:127.0.0.0/8" by connect' "$LOG") ||
		fail "no enforcement line:" "$(grep '!!!' "$LOG")"
	[[ "$line" == *"from user space, 0.0"*" s after the call: killed !!!" ]] ||
		fail "not killed from user space within 0.1 s: $line"
	echo "# $line" | sed 's/.*SIGKILL/# SIGKILL/' >&3
}

@test "--kill-tree: a forbidden exec in a grandchild takes the whole traced tree" {
	forbidden=$(tmpdir)/forbidden
	cp /bin/true "$forbidden"
	marker=$(tmpdir)/survived
	run_traced --kill-tree --kill-on "exec:$forbidden" -- \
		sh -c "sh -c 'sleep 0.1; $forbidden'; sleep 3; touch $marker"
	[ "$ST" = 137 ] || fail "exit $ST, want 137; stderr:" "$(cat "$ERR")"
	[ ! -e "$marker" ] || fail "the top of the tree went on"
	grep -q "!!! kill-on \"exec:$forbidden\" by execve: SIGKILL to [0-9]* and [1-9][0-9]* below it by the kernel" "$LOG" ||
		fail "no tree enforcement line:" "$(grep '!!!' "$LOG")"
	# anchored: the tracer's own command line (and its closing child's,
	# a copy, for the moment before the kernel kills it) holds the words
	! pgrep -f "^sleep 3\$" >/dev/null || fail "a process of the tree is left"
}

@test "-j: an enforcement is a JSON record that names rule, target, mechanism and outcome" {
	requires cmd=jq
	secret=$(tmpdir)/secret
	echo hush >"$secret"
	LOGJ=$(tmpdir)/log.json
	st=0
	timeout -s KILL 60 "$TRACER" -j -o "$LOGJ" --kill-on "open:$secret" -- "$AGENT" open "$secret" >/dev/null 2>&1 </dev/null 3>&- || st=$?
	[ "$st" = 137 ] || fail "exit $st"
	jq -e -s 'map(select(.type == "enforce")) | length == 1 and
		(.[0] | .rule == "open:'"$secret"'" and .syscall == "openat" and
		 .signal == "SIGKILL" and .mechanism == "kernel" and
		 .delay_ns == 0 and .outcome == "killed" and (.target | type) == "number")' "$LOGJ" >/dev/null ||
		fail "enforce record:" "$(grep '"enforce"' "$LOGJ")"
}

@test "bad rules are usage errors that point at the mistake" {
	d=$(tmpdir)
	for rule in 'connect:300.1.1.1' 'open:' 'frobnicate:x' 'connect:10.0.0.0/33' 'nosuchcall'; do
		st=0
		timeout -s KILL 20 "$TRACER" --kill-on "$rule" -- true >"$d/out" 2>"$d/err" </dev/null || st=$?
		[ "$st" = 2 ] || fail "--kill-on '$rule': exit $st, want 2"
		head -1 "$d/err" | grep -q "^aitrace-min: .*$rule\\|^aitrace-min: -e: \"$rule\"" ||
			fail "--kill-on '$rule': message does not name it:" "$(head -1 "$d/err")"
	done
	st=0
	timeout -s KILL 20 "$TRACER" --kill-tree -- true >/dev/null 2>"$d/err" </dev/null || st=$?
	[ "$st" = 2 ] || fail "--kill-tree without a rule: exit $st"
}

@test "the tracer's parent is spared, in the kernel too: it lives on, and the log says spared" {
	d=$(tmpdir)
	secret=$d/secret
	echo hush >"$secret"
	# the shell that starts the tracer (so its parent, traced by -p)
	# opens the forbidden file itself once tracing has begun
	# shellcheck disable=SC2016 # expanded by the inner shell
	run timeout -s KILL 60 bash -c '
		"$1" -o "$2/log" -p $$ --kill-on "open:$3" 2>"$2/err" &
		t=$!
		for ((i = 0; i < 200; i++)); do
			grep -q "^# tracing:" "$2/log" 2>/dev/null && break
			sleep 0.1
		done
		exec 3<"$3"
		echo ALIVE
		kill -INT "$t"
		wait "$t"
		echo "tracer $?"' sh "$TRACER" "$d" "$secret"
	[ "$status" = 0 ] || fail "the shell ended $status (137: killed); output: $output; stderr: $(cat "$d/err")"
	[ "$output" = "ALIVE
tracer 0" ] || fail "output: $output"
	grep -q " !!! kill-on \"open:$secret\" by openat: SIGKILL to [0-9]* from user space, .* s after the call: spared: the tracer, its parent and init are never killed !!!$" "$d/log" ||
		fail "no spared line: $(grep '!!!' "$d/log")"
}

@test "after the stop nothing is killed, though the stopped programs stay attached until the kernel has detached them" {
	# the tracer exits at once and leaves its perf events to a child
	# (docs/design.md, "Stopping"): a rule that killed while tracing
	# must not kill while that child still holds them
	local secret st=0 closer
	secret=$(tmpdir)/secret
	echo hush >"$secret"
	start_tracer --kill-on "open:$secret"
	"$AGENT" open "$secret" >/dev/null 2>&1 || st=$?
	[ "$st" = 137 ] || fail "while tracing: exit $st, want 137"
	stop_tracer
	[ "$TRACER_STATUS" = 0 ] || fail "tracer exited $TRACER_STATUS: $TRACER_STDERR"
	st=0
	"$AGENT" open "$secret" >"$(tmpdir)/out" 2>&1 || st=$?
	closer=$(live_tracers)
	[ "$st" = 0 ] || fail "after the stop: exit $st, want 0:" "$(cat "$(tmpdir)/out")"
	grep -q WROTE "$(tmpdir)/out" || fail "the agent did not get past its open"
	[ -n "$closer" ] || fail "no closing child was left holding the events: the check above proves nothing"
}

@test "--kill-tree on a tree that keeps forking: no process of it escapes" {
	# the top forks sleepers in a loop while the forbidden exec happens
	# below it: it is stopped first, then everything below it killed,
	# and no sleeper it was forking is left behind
	local forbidden sleeper left
	forbidden=$(tmpdir)/forbidden
	sleeper=$(tmpdir)/sleeper
	cp /bin/true "$forbidden"
	cp /bin/sleep "$sleeper"
	run_traced --kill-tree --kill-on "exec:$forbidden" -- \
		sh -c "( $sleeper 0.3; exec $forbidden ) & while :; do $sleeper 7 & done"
	[ "$ST" = 137 ] || fail "exit $ST, want 137; stderr:" "$(cat "$ERR")"
	grep -q "!!! kill-on \"exec:$forbidden\" by execve: SIGKILL to [0-9]* and [1-9][0-9]* below it by the kernel" "$LOG" ||
		fail "no tree enforcement line:" "$(grep '!!!' "$LOG")"
	left=$(pgrep -f "^$sleeper 7" || true)
	[ -z "$left" ] || {
		# shellcheck disable=SC2086 # one word per pid
		kill -KILL $left 2>/dev/null
		fail "$(wc -w <<<"$left") processes of the tree escaped"
	}
}
