#!/usr/bin/env bash
# Scores the parser on feeds the public corpus does not hold, to see how its format rules
# generalise before the second, unseen half of the corpus does: feedparser 6.0.14's own test
# suite (about 2 160 feeds: wellformed/, illformed/, encoding/, entities/), minus the files
# public/ already took from it. Expectations come from ../shared/corpus/oracle.py, as for the
# public corpus, and the score from compare.py. Nothing is committed: the feeds are fetched
# (PyPI's source archive of feedparser) into a temporary folder.
#
# usage: Benchmarks/parse/heldout.sh [--verbose] [--debian] [EXTRA_DIR...]
#   --debian: also ~770 feeds from Debian's source archives of gofeed 1.1.3, rome 1.12.2,
#             newsboat 2.44 and miniflux 2.2.6 (its inline Go test feeds), fetched from
#             deb.debian.org and collected by heldout_debian.py, minus public/'s files
#   EXTRA_DIR: more folders of feeds to score the same way (each gets its own expectations)
#   PARSEBENCH=path scores another build (e.g. an earlier commit's) instead of this tree's
# needs: python3 with pip and feedparser==6.0.14 (for oracle.py), a release ParseBench
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
verbose="" debian=""
if [ "${1:-}" = --verbose ]; then verbose=-v; shift; fi
if [ "${1:-}" = --debian ]; then debian=yes; shift; fi
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

sets=("$w/feedparser")
if [ -n "$debian" ]; then
  mkdir -p "$w/debian-sources"
  for archive in g/golang-github-mmcdole-gofeed/golang-github-mmcdole-gofeed_1.1.3.orig.tar.gz r/rome/rome_1.12.2.orig.tar.xz \
    n/newsboat/newsboat_2.44.orig.tar.gz m/miniflux/miniflux_2.2.6.orig.tar.gz; do
    curl -fsS "http://deb.debian.org/debian/pool/main/$archive" -o "$w/archive"
    tar -xf "$w/archive" -C "$w/debian-sources"
  done
  python3 "$root/Benchmarks/parse/heldout_debian.py" "$w/debian-sources" "$shared/corpus/public/MANIFEST.tsv" "$w/debian"
  sets+=("$w/debian")
fi

for dir in "${sets[@]}" "$@"; do
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
