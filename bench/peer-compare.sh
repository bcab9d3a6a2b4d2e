#!/usr/bin/env bash
# Side by side: the reference engine (bpmn-engine 25, in memory on node) and ours (in process, a real SQLite file,
# synchronous=FULL), on the shared models, 100 callers each, run alternately so the machine's drift cancels out.
# Prints each figure and the ratio per round, and our allocation per instance.
#
#   bash bench/peer-compare.sh [--rounds 2] [--duration 6] [--models "straight parallel"] [--peers /tmp/peers] [--bench DLL]
#                              [--baseline DLL]
#
# --baseline adds a third engine to each round, e.g. a Release build of an earlier commit, to show a change's effect
# in the same minutes (columns "base/s", "ours/base").
#
# The peer harness needs installing once (the shared folder may be read-only):
#   cp -r ../shared/peers /tmp/peers && (cd /tmp/peers && npm ci)
# Our engine runs copies of ../shared/peers/models/*.bpmn with serviceTask replaced by task (in-process no-ops, as
# bpmn-engine's no-op services are), written to out/peer-models/.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
rounds=2
duration=6
models="straight parallel"
peers=/tmp/peers
bench=""
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --peers) peers="$2"; shift 2 ;;
    --bench) bench="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ ! -d "$peers/node_modules/bpmn-engine" ]; then
  echo "bpmn-engine is not installed in $peers: cp -r $here/../shared/peers $peers && (cd $peers && npm ci)" >&2
  exit 2
fi
if [ -z "$bench" ]; then
  dotnet build "$here/bench/HypermediaBpm.Bench" -c Release -v q -nologo >/dev/null
  bench="$here/bench/HypermediaBpm.Bench/bin/Release/net10.0/HypermediaBpm.Bench.dll"
fi

shared="$(cd "$here/../shared/peers/models" && pwd)"
copies="$here/out/peer-models"
mkdir -p "$copies"
for m in $models; do
  sed -e 's/<bpmn:serviceTask\b/<bpmn:task/g' -e 's#</bpmn:serviceTask>#</bpmn:task>#g' "$shared/$m.bpmn" > "$copies/$m.bpmn"
done

peer_rate() {
  (cd "$peers" && node --expose-gc bpmn-engine/bench-throughput.mjs --model "$1" --mode conc --concurrency 100 --duration "$duration") \
    | sed -n 's/^RESULT .*"instancesPerSec":\([0-9.]*\).*/\1/p'
}

ours() {
  engine_rate "$bench" "$1"
}

engine_rate() {
  local dll="$1"
  shift
  dotnet "$dll" engine --file "$copies/$1.bpmn" --model "$1" --concurrency 100 --seconds "$duration" --synchronous Full \
    | sed -n 's/^RESULT .*rate=\([0-9]*\) allocatedBytesPerInstance=\([0-9]*\)\( .*busiestThreadMicrosecondsPerInstance=\([0-9.]*\)\)\{0,1\}.*/\1 \2 \4/p'
}

echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')  load: $(uptime | sed 's/.*load average: //')"
printf '%-9s %-5s %14s %14s %9s %16s %16s' model round "bpmn-engine/s" "ours/s" ratio "ours bytes/inst" "writer µs/inst"
[ -n "$baseline" ] && printf ' %10s %10s %16s' "base/s" "ours/base" "base bytes/inst"
printf '\n'
for r in $(seq 1 "$rounds"); do
  for m in $models; do
    p="$(peer_rate "$m")"
    read -r o bytes writer <<<"$(ours "$m")"
    ratio="$(awk -v o="$o" -v p="$p" 'BEGIN { if (p > 0) printf "%.1f", o / p; else print "n/a" }')"
    printf '%-9s %-5s %14s %14s %8sx %16s %16s' "$m" "$r" "$p" "$o" "$ratio" "$bytes" "$writer"
    if [ -n "$baseline" ]; then
      read -r b bbytes _ <<<"$(engine_rate "$baseline" "$m")"
      printf ' %10s %9sx %16s' "$b" "$(awk -v o="$o" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", o / b; else print "n/a" }')" "$bbytes"
    fi
    printf '\n'
  done
done
echo "load after: $(uptime | sed 's/.*load average: //')"
