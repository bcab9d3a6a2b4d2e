#!/bin/bash
# A/B of two servers started with serve.sh: `bench … compare --url … --only PHASE --seconds 8` against each in turn,
# PAIRS times, printing the bench's line and the server's CPU time per request (from /proc/PID/stat, over the whole
# invocation: deploy, the 300-lifecycle warm-up and the 8 s run), which a busy machine disturbs less than the rate.
# Usage: bench/profile/ab.sh PHASE PAIRS NAME_A PORT_A NAME_B PORT_B   (bench built: dotnet build bench/HypermediaBpm.Bench -c Release)
only=$1; pairs=$2; na=$3; a=$4; nb=$5; b=$6
cd "$(dirname "$0")/../HypermediaBpm.Bench/bin/Release/net10.0" || exit 1
cpu() { awk '{print $14+$15}' "/proc/$(cat /tmp/hbpm-ab/$1/pid)/stat"; }
for i in $(seq 1 "$pairs"); do
  for pair in "$na $a" "$nb $b"; do
    set -- $pair
    c0=$(cpu "$1")
    line=$(dotnet HypermediaBpm.Bench.dll compare --url "http://127.0.0.1:$2" --seconds 8 --only "$only" 2>&1 | grep "req/s")
    c1=$(cpu "$1")
    req=$(echo "$line" | sed -E 's/.*req\/s= *([0-9]+).*/\1/')
    # clock ticks are 10 ms; requests = 8 s of the measured rate plus the warm-up's 600 and the deploys
    echo "$1 $(date -u +%H:%M:%S) load=$(cut -d' ' -f1 /proc/loadavg) $line cpu_ms_per_req=$(python3 -c "print(round((($c1-$c0)*10)/($req*8+620),3))")"
  done
done
