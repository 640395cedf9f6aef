#!/usr/bin/env bash
# Validate every EPUB that `studyforge build` wrote under OUT_DIR (each
# <slug>/book.epub and a combined course.epub, if any) with W3C epubcheck.
# Fails on any fatal error, error or warning, printing epubcheck's messages.
# Each book takes about 4 s (one JVM per book), so each is checked once.
#
#   tests/conformance/check_epub.sh out/
set -euo pipefail

out=${1:?usage: check_epub.sh OUT_DIR}
# Debian's `epubcheck` wrapper script can fail inside containers; the jar works.
jar=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}
if [ ! -f "$jar" ]; then
    echo "check_epub: $jar not found (Debian package: epubcheck)" >&2
    exit 2
fi

mapfile -d '' books < <(find "$out" -type f \( -name book.epub -o -name course.epub \) -print0 | sort -z)
if [ ${#books[@]} -eq 0 ]; then
    echo "check_epub: no book.epub or course.epub under $out" >&2
    exit 1
fi

failed=0
for book in "${books[@]}"; do
    rc=0
    log=$(java -jar "$jar" "$book" 2>&1) || rc=$?
    summary=$(grep -E '^Messages:' <<<"$log" || true)
    # Warnings do not change epubcheck's exit status, so read the counts too.
    if [ "$rc" -ne 0 ] || grep -qE '^(FATAL|ERROR|WARNING)' <<<"$log" \
        || ! grep -qE '0 fatals / 0 errors / 0 warnings' <<<"$summary"; then
        echo "FAIL $book"
        sed 's/^/    /' <<<"$log"
        failed=1
    else
        echo "ok   $book: $summary"
    fi
done
echo "check_epub: ${#books[@]} book(s) checked"
exit "$failed"
