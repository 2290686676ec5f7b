# A private apt for downloading Debian packages into the cache without
# installing them and without reading or touching the host's apt state
# (sourced by tools/vm/fetch and tools/cross-musl, after lib.sh).
#
#   apt_init         check the keyring, choose the mirrors; needs $cache
#                    and $update (non-empty: refresh the package lists)
#   apt_for SUITE    export APT_CONFIG for SUITE, updating its lists once
#                    per run when asked to or when it has none
#   download PKG:ARCH DIR [SED]
#                    apt-get download the newest served version into DIR
#
# The archive is reached the way the host reaches it: the mirror of the
# host's own suite in /etc/apt/sources.list*, unless AITRACE_VM_MIRROR and
# AITRACE_VM_SECURITY_MIRROR say otherwise.

# shellcheck shell=sh disable=SC2154 # $cache, $update: the sourcing script's
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# Print "URI SUITE" for each entry of the host's sources, one-line and
# deb822 formats alike.
host_sources() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		case $f in
		*.sources) awk '
			/^[ \t]*$/ { for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j]; nu = ns = 0; next }
			/^URIs:/ { nu = split(substr($0, 6), u, " ") }
			/^Suites:/ { ns = split(substr($0, 8), s, " ") }
			END { for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j] }' "$f" ;;
		*) sed -n 's/^[ \t]*deb[ \t]\{1,\}\(\[[^]]*\][ \t]\{1,\}\)\{0,1\}\([^ \t]*\)[ \t]\{1,\}\([^ \t]*\).*/\2 \3/p' "$f" ;;
		esac
	done
}

# The mirror serving suite $1 on this host, or $2.
host_mirror() {
	host_sources | awk -v s="$1" '$2 == s { print $1; exit }' | grep . || echo "$2"
}

apt_init() {
	[ -r "$KEYRING" ] || die "cannot read $KEYRING: install debian-archive-keyring"
	codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || codename=
	mirror=${AITRACE_VM_MIRROR:-$(host_mirror "$codename" http://deb.debian.org/debian)}
	security=${AITRACE_VM_SECURITY_MIRROR:-$(host_mirror "$codename-security" http://deb.debian.org/debian-security)}
}

# Private apt for suite $1: writes $cache/apt/$1/apt.conf and prints its path.
apt_setup() {
	d=$cache/apt/$1
	mkdir -p "$d/state/lists/partial" "$d/cache/archives/partial" \
		"$d/etc/apt.conf.d" "$d/etc/preferences.d" "$d/etc/sources.list.d"
	[ -e "$d/state/status" ] || : >"$d/state/status"
	cat >"$d/etc/sources.list" <<-EOF
		deb [signed-by=$KEYRING] $mirror $1 main
		deb [signed-by=$KEYRING] $mirror $1-updates main
		deb [signed-by=$KEYRING] $security $1-security main
	EOF
	cat >"$d/apt.conf" <<-EOF
		Dir::State "$d/state";
		Dir::State::status "$d/state/status";
		Dir::Cache "$d/cache";
		Dir::Etc "$d/etc";
		Dir::Etc::Parts "$d/etc/apt.conf.d";
		APT::Architecture "amd64";
		APT::Architectures { "amd64"; "arm64"; };
		Acquire::Languages "none";
		Acquire::GzipIndexes "true";
		Dir::Cache::srcpkgcache "";
		APT::Sandbox::User "root";
	EOF
	echo "$d/apt.conf"
}

# apt-get update for suite $1, once per run, and only when asked to or
# when the suite has no lists yet.
updated=
apt_for() {
	APT_CONFIG=$(apt_setup "$1")
	export APT_CONFIG
	case " $updated " in *" $1 "*) return 0 ;; esac
	if [ -n "$update" ] || ! ls "$cache/apt/$1/state/lists/"*_Packages* >/dev/null 2>&1; then
		apt-get -q update >"$cache/apt/$1/update.log" 2>&1 ||
			die "cannot update the package lists of $1: see $cache/apt/$1/update.log"
	fi
	updated="$updated $1"
}

# Download package $1 (name:arch) at the newest version the archive really
# serves into directory $2, and print "name version". The newest version
# may be listed yet not served (here bullseye-security lists arm64
# packages but answers 404 for them), so older ones are tried in turn; a
# fallback is reported. For a metapackage, $3 is a sed expression that
# picks from its Depends the package to download instead.
download() {
	vers=$(apt-cache madison "$1" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | uniq)
	[ -n "$vers" ] || die "$1 is not in the package lists"
	newest=$(echo "$vers" | head -n 1)
	for v in $vers; do
		pkg=$1 pv=$v
		if [ -n "${3:-}" ]; then
			pkg=$(apt-cache show "$1=$v" | sed -n "$3" | head -n 1):${1#*:}
			pv=$(apt-cache show "$pkg" | sed -n 's/^Version: //p' | head -n 1)
		fi
		if (cd "$2" && apt-get -q download "$pkg=$pv" >download.log 2>&1); then
			[ "$v" = "$newest" ] || warn "$1 $newest is listed but not served; took $v"
			echo "${pkg%:*} $pv"
			return 0
		fi
	done
	die "cannot download $1 (any version): see $2/download.log"
}
