#!/usr/bin/env bash
# `make test`: every test against a throwaway PostgreSQL, then one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
results="$root/tests/artifacts/results"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0

finish() {
  [ -n "${pg_dir:-}" ] && { scripts/pg.sh stop "$pg_dir" 2>/dev/null; rm -rf "$pg_dir"; }
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
trap finish EXIT

free_port() {
  local port
  for port in $(seq 55440 55540); do
    (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo $port; return; }
  done
  echo "test: no free port" >&2; exit 1
}

# Counters of a .trx file: total, passed, failed.
trx_counts() { grep -o '<Counters [^>]*>' "$1" | sed -E 's/.* total="([0-9]+)".* passed="([0-9]+)" failed="([0-9]+)".*/\1 \2 \3/'; }

if [ -z "${OKR_TEST_DATABASE:-}" ]; then
  pg_dir=$(mktemp -d /tmp/okr-test-pg.XXXXXX)
  chmod 755 "$pg_dir"
  conn=$(scripts/pg.sh start "$pg_dir" "$(free_port)" --throwaway) || { failed=$((failed + 1)); exit 1; }
  export OKR_TEST_DATABASE="${conn/Database=okr/Database=postgres}"
fi

echo "== build"
dotnet tool restore >/dev/null || { failed=$((failed + 1)); exit 1; }
if ! dotnet build Okr.sln -c Debug --nologo -v quiet -clp:NoSummary; then
  echo "test: the build failed"; failed=$((failed + 1)); exit 1
fi

echo "== EF Core model matches the migrations"
if OKR_DATABASE="$OKR_TEST_DATABASE" dotnet ef migrations has-pending-model-changes --project api --no-build >"$results/ef.log" 2>&1; then
  passed=$((passed + 1))
else
  cat "$results/ef.log"; echo "test: the model has changes without a migration: dotnet ef migrations add <Name> --project api -o Infrastructure/Persistence/Migrations"
  failed=$((failed + 1))
fi

echo "== .NET unit and integration tests"
dotnet test tests/Okr.Api.Tests/Okr.Api.Tests.csproj --no-build --nologo ${OKR_TEST_FILTER:+--filter "$OKR_TEST_FILTER"} \
  --logger "trx;LogFileName=$results/api.trx" --logger "console;verbosity=minimal"
if [ -f "$results/api.trx" ]; then
  read -r total ok bad < <(trx_counts "$results/api.trx")
  passed=$((passed + ok)); failed=$((failed + bad + total - ok - bad))
else
  echo "test: the .NET tests produced no results"; failed=$((failed + 1))
fi
