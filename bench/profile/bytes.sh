#!/bin/bash
# Bytes allocated and server CPU per request, A against B, for one `bench … compare --only PHASE` run at a time,
# alternately. Both servers were started with serve.sh (names and ports below); the bytes come from the server's own
# counters at /metrics (dotnet_gc_heap_total_allocated_bytes_total ÷ http_server_request_duration_seconds_count,
# scraped before and after each run), which do not drift with the machine's speed as rates do; the CPU from /proc.
# Usage: bench/profile/bytes.sh PHASE PAIRS NAME_A PORT_A NAME_B PORT_B   (bench built: dotnet build bench/HypermediaBpm.Bench -c Release)
only=$1; pairs=$2; na=$3; a=$4; nb=$5; b=$6
scrape() {
  curl -s -u admin:bench-admin-password "http://127.0.0.1:$1/metrics" | awk '
    /^dotnet_gc_heap_total_allocated_bytes_total/ { bytes += $NF }
    /^http_server_request_duration_seconds_count/ { requests += $NF }
    END { printf "%d %d\n", bytes, requests }'
}
cpu() { awk '{print $14+$15}' "/proc/$(cat /tmp/hbpm-ab/$1/pid)/stat"; }
cd "$(dirname "$0")/../HypermediaBpm.Bench/bin/Release/net10.0" || exit 1
for i in $(seq 1 "$pairs"); do
  for pair in "$na $a" "$nb $b"; do
    set -- $pair
    read -r b0 r0 < <(scrape "$2"); c0=$(cpu "$1")
    line=$(dotnet HypermediaBpm.Bench.dll compare --url "http://127.0.0.1:$2" --seconds 8 --only "$only" 2>&1 | grep "req/s" | sed 's/ errors.*//')
    read -r b1 r1 < <(scrape "$2"); c1=$(cpu "$1")
    # clock ticks are 10 ms
    echo "$1 $(date -u +%H:%M:%S) $line bytes/request=$(( (b1 - b0) / (r1 - r0) )) cpu_ms/request=$(awk -v c=$((c1 - c0)) -v r=$((r1 - r0)) 'BEGIN { printf "%.3f", c * 10 / r }')"
  done
done
