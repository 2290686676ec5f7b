#!/usr/bin/env bats
# Hostile strings in both formats, against the escapes workload
# (tests/workloads/escapes.c): paths with a newline and a forged log line or
# JSON record, terminal escapes, C1 controls and U+2028, invalid UTF-8 of
# every kind (lone bytes, cut sequences, overlongs, surrogates, too high),
# quotes and backslashes, control bytes, 4 KiB components; the names of
# files that open (the <...> after an fd), execve's argv, AF_UNIX names
# with NULs, and a comm full of the same.
#
# In text, each event must stay one line of printable ASCII, escaped exactly
# as the workload computes it. In JSON, every line must parse and be valid
# UTF-8 without raw controls, and each string must decode to the original
# bytes, with U+FFFD for each byte of ill-formed UTF-8 (docs/log-format.md).
#
# As in decode.bats, one run is watched by a text and a JSON tracer at once,
# so that both logs hold the same calls.

load helpers
load jsonlog

RINGS=512 # pages per CPU (2 MiB): a busy machine must not make us lose lines

# run_escapes NAME STRSIZE: tracers NAME-text and NAME-json (-s STRSIZE)
# over one run of the workload; its output in $(tmpdir)/NAME.out
run_escapes() {
	local name=$1 s=$2 d
	d=$(tmpdir)
	mkdir -p "$d/$name.dir"
	start_named_tracer "$name-text" -b $RINGS -s "$s" || return
	start_named_tracer "$name-json" -j -b $RINGS -s "$s" || return
	EXPECT_STRSIZE=$s timeout -s KILL "$WORKLOAD_TIMEOUT" "$WORKLOADS/escapes" \
		"$(cd "$d/$name.dir" && pwd -P)" >"$d/$name.out" 2>"$d/$name.stderr" </dev/null 3>&- ||
		fail "escapes exited with $?:" "$(cat "$d/$name.stderr")" || return
	# once both logs hold the end marker, they hold the region
	if ! wait_for_string 10 '"/aitrace-test/end/escapes"' "$d/$name-text.log" "$d/$name-json.log"; then
		stop_named_tracer "$name-text"
		stop_named_tracer "$name-json"
		fail "the logs of -s $s lack the region; the tracers said:" \
			"$(cat "$d/$name-text.stderr" "$d/$name-json.stderr")" \
			"last lines: $(tail -1 "$d/$name-text.log")" "$(tail -1 "$d/$name-json.log")"
		return 1
	fi
	stop_named_tracer "$name-text" || return
	stop_named_tracer "$name-json" || return
}

setup_file() {
	print_environment
	requires root tracefs bpf built cmd=jq cmd=iconv
	run_escapes s256 256
}

teardown_file() {
	end_named_tracers
}

setup() {
	requires root tracefs bpf built cmd=jq cmd=iconv
	OUT=$BATS_FILE_TMPDIR/s256.out
	TEXT=$BATS_FILE_TMPDIR/s256-text.log
	JSON=$BATS_FILE_TMPDIR/s256-json.log
	WL_PID=$(sed -n 's/^# pid //p' "$OUT")
}

teardown() {
	teardown_processes
	end_named_tracers
}

# The text region against the workload's lines.
check_text() {
	local out=$1 text=$2 pid d
	d=$(tmpdir)
	pid=$(sed -n 's/^# pid //p' "$out")
	grep -v '^# ' "$out" >"$d/expected"
	[ "$(wc -l <"$d/expected")" -ge 30 ] || fail "the workload printed $(wc -l <"$d/expected") lines"
	extract "$text" escapes "$pid" >"$d/logged"
	compare_lines "$d/expected" "$d/logged"
}

# Each "# cp N PATH CODEPOINTS" fact: the N-th record of the region holds at
# PATH a string of those code points.
check_codepoints() {
	local out=$1 json=$2 pid d n
	d=$(tmpdir)
	pid=$(sed -n 's/^# pid //p' "$out")
	sed -n 's/^# cp \([0-9]*\) \(\[[^]]*\]\) \(\[.*\]\)$/{"n":\1,"path":\2,"cp":\3}/p' "$out" >"$d/facts"
	n=$(wc -l <"$d/facts")
	[ "$n" -ge 40 ] || fail "only $n code point facts in the workload's output"
	json_of "$json" "$pid" >"$d/records"
	# shellcheck disable=SC2016
	jqlog '
		[inputs] | [region("escapes")] as $rs
		| $facts[] as $f
		| ($rs[$f.n] | getpath($f.path)) as $v
		| if ($v | type) != "string" then
			"record \($f.n) (\($rs[$f.n].syscall)) \($f.path | tojson): not a string: \($v | tojson)"
		  elif ($v | explode) != $f.cp then
			"record \($f.n) (\($rs[$f.n].syscall)) \($f.path | tojson):\n  got  \($v | explode | tojson)\n  want \($f.cp | tojson)"
		  else empty end' -n -r --slurpfile facts "$d/facts" "$d/records" |
		cut -c1-600 >"$d/misses"
	[ ! -s "$d/misses" ] || fail "$(grep -c '^record' "$d/misses") of $n strings decode wrong:" "$(cat "$d/misses")"
}

@test "text: every hostile path, file name, argv string, socket name and the comm are escaped exactly as expected" {
	check_text "$OUT" "$TEXT"
}

@test "text: the log is printable ASCII, one annotation or syscall line per event, and no forged line starts a line" {
	local comm forged
	if LC_ALL=C grep -n '[^ -~]' "$TEXT" | head -5 | cut -c1-200 | grep .; then
		fail "the log holds bytes other than printable ASCII (above)"
	fi
	if LC_ALL=C grep -Ev '^# |^[0-9]+\.[0-9]{9} [!-~]+ [0-9]+/[0-9]+ [a-z0-9_]+\(.*\) = .+$' "$TEXT" |
		head -5 | cut -c1-300 | grep .; then
		fail "malformed lines in the log (above)"
	fi
	while IFS= read -r forged; do
		! grep -qxF -- "$forged" "$TEXT" || fail "a forged line made it into the log: $forged"
		! grep -q "^${forged:0:30}" "$TEXT" || fail "a line starts like the forged one: ${forged:0:30}"
	done < <(sed -n 's/^# forged //p' "$OUT")
	# every line of the region carries the comm, escaped as one word
	comm=$(sed -n 's/^# comm //p' "$OUT")
	[ -n "$comm" ] || fail "the workload printed no comm"
	PID=$WL_PID COMM=$comm awk '
		$3 ~ "^" ENVIRON["PID"] "/" && /aitrace-test\/begin\/escapes/ { inside = 1; next }
		$3 ~ "^" ENVIRON["PID"] "/" && /aitrace-test\/end\/escapes/ { inside = 0; found = 1 }
		inside && $3 ~ "^" ENVIRON["PID"] "/" { n++; if ($2 != ENVIRON["COMM"]) { bad++; print "comm " $2 } }
		END { exit !(found && n >= 30 && !bad) }' "$TEXT" ||
		fail "region lines without the comm $comm"
}

@test "-j: every line parses as one object, the file is valid UTF-8, and holds no raw control byte, C1 control or line separator" {
	local d bad
	d=$(tmpdir)
	jq -c . "$JSON" >"$d/objects" 2>"$d/jq.err" || fail "jq cannot parse the log:" "$(head -c 2000 "$d/jq.err")"
	[ "$(wc -l <"$d/objects")" = "$(wc -l <"$JSON")" ] ||
		fail "$(wc -l <"$JSON") lines hold $(wc -l <"$d/objects") JSON values"
	iconv -f UTF-8 -t UTF-8 "$JSON" >/dev/null 2>"$d/iconv.err" ||
		fail "not valid UTF-8: $(cat "$d/iconv.err")"
	bad=$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$JSON" || true)
	[ "$bad" = 0 ] || fail "$bad lines hold raw control bytes"
	bad=$(LC_ALL=C grep -c $'\t\|\r' "$JSON" || true)
	[ "$bad" = 0 ] || fail "$bad lines hold a raw tab or CR"
	bad=$(LC_ALL=C grep -c -e $'\xc2[\x80-\x9f]' -e $'\xe2\x80[\xa8\xa9]' "$JSON" || true)
	[ "$bad" = 0 ] || fail "$bad lines hold a raw C1 control or U+2028/2029"
	# no record of ours was forged: one start, one stop, seq counting up
	jq -r '[.seq, .type] | @tsv' "$JSON" | awk -F'\t' '
		$1 != NR - 1 { print "line " NR " has seq " $1; exit 1 }
		$2 == "start" { starts++ } $2 == "stop" { stops++; last = NR }
		END { exit !(starts == 1 && stops == 1 && last == NR) }' ||
		fail "start, stop or seq are wrong"
	! grep -qxF '{"type":"stop","seq":1}' "$JSON" || fail "the forged record is a line of the log"
}

@test "-j: each hostile string decodes to its bytes, each byte of ill-formed UTF-8 as U+FFFD" {
	check_codepoints "$OUT" "$JSON"
}

@test "-j: the comm decodes to the name the workload set, in every record of the region" {
	local cp d
	d=$(tmpdir)
	cp=$(sed -n 's/^# comm-cp //p' "$OUT")
	[ -n "$cp" ] || fail "the workload printed no comm-cp"
	json_of "$JSON" "$WL_PID" >"$d/records"
	jqlog '[inputs] | [region("escapes")] | (length >= 30) and all(.[]; (.comm | explode) == $cp)' \
		-n -e --argjson cp "$cp" "$d/records" >/dev/null ||
		fail "records whose comm is not $cp:" "$(jqlog '[inputs] | region("escapes") | .comm | explode | tojson' -n -r "$d/records" | sort | uniq -c)"
}

@test "-j: records render to the text log's lines, except strings whose ill-formed UTF-8 JSON replaced" {
	local d
	d=$(tmpdir)
	text_region "$TEXT" escapes "$WL_PID" >"$d/text"
	json_region "$JSON" escapes "$WL_PID" >"$d/json"
	[ "$(wc -l <"$d/text")" = "$(wc -l <"$d/json")" ] ||
		fail "$(wc -l <"$d/text") text lines, $(wc -l <"$d/json") JSON records in the region"
	# one thread: both in the same order. A rendered U+FFFD is the text
	# \xef\xbf\xbd: the text log has the original bytes there instead.
	awk 'NR == FNR { t[FNR] = $0; next }
		index($0, "\\xef\\xbf\\xbd") { skipped++; next }
		t[FNR] != $0 { print "text: " substr(t[FNR], 1, 300); print "json: " substr($0, 1, 300); bad++ }
		{ same++ }
		END { if (skipped < 10 || same < 20) print skipped " skipped, " same " compared"; exit bad || skipped < 10 || same < 20 }' \
		"$d/text" "$d/json" >"$d/diff" || fail "JSON records that render unlike their text lines:" "$(cat "$d/diff")"
}

@test "-s 4096: a 4 KiB path and argv string are logged whole in both formats" {
	run_escapes s4096 4096
	check_text "$(tmpdir)/s4096.out" "$(tmpdir)/s4096-text.log"
	check_codepoints "$(tmpdir)/s4096.out" "$(tmpdir)/s4096-json.log"
}

@test "-j with -b 1 and a flood of getppid: lost records count what was lost, the stop record adds them up, logged + lost == calls" {
	local n=200000 d pid st=0
	d=$(tmpdir)
	# the flood as the traced command: only its calls count
	timeout -s KILL 120 "$TRACER" -j -o "$d/flood.log" -b 1 -e getppid -- \
		"$WORKLOADS/flood" "$n" >"$d/out" 2>"$d/err" </dev/null 3>&- || st=$?
	[ "$st" = 0 ] || fail "tracer exited $st:" "$(cat "$d/err")"
	WL_OUT=$d/out
	grep -qx "getppid $n" "$WL_OUT" || fail "flood says: $(cat "$WL_OUT")"
	WL_PID=$(sed -n 's/^# pid \([0-9]*\)$/\1/p' "$WL_OUT")
	jq -c . "$d/flood.log" >/dev/null || fail "the log does not parse"
	# lost records: a count, a cpu, where the loss was seen; a ring's
	# report has the time it came in
	jq -e -s '
		[.[] | select(.type == "lost")] as $l
		| ($l | length) > 0 and
		  all($l[]; .count > 0 and .cpu >= 0 and
			    (.source == "kernel" or (.source == "ring" and (.time | test("^[0-9]+\\.[0-9]{9}$")))))
		' "$d/flood.log" >/dev/null ||
		fail "lost records:" "$(grep '"type":"lost"' "$d/flood.log" | head -5)"
	jq -r -s --argjson pid "$WL_PID" '
		([.[] | select(.type == "lost") | .count] | add) as $lost
		| ([.[] | select(.type == "note" and (.text | test("skipped"))) | .count] | add // 0) as $skipped
		| ([.[] | select(.type == "syscall" and .pid == $pid)] | length) as $mine
		| ([.[] | select(.type == "syscall")] | length) as $all
		| .[-1] as $stop
		| "\($stop.type) \($stop.logged) \($all) \($stop.lost) \($lost + $skipped) \($mine)"' \
		"$d/flood.log" >"$d/counts"
	read -r type logged all lost summed mine <"$d/counts"
	[ "$type" = stop ] || fail "the last record is $type"
	[ "$logged" = "$all" ] || fail "stop says $logged logged, the log holds $all syscall records"
	[ "$lost" = "$summed" ] || fail "stop says $lost lost, the lost records add up to $summed"
	[ $((mine + lost)) = "$n" ] || fail "flood records $mine + lost $lost = $((mine + lost)), not $n"
	[ "$lost" -gt $((n / 10)) ] || fail "only $lost lost with a one-page ring"
}
