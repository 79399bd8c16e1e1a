#!/usr/bin/env bash
# Instruction count of the parser over the public corpus, and a check that its output is unchanged.
#
# Wall time on a shared 2-core machine drifts by 30 % between phases a few seconds long, so a
# change of a few per cent cannot be seen in it; callgrind's instruction count (Ir) can, to about
# ±0.1 %. This prints the Ir spent inside FeedParser.parse(_:) over two passes of the 296 corpus
# files (ParseBench's timed loop, from bytes in memory), and, with --dump-against DIR, whether
# every file's normalized JSON and sanitized HTML (ParseBench --dump) is byte-identical to a dump
# made earlier with --dump DIR (e.g. from the build before a change).
#
# usage: Benchmarks/parse/instructions.sh [--dump DIR | --dump-against DIR] [PARSEBENCH]
#   PARSEBENCH defaults to .build/release/ParseBench, built first when missing
#   (swift build -c release --static-swift-stdlib --product ParseBench).
# needs: valgrind (apt-get install valgrind)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
dump="" against=""
case "${1:-}" in
  --dump) dump=$2; shift 2 ;;
  --dump-against) against=$2; shift 2 ;;
esac
bench=${1:-$root/.build/release/ParseBench}
if [ ! -x "$bench" ]; then
  (cd "$root" && swift build -c release --static-swift-stdlib --product ParseBench >/dev/null)
fi
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
mapfile -t files < <(find "$shared/corpus/public" -type f ! -name '*.json' ! -name '*.tsv' | sort)
if [ -n "$dump" ] || [ -n "$against" ]; then
  out=${dump:-$w/dump}
  mkdir -p "$out"
  "$bench" --dump "$out" "${files[@]}"
  if [ -n "$against" ]; then
    if diff -rq "$against" "$out" >/dev/null; then echo "output: identical to $against"; else
      echo "output: DIFFERENT from $against"; diff -rq "$against" "$out" | head; exit 1
    fi
  fi
fi
# valgrind cannot read the static binary's debug information: count on a copy without it
strip -g "$bench" -o "$w/ParseBench"
valgrind --tool=callgrind --callgrind-out-file="$w/callgrind.out" \
  --toggle-collect='*FeedParserV5parse_11documentURL*' "$w/ParseBench" "${files[@]}" --runs 2 >/dev/null 2>"$w/log"
ir=$(grep -o 'Collected : [0-9]*' "$w/log" | grep -o '[0-9]*$')
printf 'FeedParser.parse, 2 passes over %d corpus files: %s instructions (%.1f M)\n' "${#files[@]}" "$ir" "$(echo "$ir / 1000000" | bc -l)"
if [ -n "${KEEP_PROFILE:-}" ]; then cp "$w/callgrind.out" "$KEEP_PROFILE"; echo "profile: callgrind_annotate $KEEP_PROFILE"; fi
