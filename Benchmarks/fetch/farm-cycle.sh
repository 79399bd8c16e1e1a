#!/usr/bin/env bash
# Cold and warm fetch cycles of N loopback feeds (../shared/bench/feedfarm.py)
# through nyhetsbrev (fetch + parse + archive), side by side with raw
# `curl --parallel --parallel-max 16` on the same URLs in the same run.
#
# usage: Benchmarks/fetch/farm-cycle.sh [NFEEDS] [ITEMS]
#        (build first, as installed: swift build -c release --static-swift-stdlib)
# needs: python3, curl, GNU time (apt: time)
set -euo pipefail
N=${1:-500}; ITEMS=${2:-20}; PORT=${PORT:-18181}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/.build/release/nyhetsbrev
farm_py=${FEEDFARM:-$root/../shared/bench/feedfarm.py}
[ -x "$bin" ] || { echo "build first: swift build -c release --static-swift-stdlib" >&2; exit 1; }
w=$(mktemp -d)
python3 "$farm_py" "$PORT" "$N" "$ITEMS" >/dev/null 2>&1 & farm=$!
trap 'kill $farm 2>/dev/null; rm -rf "$w"' EXIT
for _ in $(seq 50); do curl -s "localhost:$PORT/stats" >/dev/null && break; sleep 0.1; done

# The same parallelism as curl's: 16 transfers, all on one host, no gap.
{
  echo '[fetch]'; echo 'parallel = 16'; echo 'per_host = 16'; echo 'host_gap = 0'
  for i in $(seq 0 $((N-1))); do
    printf '[[sources]]\nid = "f%d"\ntitle = "Feed %d"\nurl = "http://127.0.0.1:%d/feed/%d.xml"\n' "$i" "$i" "$PORT" "$i"
  done
} > "$w/farm.toml"
for i in $(seq 0 $((N-1))); do echo "url = \"http://127.0.0.1:$PORT/feed/$i.xml\""; echo 'output = "/dev/null"'; done > "$w/curl.cfg"

now() { date +%s.%N; }
stats() { curl -s "localhost:$PORT/stats"; }
run_nb() { # label
  local s e
  s=$(now)
  /usr/bin/time -f "%M" -o "$w/rss" "$bin" fetch --config "$w/farm.toml" --state-dir "$w/state" >"$w/out" 2>"$w/err" || true
  e=$(now)
  printf '%s: %.3f s, peak RSS %d KB, %d new entries, %d errors\n' "$1" "$(echo "$e - $s" | bc)" "$(tail -1 "$w/rss")" \
    "$(wc -l <"$w/out")" "$(grep -c . "$w/err" || true)"
}

s=$(now); curl -s --parallel --parallel-max 16 -K "$w/curl.cfg" >/dev/null; e=$(now)
curl_s=$(echo "$e - $s" | bc)
printf 'curl --parallel-max 16 (raw transfer): %.3f s\n' "$curl_s"
before=$(stats)
run_nb "nyhetsbrev cold"
mid=$(stats)
archive_before=$(find "$w/state/archive" -type f -printf '%i %T@ %s %p\n' | sort)
run_nb "nyhetsbrev warm"
after=$(stats)
archive_after=$(find "$w/state/archive" -type f -printf '%i %T@ %s %p\n' | sort)
echo "server counts before cold: $before"
echo "server counts after cold:  $mid"
echo "server counts after warm:  $after"
if [ "$archive_before" = "$archive_after" ]; then echo "warm cycle rewrote no archive file"; else echo "warm cycle REWROTE archive files"; fi
