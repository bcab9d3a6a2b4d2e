#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what is missing, builds, tests, and prints
# the plain summary line "N passed, N failed" (counted from the TRX results, one file per test project).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Debian packages the test suite uses: jing (the RELAX NG validator the Atom feed tests run), chromium
# (the browser the HTML tests drive through Playwright) and postgresql (the server the PostgreSQL store and
# multi-node tests run on). Nothing is installed that is already there.
apt_packages="jing chromium postgresql ${HYPERMEDIABPM_TEST_APT_PACKAGES:-}"
for pkg in $apt_packages; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if ((${#need_apt[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${need_apt[*]} (run as root, or install them first)" >&2
    exit 1
  fi
  echo "installing: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet (SDK 10) is not on PATH" >&2
  exit 1
fi

# A private PostgreSQL cluster for this run: initdb in a fresh directory, a free loopback port, its socket in
# that directory (never the system cluster), fsync off (test data), stopped and removed on exit. The tests
# read its connection string from HYPERMEDIABPM_TEST_POSTGRES; without it they start a cluster of their own.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "${HYPERMEDIABPM_TEST_POSTGRES:-}" ] && [ -n "$pg_bin" ]; then
  pg_root=$(mktemp -d /tmp/hypermediabpm-pg.XXXXXX)
  chmod 755 "$pg_root"
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$pg_root"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=54329
  while (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done
  stop_postgres() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_root"
  }
  trap stop_postgres EXIT
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_root/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/log.txt" -w start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_root -c fsync=off -c max_connections=400" >/dev/null
  export HYPERMEDIABPM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Timeout=5"
  echo "postgresql: private cluster on 127.0.0.1:$pg_port"
fi

results=out/trx
rm -rf "$results"
status=0
dotnet build HypermediaBpm.sln -c Release -nologo -v quiet || exit 1
dotnet test HypermediaBpm.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false || status=$?

passed=0; failed=0; total_files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  total_files=$((total_files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "$passed passed, $failed failed"
if ls out/screenshots/*.png >/dev/null 2>&1; then
  echo "browser screenshots: out/screenshots/"
fi
if [ "$total_files" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "no test results were produced" >&2
  exit 1
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
