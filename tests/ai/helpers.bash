# shellcheck shell=bash
# Helpers of the tests/ai suites (make check-ai), on top of tests/bats's.
#   render_dom HTML OUT   headless Chromium's DOM of the page in OUT,
#                         and a screenshot in OUT.png
load ../bats/helpers

REPORT=$AITRACE_ROOT/build/aitrace-report
FIX=$AITRACE_ROOT/tests/fixtures/report
CHROMIUM=${CHROMIUM:-chromium}

render_dom() {
	local html=$1 out=$2 prof
	prof=$(tmpdir)/chromium-profile
	mkdir -p "$prof"
	# no sandbox: the tests run as root; the page has no script anyway
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$prof" --dump-dom "file://$html" >"$out" 2>"$out.err" ||
		fail "chromium --dump-dom failed: $(tail -5 "$out.err")"
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$prof" --window-size=1300,2000 \
		--screenshot="$out.png" "file://$html" >/dev/null 2>>"$out.err" ||
		fail "chromium --screenshot failed: $(tail -5 "$out.err")"
	[ -s "$out" ] || fail "chromium wrote an empty DOM: $(tail -5 "$out.err")"
	[ "$(head -c 8 "$out.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "no PNG screenshot"
}
