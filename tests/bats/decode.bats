#!/usr/bin/env bats
# Decoding, fd paths and JSON lines (issue 3), against the decode workload
# (tests/workloads/decode.c): it makes every decoded call of the default set
# in one region per family and prints the exact line strace -y would show
# for each, plus facts about the JSON keys each record must hold.
#
# One run for the whole file, watched by two tracers at once: one writing
# text, one writing JSON (-j). Why not two runs, one per format? Then the
# two logs would hold different calls: every pid, address, port, socket
# inode and fd number would differ, and records could only be compared
# after masking the very values most worth comparing. Two tracers see the
# same calls (each excludes only itself), so every JSON record must render
# to its text line exactly. What legitimately differs is what each
# tracer's own programs measure: times and durations (each program takes
# its timestamps around the other's), which the comparison leaves out.
#
# The workload stays alive, holding its fds, until both logs show its last
# marker: the tracer names fds it did not see opened (sockets, a pipe, an
# fd inherited from the test) from /proc when it writes their lines.

load helpers
load jsonlog

RINGS=512 # pages per CPU (2 MiB): a busy machine must not make us lose lines

setup_file() {
	print_environment
	requires root tracefs bpf built cmd=jq
	local d=$BATS_FILE_TMPDIR pid
	mkdir -p "$d/dir"
	DIR=$(cd "$d/dir" && pwd -P) # /proc names it without symlinks
	export DIR
	# an fd opened before tracing began, inherited by the workload (the
	# tracers inherit it too, which changes nothing for them)
	echo "opened before tracing began" >"$d/inherited.txt"
	INHERITED=$(cd "$d" && pwd -P)/inherited.txt
	export INHERITED
	exec 7<"$INHERITED"
	start_named_tracer text -b $RINGS || return
	start_named_tracer json -j -b $RINGS || return
	DECODE_WAIT=1 DECODE_INHERITED="7:$INHERITED" \
		timeout "$WORKLOAD_TIMEOUT" "$WORKLOADS/decode" "$DIR" \
		>"$d/decode.out" 2>"$d/decode.stderr" </dev/null 3>&- &
	pid=$!
	echo "$pid" >"$d/decode.timeout"
	exec 7<&-
	# the workload has printed everything and waits; both tracers have
	# written its last marker, made after printing (and so asked /proc
	# about its fds for every line before it)
	wait_for_string 30 '"/aitrace-test/end/decode-printed"' \
		"$d/text.log" "$d/json.log" || {
		cat "$d/decode.stderr" >&2
		return 1
	}
	kill -USR1 "$(sed -n 's/^# pid //p' "$d/decode.out")"
	wait "$pid" || fail "decode exited with $?: $(cat "$d/decode.stderr")" || return
	stop_named_tracer text || return
	stop_named_tracer json || return
}

teardown_file() {
	local pid
	# a workload left waiting by a failed setup (timeout passes SIGTERM on)
	pid=$(cat "$BATS_FILE_TMPDIR/decode.timeout" 2>/dev/null) &&
		proc_running "$pid" && kill -TERM "$pid" 2>/dev/null
	end_named_tracers
}

setup() {
	requires root tracefs bpf built cmd=jq
	OUT=$BATS_FILE_TMPDIR/decode.out
	TEXT=$BATS_FILE_TMPDIR/text.log
	JSON=$BATS_FILE_TMPDIR/json.log
	WL_PID=$(sed -n 's/^# pid //p' "$OUT")
	PIDS=$(expected_pids "$OUT" "$WL_PID")
}

# The region TAG of the text log against the workload's lines for it.
check_section() {
	local tag=$1 d
	d=$(tmpdir)
	section "$OUT" "$tag" >"$d/expected"
	[ -s "$d/expected" ] || fail "the workload printed no lines for $tag"
	# shellcheck disable=SC2086
	extract "$TEXT" "$tag" $PIDS >"$d/logged"
	compare_lines "$d/expected" "$d/logged"
}

@test "open and openat: flags, modes only with O_CREAT, errors, AT_FDCWD, a directory fd, relative and long paths, fds named on read, write and close" {
	check_section decode-files
}

@test "a call on an fd the process closed names no file, even when the number is taken again before the tracer writes the line" {
	check_section decode-reuse
}

@test "an O_TMPFILE fd is named as /proc names it (an unnamed file in the directory), not as the directory" {
	check_section decode-tmpfile
}

@test "mmap prot and flags by name, a file mapping at an offset, unknown bits in hex, munmap, brk(NULL)" {
	check_section decode-mem
}

@test "futex operations by name, with the arguments strace shows for each (WAKE 3, WAIT 4, WAIT_BITSET 5, WAKE_BITSET 4, CMP_REQUEUE 6)" {
	check_section decode-futex
}

@test "fork, vfork, clone with fork-like, vfork-like and thread flags, clone3's struct clone_args, and the children's exits" {
	check_section decode-process
}

@test "pthread_create's clone carries the C library's thread flags and returns the new thread's id" {
	local d tid call flags prefix n line
	d=$(tmpdir)
	read -r tid call flags <<<"$(sed -n 's/^# thread //p' "$OUT")"
	[ -n "$flags" ] || fail "no '# thread' fact in the workload's output"
	case $call in
	clone) prefix="$WL_PID clone($flags, " ;;          # musl
	clone3) prefix="$WL_PID clone3({flags=$flags, " ;; # glibc
	*) fail "unknown call $call in the '# thread' fact" ;;
	esac
	# the region also holds the C library's own calls (the stack's mmap,
	# futexes of the join): only the creating call is checked
	extract "$TEXT" decode-thread "$WL_PID" >"$d/logged"
	grep -E "^$WL_PID $call\(" "$d/logged" >"$d/calls" || true
	n=$(wc -l <"$d/calls")
	[ "$n" = 1 ] || fail "want one $call line of thread $WL_PID in the region, got $n:" "$(cat "$d/logged")"
	line=$(cat "$d/calls")
	[[ $line == "$prefix"* && $line == *") = $tid" ]] ||
		fail "want: ${prefix}...) = $tid" "got:  $line"
}

@test "ioctl requests by name (TCGETS, TIOCGPTN, DRM core), other families' requests on /dev/null in strace's _IOC form, fds named" {
	check_section decode-ioctl
}

@test "connect shows AF_INET, AF_INET6, v4-mapped, AF_UNIX path and abstract addresses of our own listeners, refused and short ones" {
	grep -qx '# no-ipv6' "$OUT" && skip_or_fail "no IPv6 on loopback: the AF_INET6 calls were left out"
	check_section decode-net
}

@test "execve's argv is cut after 32 strings and by its 4 KiB budget, each string at -s; empty and NULL argv" {
	check_section decode-exec
}

@test "an fd opened before tracing began is named from /proc while the process lives" {
	check_section decode-inherited
	grep -qF "read(7<$INHERITED>, " "$(tmpdir)/logged" ||
		fail "read(7<$INHERITED>, ...) not in the region"
}

@test "a child that dup2s a file onto an inherited fd and execs, as a shell's redirection does, is never lent its parent's file: the fd is the dup2's" {
	check_section decode-redirect
}

@test "-j: every line is one JSON object; start first, stop last, seq counting up by one" {
	local d bad
	d=$(tmpdir)
	# each line alone is one complete object
	jq -c . "$JSON" >"$d/objects" 2>"$d/jq.err" || fail "jq cannot parse the log:" "$(head -c 2000 "$d/jq.err")"
	[ "$(wc -l <"$d/objects")" = "$(wc -l <"$JSON")" ] ||
		fail "$(wc -l <"$JSON") lines hold $(wc -l <"$d/objects") JSON values"
	bad=$(grep -vn '^{.*}$' "$JSON" | head -3 | cut -c1-200)
	[ -z "$bad" ] || fail "lines that are not one object:" "$bad"
	jq -r '[.seq, .type] | @tsv' "$JSON" >"$d/seq"
	awk -F'\t' '
		NR == 1 && $2 != "start" { print "first record is " $2; bad = 1 }
		NR > 1 && $2 == "start" { print "start record at line " NR; bad = 1 }
		$1 != NR - 1 { print "line " NR " has seq " $1; bad = 1; exit }
		$2 !~ /^(start|syscall|lost|note|stop)$/ { print "line " NR ": type " $2; bad = 1 }
		{ last = $2; if ($2 == "stop") stops++ }
		END { if (last != "stop" || stops != 1) { print "last record " last ", " stops " stop records"; bad = 1 }; exit bad }
	' "$d/seq" || fail "record order is wrong (above)"
}

@test "-j: start and stop records say what was traced and how much was written" {
	local start stop n unfinished
	start=$(head -1 "$JSON")
	stop=$(tail -1 "$JSON")
	echo "$start" | jq -e \
		--arg version "$(sed -n 's/^# aitrace-min \([^ ]*\) .*/\1/p' "$TEXT")" \
		--arg tracing "$(sed -n 's/^# tracing: //p' "$TEXT" | cut -d';' -f1)" \
		--argjson pid "$(cat "$BATS_FILE_TMPDIR/json.tracer")" \
		--arg release "$(uname -r)" --arg machine "$(uname -m)" \
		--argjson rings "$RINGS" '
		.version == $version and .tracer_pid == $pid and
		.sysname == "Linux" and .release == $release and
		.machine == $machine and .str_max == 256 and
		.ring_pages == $rings and .cpus >= 1 and
		(.syscalls | join(",")) == $tracing and .skipped == [] and
		(.time | test("^[0-9]+\\.[0-9]{9}$"))' >/dev/null ||
		fail "start record:" "$start" "text header:" "$(head -2 "$TEXT")"
	n=$(grep -c '^{"type":"syscall"' "$JSON")
	unfinished=$(grep '^{"type":"syscall"' "$JSON" | grep -c '"unfinished":true' || true)
	echo "$stop" | jq -e --argjson n "$n" --argjson u "$unfinished" '
		.reason == "SIGINT" and .logged == $n - $u and .unfinished == $u and
		.lost >= 0 and .out_of_order >= 0 and (.time | test("^[0-9]+\\.[0-9]{9}$"))' >/dev/null ||
		fail "stop record: $stop ($n syscall records, $unfinished unfinished)"
}

@test "-j: every syscall record's time_ns and time are the same instant" {
	local bad
	# compared as strings: 19 digits are more than a double holds
	bad=$(grep -o '"time_ns":[0-9]*,"time":"[0-9.]*"' "$JSON" |
		sed 's/"time_ns":\([0-9]*\),"time":"\([0-9]*\)\.\([0-9]*\)"/\1 \2\3/' |
		awk '($1 "") != ($2 "") { print; n++ } n > 3 { exit }')
	[ -z "$bad" ] || fail "time_ns differs from time:" "$bad"
	[ "$(grep -c '"time_ns"' "$JSON")" -gt 100 ] || fail "too few records with times"
}

@test "-j: the workload's records render to the text log's lines, one for one, in every region" {
	local d tag n=0
	d=$(tmpdir)
	: >"$d/text"
	: >"$d/json"
	# the regions, not the whole process: before the first, the fds the
	# workload got from the shell are named as each tracer found them
	for tag in $(sed -n 's/^# section //p' "$OUT"); do
		# shellcheck disable=SC2086
		text_region "$TEXT" "$tag" $PIDS >>"$d/text"
		# shellcheck disable=SC2086
		json_region "$JSON" "$tag" $PIDS >>"$d/json"
		n=$((n + 1))
	done
	[ "$n" -ge 10 ] && [ "$(wc -l <"$d/text")" -gt 100 ] ||
		fail "only $n regions, $(wc -l <"$d/text") text lines for $PIDS"
	compare_lines "$d/text" "$d/json"
	# and over the whole run of those processes, as many calls of each
	# syscall, with the same results
	# shellcheck disable=SC2086
	text_lines "$TEXT" $PIDS | sed -E 's/^([0-9]+) ([a-z0-9_]+)\(.* = ([^<]*)( <.*)?$/\1 \2 \3/' | sort >"$d/text.calls"
	# shellcheck disable=SC2086
	json_lines "$JSON" $PIDS | sed -E 's/^([0-9]+) ([a-z0-9_]+)\(.* = ([^<]*)( <.*)?$/\1 \2 \3/' | sort >"$d/json.calls"
	diff -u "$d/text.calls" "$d/json.calls" >&2 || fail "the logs differ in which calls they hold (above)"
}

@test "-j: the workload's records hold the keys it expects: raw values, fd paths and their source, errno, socket address fields, argv" {
	local d n
	d=$(tmpdir)
	sed -n 's/^# json \([^ ]*\) \([0-9]*\) \([0-9]*\) \(.*\)$/{"tag":"\1","tid":\2,"n":\3,"e":\4}/p' \
		"$OUT" >"$d/facts"
	n=$(wc -l <"$d/facts")
	[ "$n" -gt 30 ] || fail "only $n JSON facts in the workload's output"
	# shellcheck disable=SC2086
	json_of "$JSON" $PIDS >"$d/records"
	jqlog '
		[inputs] as $recs
		| $facts[] as $f
		| [$recs | region($f.tag) | select(.tid == $f.tid)][$f.n] as $r
		| if $r == null then "\($f.tag) tid \($f.tid) record \($f.n): missing"
		  else [misses($f.e; $r)][]
		       | "\($f.tag) tid \($f.tid) record \($f.n) (\($r.syscall)): \(.[0] | map(tostring) | join(".")): want \(.[1] | tojson), got \(.[2] | tojson)"
		  end' -n -r --slurpfile facts "$d/facts" "$d/records" | cut -c1-400 >"$d/misses"
	[ ! -s "$d/misses" ] || fail "$(wc -l <"$d/misses") of $n facts do not hold:" "$(cat "$d/misses")"
}
