#!/usr/bin/env bash
# Parser speed side by side, in one run, on the same bytes:
#   - a bare libxml2 SAX2 pass that only counts elements (../shared/bench/saxfloor.c): the floor
#   - nyhetsbrev's FeedParser (parse + normalise), via Benchmarks/ParseBench: from bytes
#     already in memory (`parse(_:)`, as after a fetch), and from the file as
#     `nyhetsbrev parse FILE` reads it (`parse(fileDescriptor:)`, streamed to libxml2)
#   - sfeed (Debian package; parses without normalising)
#   - feedparser 6.0.14 vs FeedParser over the public corpus, beside a bare libxml2
#     push pass over the same files (Benchmarks/parse/corpusfloor.c): the floor there
# plus peak RSS of FeedParser on the big feed, both ways.
#
# usage: Benchmarks/parse/compare.sh [ITEMS]      (default 40000 items, ~70 MB)
# needs: gcc, pkg-config, libxml2-dev, python3, GNU time; sfeed and feedparser are optional
set -euo pipefail
ITEMS=${1:-40000}
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
cd "$root"
swift build -c release --static-swift-stdlib --product ParseBench >/dev/null
gcc -O2 -o "$w/saxfloor" "$shared/bench/saxfloor.c" $(pkg-config --cflags --libs libxml-2.0)
gcc -O2 -o "$w/corpusfloor" Benchmarks/parse/corpusfloor.c $(pkg-config --cflags --libs libxml-2.0)
python3 "$shared/bench/genbig.py" "$ITEMS" > "$w/big.xml"
size=$(stat -c %s "$w/big.xml")
echo "big feed: $ITEMS items, $size bytes"

best() { # best wall seconds of 3 runs of a command
  local b=999999 s e t
  for _ in 1 2 3; do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc); b=$(echo "if ($t < $b) $t else $b" | bc)
  done
  echo "$b"
}
floor=$(best "$w/saxfloor" "$w/big.xml")
ours=$(.build/release/ParseBench "$w/big.xml" --runs 3 2>/dev/null | sed -E 's/.*best=([0-9.]+)s.*/\1/')
streamed=$(.build/release/ParseBench "$w/big.xml" --runs 3 --stream 2>/dev/null | sed -E 's/.*best=([0-9.]+)s.*/\1/')
printf 'libxml2 SAX2 floor:     %8.3f s\n' "$floor"
printf 'nyhetsbrev FeedParser:  %8.3f s   (%.2fx the floor; bytes in memory)\n' "$ours" "$(echo "$ours / $floor" | bc -l)"
printf 'nyhetsbrev FeedParser:  %8.3f s   (%.2fx the floor; reading the file)\n' "$streamed" "$(echo "$streamed / $floor" | bc -l)"
if command -v sfeed >/dev/null; then
  sf=$(best sh -c "sfeed < '$w/big.xml'")
  printf 'sfeed:                  %8.3f s   (ours is %.2fx sfeed)\n' "$sf" "$(echo "$ours / $sf" | bc -l)"
fi
for mode in "" --stream; do
  /usr/bin/time -f '%M' -o "$w/rss" .build/release/ParseBench "$w/big.xml" --runs 1 $mode >/dev/null
  rss_kb=$(tail -1 "$w/rss")
  printf 'peak RSS parsing the big feed: %d MB (%.2fx the file size; %s)\n' "$((rss_kb / 1024))" "$(echo "$rss_kb * 1024 / $size" | bc -l)" \
    "$([ -n "$mode" ] && echo "reading the file" || echo "bytes in memory")"
done

files=$(find "$shared/corpus/public" -type f ! -name '*.json' ! -name '*.tsv' | sort)
# The corpus figures are taken in alternating rounds (FeedParser, the bare libxml2 pass, feedparser),
# best of each over all rounds: on a shared machine speed drifts by 30 % or more between phases of
# a few seconds, and a ratio of two bests taken minutes apart measures the drift as much as the parsers.
ROUNDS=${ROUNDS:-5}
have_feedparser=$(python3 -c 'import feedparser' 2>/dev/null && echo yes || echo no)
corpus=999999; cfloor=999999; fp=999999
min() { echo "if ($1 < $2) $1 else $2" | bc; }
for _ in $(seq "$ROUNDS"); do
  # shellcheck disable=SC2086
  t=$(.build/release/ParseBench $files --runs 5 | sed -E 's/.*best=([0-9.]+)s.*/\1/'); corpus=$(min "$t" "$corpus")
  t=$("$w/corpusfloor" $files 2>/dev/null | sed -E 's/.*best=([0-9.]+)s.*/\1/'); cfloor=$(min "$t" "$cfloor")
  if [ "$have_feedparser" = yes ]; then
    t=$(python3 - "$shared/corpus/public" <<'PY'
import feedparser, os, sys, time
d = sys.argv[1]
files = [os.path.join(d, f) for f in sorted(os.listdir(d)) if not f.endswith(('.json', '.tsv'))]
blobs = [open(f, 'rb').read() for f in files]
best = None
for _ in range(2):  # the first pass also warms feedparser's caches (compiled patterns); best of the two
    start = time.perf_counter()
    for b in blobs:
        feedparser.parse(b)
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
print(best)
PY
)
    fp=$(min "$t" "$fp")
  fi
done
printf 'public corpus (%d files), FeedParser: %.4f s   (%.2fx a bare libxml2 pass, %.4f s; best of %d rounds)\n' \
  "$(echo "$files" | wc -l)" "$corpus" "$(echo "$corpus / $cfloor" | bc -l)" "$cfloor" "$ROUNDS"
if [ "$have_feedparser" = yes ]; then
  printf 'public corpus, feedparser 6: %.3f s   (ours is %.0fx faster; the bare libxml2 pass %.0fx)\n' \
    "$fp" "$(echo "$fp / $corpus" | bc -l)" "$(echo "$fp / $cfloor" | bc -l)"
else
  echo "feedparser not installed (pip install feedparser==6.0.14) — skipped"
fi
