#!/usr/bin/env bash
# A build into a full disk or a read-only folder fails with exit 1 and an
# error naming the path, leaves no temporary file, and every file it did
# write is whole.
#
#   tests/robustness/diskfull.sh STUDYFORGE
#
# As root where `mount` works: a 2 MB tmpfs, then the same tmpfs remounted
# read-only. Otherwise: a folder without write permission.
set -euo pipefail
studyforge=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
gen=$here/../../bench/gen_notes.py
tmp=$(mktemp -d)
small=$tmp/small
mounted=""
cleanup() { [ -n "$mounted" ] && umount "$small" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export SOURCE_DATE_EPOCH=1700000000
unset CI
mkdir -p "$small" "$tmp/project"
python3 "$gen" "$tmp/project/notes" 30 >/dev/null

if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=2m tmpfs "$small" 2>/dev/null; then
    mounted=yes
fi

# expect_failure WHAT PATTERN ARGS...: exit 1, stderr names a path under
# $small and matches PATTERN, no temporary left, what is there is whole.
expect_failure() {
    local what=$1 pattern=$2
    shift 2
    local code=0
    (cd "$tmp/project" && "$studyforge" build notes --out "$small/out" -q "$@") 2>"$tmp/err" || code=$?
    [ "$code" -eq 1 ] || { echo "$what: exit $code, not 1"; cat "$tmp/err"; exit 1; }
    grep -q "$small/out" "$tmp/err" || { echo "$what: the error names no path under $small/out"; cat "$tmp/err"; exit 1; }
    grep -qi "$pattern" "$tmp/err" || { echo "$what: the error does not say '$pattern'"; cat "$tmp/err"; exit 1; }
    if [ -n "$(find "$small" -name '.studyforge-*.tmp')" ]; then
        echo "$what: temporary files left:"; find "$small" -name '.studyforge-*.tmp'; exit 1
    fi
    [ ! -d "$small/out" ] || python3 "$here/complete.py" "$small/out" --no-temporaries >/dev/null
    echo "$what: exit 1, '$(grep -m1 -i "$pattern" "$tmp/err" | cut -c1-150)'"
}

if [ -n "$mounted" ]; then
    expect_failure "disk full (2 MB tmpfs)" "no space left" --format json,guide,epub,anki
    mount -o remount,ro "$small"
    expect_failure "read-only tmpfs, existing out/" "read-only" --format json,guide,epub,anki
    umount "$small"; mounted=""
    mount -t tmpfs -o size=2m,ro tmpfs "$small"; mounted=yes
    expect_failure "read-only tmpfs, no out/" "read-only" --format json
else
    chmod 555 "$small"
    expect_failure "read-only folder" "permission denied" --format json
    chmod 755 "$small"
fi
echo "disk full and read-only: clear errors, nothing half-written"
