#!/usr/bin/env bats
# The live PyTorch test of issue 7 (make check-ai): a tiny network is
# trained and saved with torch.save (train.py), then loaded in a fresh
# process that predicts (predict.py), both traced by aitrace-min -f -j.
# The report must name the loading python process a model loader with the
# model file, its format, size and SHA-256, and list the PyTorch libraries
# it loaded; the HTML page must say the same in headless Chromium.

load helpers

PYTHON=/usr/bin/python3 # Debian's, with python3-torch

setup_file() {
	# one traced run for every test of this file
	export TORCH_DIR=$BATS_FILE_TMPDIR/torch
	mkdir -p "$TORCH_DIR"
	cp "$BATS_TEST_DIRNAME/train.py" "$BATS_TEST_DIRNAME/predict.py" "$TORCH_DIR/"
	[ "$(id -u)" = 0 ] && [ -x "$TRACER" ] && [ -x "$REPORT" ] &&
		"$PYTHON" -c 'import torch' 2>/dev/null || return 0
	timeout 600 "$TRACER" -f -j -o "$TORCH_DIR/log.json" -- \
		sh -c 'cd "$1" && "$2" train.py "$1/tiny.pt" && "$2" predict.py "$1/tiny.pt"' \
		sh "$TORCH_DIR" "$PYTHON" >"$TORCH_DIR/out" 2>"$TORCH_DIR/err"
	echo $? >"$TORCH_DIR/status"
}

setup() {
	print_environment
	requires root tracefs bpf
	[ -x "$TRACER" ] && [ -x "$REPORT" ] ||
		skip_or_fail "not built: run make check-ai"
	"$PYTHON" -c 'import torch' 2>/dev/null ||
		skip_or_fail "no python3-torch for $PYTHON (make check-ai installs it)"
	[ "$(cat "$TORCH_DIR/status")" = 0 ] ||
		fail "the traced run failed ($(cat "$TORCH_DIR/status")):" "$(cat "$TORCH_DIR/out" "$TORCH_DIR/err")"
	out=$BATS_TEST_TMPDIR/report.txt
	"$REPORT" "$TORCH_DIR/log.json" >"$out" || fail "aitrace-report failed"
	MODEL=$TORCH_DIR/tiny.pt
	TRAIN_PID=$(jq -r 'select(.type=="syscall" and .syscall=="execve" and .ret==0 and .args.argv.argv[1]=="train.py") | .pid' "$TORCH_DIR/log.json")
	PREDICT_PID=$(jq -r 'select(.type=="syscall" and .syscall=="execve" and .ret==0 and .args.argv.argv[1]=="predict.py") | .pid' "$TORCH_DIR/log.json")
	[ -n "$TRAIN_PID" ] && [ -n "$PREDICT_PID" ] || fail "no execve of train.py and predict.py in the log"
}

has() {
	grep -qxF -- "$1" "$out" || fail "no line '$1' in the report:" "$(cat "$out")"
}

# the lines of one process's profile
profile() {
	awk -v p="$1 python3" '$0 == p { on = 1; print; next } on && /^$/ { exit } on' "$out"
}

@test "the traced scripts trained, saved, loaded and predicted" {
	grep -q '^trained: loss ' "$TORCH_DIR/out"
	grep -qE '^predicted: -?[0-9]+\.[0-9]{2} -?[0-9]+\.[0-9]{2}$' "$TORCH_DIR/out"
	[ -s "$MODEL" ]
}

@test "the predicting python process is a model loader of the right file" {
	has "  $PREDICT_PID python3: $PYTHON predict.py $MODEL"
	grep -A1 -xF "  $PREDICT_PID python3: $PYTHON predict.py $MODEL" "$out" |
		grep -qE '^    model-loader: read 1 file, [0-9.]+ (B|KiB); \*\.pt$' ||
		fail "no model-loader label for $PREDICT_PID:" "$(cat "$out")"
	profile "$PREDICT_PID" | grep -qE "^    $MODEL \(read [0-9]+ times?, [0-9.]+ (B|KiB)\)$" ||
		fail "the profile of $PREDICT_PID does not list $MODEL:" "$(profile "$PREDICT_PID")"
	# the writer is the training process, which is no loader of it
	grep -A3 -xF "  $TRAIN_PID python3: $PYTHON train.py $MODEL" "$out" |
		grep -qE '^    model-writer: wrote 1 file, [0-9.]+ (B|KiB); \*\.pt$'
}

@test "the model file is there with its size, SHA-256 and format by magic" {
	size=$(stat -c %s "$MODEL" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') # 1,613
	sum=$(sha256sum "$MODEL" | cut -d' ' -f1)
	grep -A2 -xF "  $MODEL" "$out" >"$BATS_TEST_TMPDIR/model"
	grep -qE "^    on disk: $size bytes \([0-9.]+ (B|KiB)\), sha256 $sum; format: PyTorch zip \(torch.save\), [0-9]+ storages? \(confirmed by magic bytes\); pickle inside: loading it can run code$" \
		"$BATS_TEST_TMPDIR/model" || fail "wrong model entry:" "$(cat "$BATS_TEST_TMPDIR/model")"
	grep -qE "^    written by $TRAIN_PID python3 \([0-9.]+ (B|KiB)\); used by $PREDICT_PID python3 \(read [0-9.]+ (B|KiB)\)$" \
		"$BATS_TEST_TMPDIR/model" || fail "wrong users:" "$(cat "$BATS_TEST_TMPDIR/model")"
}

@test "the framework libraries the loader mapped are listed" {
	grep -A4 -xF "  $PREDICT_PID python3: $PYTHON predict.py $MODEL" "$out" |
		grep -qE '^    framework: pytorch \([0-9]+ libraries\)' ||
		fail "no framework label:" "$(cat "$out")"
	profile "$PREDICT_PID" >"$BATS_TEST_TMPDIR/profile"
	for lib in 'libtorch_cpu\.so' 'libc10\.so' 'libtorch_python\.so' 'torch/_C\.cpython-.*\.so'; do
		grep -qE "^    pytorch: /.*$lib" "$BATS_TEST_TMPDIR/profile" ||
			fail "$lib is not listed:" "$(cat "$BATS_TEST_TMPDIR/profile")"
	done
	has "  +$(grep -F "$PREDICT_PID python3  model-load $MODEL" "$out" | sed 's/^  +//')"
}

@test "the HTML page of the run says the same in headless Chromium" {
	requires cmd="$CHROMIUM"
	html=$BATS_TEST_TMPDIR/torch.html
	"$REPORT" -q --html "$html" "$TORCH_DIR/log.json"
	render_dom "$html" "$BATS_TEST_TMPDIR/dom.html"
	dom=$BATS_TEST_TMPDIR/dom.html
	grep -qE "<article class=\"proc\" id=\"p[0-9]+\" data-pid=\"$PREDICT_PID\" data-labels=\"model-loader framework[^\"]*\">" "$dom" ||
		fail "no article for $PREDICT_PID in the DOM"
	grep -qF "sha256 $(sha256sum "$MODEL" | cut -d' ' -f1)" "$dom"
	grep -qF "PyTorch zip (torch.save)" "$dom"
	grep -qF "<span class=\"label model-loader\">model-loader</span>" "$dom"
	! grep -qi '<script' "$dom"
}
