#!/usr/bin/env bash
# Scores the parser on feeds the public corpus does not hold, to see how its format rules
# generalise before the second, unseen half of the corpus does: feedparser 6.0.14's own test
# suite (about 2 160 feeds: wellformed/, illformed/, encoding/, entities/), minus the files
# public/ already took from it. Expectations come from ../shared/corpus/oracle.py, as for the
# public corpus, and the score from compare.py. Nothing is committed: the feeds are fetched
# (PyPI's source archive of feedparser) into a temporary folder.
#
# usage: Benchmarks/parse/heldout.sh [--verbose] [EXTRA_DIR...]
#   EXTRA_DIR: more folders of feeds to score the same way (each gets its own expectations)
#   PARSEBENCH=path scores another build (e.g. an earlier commit's) instead of this tree's
# needs: python3 with pip and feedparser==6.0.14 (for oracle.py), a release ParseBench
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
verbose=""
if [ "${1:-}" = --verbose ]; then verbose=-v; shift; fi
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
bench=${PARSEBENCH:-$root/.build/release/ParseBench}
[ -n "${PARSEBENCH:-}" ] || (cd "$root" && swift build -c release --static-swift-stdlib --product ParseBench >/dev/null)

pip download --quiet --no-deps --no-binary :all: --dest "$w" feedparser==6.0.14
tar -xzf "$w"/feedparser-6.0.14.tar.gz -C "$w"
taken=$(awk -F'\t' '$11 == "kurtmckee/feedparser" { print $13 }' "$shared/corpus/public/MANIFEST.tsv")
mkdir -p "$w/feedparser"
(cd "$w/feedparser-6.0.14" && find tests/wellformed tests/illformed tests/encoding tests/entities -type f -name '*.xml' | sort) |
  while read -r path; do
    grep -qxF "$path" <<<"$taken" && continue
    cp "$w/feedparser-6.0.14/$path" "$w/feedparser/feedparser__${path//\//__}"
  done

for dir in "$w/feedparser" "$@"; do
  name=$(basename "$dir")
  mkdir -p "$w/expected-$name" "$w/actual-$name"
  cp "$dir"/* "$w/expected-$name/"
  rm -f "$w/expected-$name"/*.json
  python3 "$shared/corpus/oracle.py" "$w/expected-$name" >/dev/null
  mapfile -t feeds < <(find "$w/expected-$name" -type f ! -name '*.json' | sort)
  "$bench" --dump "$w/actual-$name" "${feeds[@]}" >/dev/null 2>&1 || true
  # the dump holds the normalized JSON, then each entry's sanitized HTML: compare.py reads the JSON
  for f in "$w/actual-$name"/*.json; do sed -i '/^--- summary_html$/,$d' "$f"; done
  echo "== $name: ${#feeds[@]} feeds"
  python3 "$shared/corpus/compare.py" "$w/expected-$name" "$w/actual-$name" $verbose | grep -E "$([ -n "$verbose" ] && echo '.' || echo 'files with 100|bozo=|agreement')"
  python3 "$shared/corpus/compare.py" "$w/expected-$name" "$w/actual-$name" --strict | tail -1 | sed 's/^/--strict /'
done
