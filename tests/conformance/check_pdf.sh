#!/usr/bin/env bash
# Check every guide.pdf and cheatsheet.pdf that `studyforge build` wrote
# under OUT_DIR (OUT_DIR/<slug>/…):
#   - qpdf --check passes;
#   - pdffonts lists only embedded fonts;
#   - pdftotext of the guide holds every content word of the sibling
#     outline.json (node texts and title; hyphenated line ends rejoined;
#     NFC, case-insensitive; punctuation-only tokens ignored);
#   - a cheat sheet whose source lives under a `seeds` folder has one page.
# poppler 22.12 prints "Syntax Error: Suspects object is wrong type (boolean)"
# for every typst PDF; exactly that line is ignored, any other poppler
# message fails the check. Needs qpdf, poppler-utils and python3.
#
#   tests/conformance/check_pdf.sh out/
set -uo pipefail

out=${1:?usage: check_pdf.sh OUT_DIR}
for tool in qpdf pdffonts pdftotext pdfinfo python3; do
    command -v "$tool" >/dev/null || { echo "check_pdf: $tool not found (Debian: qpdf poppler-utils python3)" >&2; exit 2; }
done

harmless='Syntax Error: Suspects object is wrong type (boolean)'
failed=0
checked=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAIL $1: $2"
    failed=1
}

# Run a poppler tool; its stdout goes to $tmp/stdout. Returns non-zero and
# prints the messages when it fails or says anything but the harmless line.
poppler() {
    local rc=0
    "$@" >"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
    local noise
    noise=$(grep -vxF "$harmless" "$tmp/stderr")
    if [ "$rc" -ne 0 ] || [ -n "$noise" ]; then
        echo "    $* exited $rc: $noise"
        return 1
    fi
}

# Fonts not embedded, from pdffonts' table. Long names push the columns
# right, so read the fields from the end: emb sub uni object-id generation.
unembedded_fonts() {
    tail -n +3 "$tmp/stdout" | awk 'NF >= 6 && $(NF-4) != "yes" { print $1 }'
}

# Words of outline.json missing from the guide's text.
missing_words() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys, unicodedata

outline, text_file = sys.argv[1], sys.argv[2]
doc = json.load(open(outline, encoding="utf-8"))

def norm(s):
    s = unicodedata.normalize("NFC", s)
    # Ligature glyphs may come back as their presentation forms.
    s = "".join(unicodedata.normalize("NFKC", c) if "\ufb00" <= c <= "\ufb06" else c for c in s)
    return s.replace("\u200b", "").replace("\u00ad", "").casefold()

def tokens(s):
    for raw in s.split():
        word = raw.strip("".join(c for c in set(raw) if not c.isalnum()))
        if any(c.isalnum() for c in word):
            yield word

texts = [doc.get("title", "")]
stack = list(doc.get("nodes", []))
while stack:
    node = stack.pop()
    texts.append(node.get("text", ""))
    stack.extend(node.get("children", []))
wanted = {w for t in texts for w in tokens(norm(t))}

pdf = norm(open(text_file, encoding="utf-8", errors="replace").read())
# A word hyphenated at a line end: rejoin without the hyphen (soft break) and
# with it (a real compound, repeated on the next line in Spanish).
soft = re.sub(r"(\w)-\s*\n\s*-?(\w)", r"\1\2", pdf)
hard = re.sub(r"(\w)-\s*\n\s*-?(\w)", r"\1-\2", pdf)
found = set(tokens(soft)) | set(tokens(hard))
# Long tokens (URLs) may wrap without a hyphen: look for them unspaced.
squashed = re.sub(r"\s+", "", soft) + "\n" + re.sub(r"\s+", "", hard)
for word in sorted(wanted):
    if word not in found and word not in squashed:
        print(word)
PY
}

pages_of() {
    sed -n 's/^Pages:[[:space:]]*//p' "$tmp/stdout"
}

from_seeds() {
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])).get("meta",{}).get("source",""); sys.exit(0 if "seeds" in s.replace("\\","/").split("/")[:-1] else 1)' "$1"
}

check_common() {
    local pdf=$1
    local log
    if ! log=$(qpdf --check "$pdf" 2>&1); then
        fail "$pdf" "qpdf --check"
        sed 's/^/    /' <<<"$log"
    fi
    if poppler pdffonts "$pdf"; then
        local bad
        bad=$(unembedded_fonts)
        [ -z "$bad" ] || fail "$pdf" "fonts not embedded: $bad"
    else
        fail "$pdf" "pdffonts"
    fi
}

check_guide() {
    local pdf=$1 outline=$2
    if ! poppler pdftotext -enc UTF-8 "$pdf" -; then
        fail "$pdf" "pdftotext"
        return
    fi
    cp "$tmp/stdout" "$tmp/guide.txt"
    local missing
    missing=$(missing_words "$outline" "$tmp/guide.txt")
    [ -z "$missing" ] || fail "$pdf" "words of outline.json not in the text: $(tr '\n' ' ' <<<"$missing")"
}

check_cheatsheet() {
    local pdf=$1 outline=$2
    from_seeds "$outline" || return 0
    if ! poppler pdfinfo "$pdf"; then
        fail "$pdf" "pdfinfo"
        return
    fi
    local pages
    pages=$(pages_of)
    [ "$pages" = 1 ] || fail "$pdf" "seed cheat sheet has $pages pages, want 1"
}

for dir in "$out"/*/; do
    outline="$dir/outline.json"
    for name in guide.pdf cheatsheet.pdf; do
        pdf="$dir$name"
        [ -f "$pdf" ] || continue
        checked=$((checked + 1))
        check_common "$pdf"
        if [ ! -f "$outline" ]; then
            fail "$pdf" "no outline.json beside it (build with --format json,guide,cheatsheet)"
            continue
        fi
        if [ "$name" = guide.pdf ]; then
            check_guide "$pdf" "$outline"
        else
            check_cheatsheet "$pdf" "$outline"
        fi
    done
done

if [ "$checked" -eq 0 ]; then
    echo "check_pdf: no guide.pdf or cheatsheet.pdf under $out" >&2
    exit 1
fi
[ "$failed" -eq 0 ] && echo "check_pdf: $checked PDF(s) ok" || echo "check_pdf: failures above ($checked PDF(s) checked)"
exit "$failed"
