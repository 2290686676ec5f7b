#!/usr/bin/env bats
# aitrace-report's HTML page in a real browser (make check-ai): headless
# Chromium renders the pages of fixture logs; the tests read its DOM
# (--dump-dom) and take a screenshot.

load helpers

setup() {
	print_environment
	requires cmd="$CHROMIUM"
	[ -x "$REPORT" ] || skip_or_fail "not built: run make check-ai"
}

@test "Chromium renders the process tree, profiles, chart and timeline of an agent's log" {
	html=$BATS_TEST_TMPDIR/agent.html
	dom=$BATS_TEST_TMPDIR/agent.dom
	"$REPORT" --no-disk -q --html "$html" "$FIX/agent.json"
	render_dom "$html" "$dom"
	for id in log findings tree chart models processes timeline; do
		grep -qF "<section id=\"$id\">" "$dom" || fail "no section $id in the DOM"
	done
	# the tree nests 302 (curl) under 301 (sh) under 300 (python3)
	tr -d '\n' <"$dom" | grep -qE '<a href="#p[0-9]+">300 python3</a>.*<ul><li><a href="#p[0-9]+">301 sh</a>[^<]*<code>[^<]*</code> *<small>[^<]*</small><ul><li><a href="#p[0-9]+">302 curl</a>' ||
		fail "the tree is not nested as the log says"
	grep -qF 'data-pid="300" data-labels="agent network"' "$dom"
	grep -qF 'data-pid="302" data-labels="network"' "$dom"
	grep -qF 'rename /tmp/work/out.txt -&gt; /tmp/work/final.txt' "$dom"
	grep -qF 'delete /etc/shadow (failed: EACCES)' "$dom"
	[ "$(grep -o '<circle class="ev ' "$dom" | wc -l)" -ge 15 ]
	[ "$(grep -o '<article class="proc"' "$dom" | wc -l)" = 6 ]
}

@test "hostile strings stay text in the browser: no element, no script comes from the log" {
	html=$BATS_TEST_TMPDIR/hostile.html
	dom=$BATS_TEST_TMPDIR/hostile.dom
	"$REPORT" --no-disk -q --html "$html" "$FIX/hostile.json"
	render_dom "$html" "$dom"
	! grep -qi '<script\|<img\|<b>' "$dom"
	grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$dom"
	grep -qF '/tmp/&lt;img src=x onerror=alert(1)&gt;.safetensors' "$dom"
	grep -qF '\x1b]0;pwned\x07&lt;/td&gt;&lt;script&gt;' "$dom"
	grep -qF 'TRUNCATED: no stop record' "$dom"
	grep -qF 'LOST: 17 events' "$dom"
}

@test "a GPU server's page shows its labels and devices" {
	html=$BATS_TEST_TMPDIR/gpu.html
	dom=$BATS_TEST_TMPDIR/gpu.dom
	"$REPORT" --no-disk -q --html "$html" "$FIX/gpu-server.json"
	render_dom "$html" "$dom"
	grep -qF 'data-pid="201" data-labels="model-loader framework gpu-user network listener jit"' "$dom"
	grep -qF '/dev/nvidiactl, /dev/nvidia0, /dev/nvidia-uvm, 7 ioctls' "$dom"
}
