#!/bin/bash
# Starts a Release server build (a folder made with `dotnet build src/HypermediaBpm.Server -c Release -o DIR`) on a
# fresh durable (FULL) SQLite file, as `bench … compare` would, with perf maps on for profiling.
# Usage: bench/profile/serve.sh DIR PORT NAME   (state in /tmp/hbpm-ab/NAME: pid, database, logs)
dir=$1; port=$2; name=$3; state=/tmp/hbpm-ab/$name
rm -rf "$state" && mkdir -p "$state"
cd "$dir" || exit 1
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 Storage__Path=$state/s.db Storage__Synchronous=Full Samples__Deploy=false \
  Security__Admin__Password=bench-admin-password Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  nohup dotnet HypermediaBpm.Server.dll --urls "http://127.0.0.1:$port" > "$state/out.log" 2> "$state/err.log" &
echo $! > "$state/pid"
