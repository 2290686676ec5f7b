# Shared by the host-side scripts in tools/vm (sourced, never run).
# Every message goes to stderr as "<script>: ...", added here only.
# Exit status 2 means "usage or host-side error" in every tools/vm script.

prog=${0##*/}
warn() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() { warn "$@"; exit 2; }

# Where kernels, busybox and apt state live: outside the source tree,
# shared by every checkout, never committed.
vm_cache() {
	if [ -n "${AITRACE_VM_CACHE:-}" ]; then echo "$AITRACE_VM_CACHE"
	elif [ -n "${XDG_CACHE_HOME:-}" ]; then echo "$XDG_CACHE_HOME/aitrace-min"
	elif [ "$(id -u)" = 0 ]; then echo /var/cache/aitrace-min
	else echo "$HOME/.cache/aitrace-min"
	fi
}

# Debian's architecture names key the cache; the kernel's (uname -m) name
# the fixtures. Both spellings are accepted wherever an arch is asked for.
deb_arch() {
	case $1 in
	amd64 | x86_64) echo amd64 ;;
	arm64 | aarch64) echo arm64 ;;
	*) die "unknown architecture '$1' (amd64 or arm64)" ;;
	esac
}
uname_arch() {
	case $(deb_arch "$1") in
	amd64) echo x86_64 ;;
	arm64) echo aarch64 ;;
	esac
}

# The suites and architectures tools/vm knows; "fetch" gets them all.
# shellcheck disable=SC2034 # used by the scripts that source this file
VM_SUITES='bullseye bookworm trixie' VM_ARCHES='amd64 arm64'
