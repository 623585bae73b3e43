#!/usr/bin/env bash
# `make test`: every test against a throwaway PostgreSQL, then one closing line "N passed, N failed".
# The line counts tests (.NET, contract lint, web unit, browser, SDK scenarios); a build step or check that fails (build, EF model, types, lint)
# adds one to "failed", one that succeeds adds nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh
results="$root/tests/artifacts/results"
rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0

finish() {
  local status=$?
  [ -n "${api_pid:-}" ] && { kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; }
  [ -n "${issuer_pid:-}" ] && { kill "$issuer_pid" 2>/dev/null; wait "$issuer_pid" 2>/dev/null; }
  [ -n "${pg_dir:-}" ] && { pg_stop "$pg_dir" 2>/dev/null; rm -rf "$pg_dir"; }
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "test: the test script stopped early (exit $status)"; failed=1
  fi
  failure_digest
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
trap finish EXIT

# What failed and why, just above the closing line: a CI log is often read from its tail only.
failure_digest() {
  local tap="$results/e2e.tap" trx
  if [ -f "$tap" ] && grep -q '^ *not ok' "$tap"; then
    echo; echo "== failed browser tests"
    awk '/^ *not ok/ { show = 1; n = 0; print; next }
         show && /^ *\.\.\.$/ { show = 0 }
         show && n < 16 && !/duration_ms|^ *at |stack: / { print; n++ }' "$tap"
  fi
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] && grep -q 'outcome="Failed"' "$trx" || continue
    echo; echo "== failed .NET tests ($(basename "$trx"))"
    awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "not ok: " substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
         want && /<Message>/ { sub(/.*<Message>/, "  "); sub(/<\/Message>.*/, ""); print; want = 0 }' "$trx" | head -n 40
  done
}

# Counters of a .trx file: total, passed, failed.
trx_counts() { grep -o '<Counters [^>]*>' "$1" | sed -E 's/.* total="([0-9]+)".* passed="([0-9]+)" failed="([0-9]+)".*/\1 \2 \3/'; }

if [ -z "${OKR_TEST_DATABASE:-}" ]; then
  pg_dir=$(mktemp -d /tmp/okr-test-pg.XXXXXX)
  chmod 755 "$pg_dir"
  pg_port=$(free_port 55440 55540) || { failed=$((failed + 1)); exit 1; }
  conn=$(pg_start "$pg_dir" "$pg_port" --throwaway) || { failed=$((failed + 1)); exit 1; }
  export OKR_TEST_DATABASE="${conn/Database=okr/Database=postgres}"
  # The outage tests restart this cluster (and only this one: a server named by the caller is never touched).
  export OKR_TEST_PG_RESTART="$root/scripts/pg.sh restart $pg_dir"
fi

echo "== build"
dotnet tool restore >/dev/null || { failed=$((failed + 1)); exit 1; }
if ! dotnet build Okr.sln -c Debug --nologo -v quiet -clp:NoSummary; then
  echo "test: the build failed"; failed=$((failed + 1)); exit 1
fi

# OKR_E2E_ONLY=1 (a developer's shortcut while working on the browser tests): build, then only the end-to-end tests;
# OKR_E2E_SPECS narrows them to some spec files. make test and CI never set either.
if [ -z "${OKR_E2E_ONLY:-}" ]; then
echo "== EF Core model matches the migrations"
if OKR_DATABASE="$OKR_TEST_DATABASE" dotnet ef migrations has-pending-model-changes --project api --no-build >"$results/ef.log" 2>&1; then
  :
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

[ -n "${OKR_TEST_FILTER:-}" ] && exit 0   # a filtered run (make openapi) stops after the .NET tests

echo "== contract lint: Spectral (spectral:oas) and Redocly (recommended) on openapi.yaml, zero errors and zero warnings"
# One test each. Rules turned off are turned off in .spectral.yaml / redocly.yaml, each with its reason.
if npm_ready tests/contract; then
  if (cd tests/contract && npm run spectral --silent); then passed=$((passed + 1)); else
    echo "test: Spectral found problems in openapi.yaml (cd tests/contract && npm run spectral)"; failed=$((failed + 1)); fi
  # Redocly exits 0 on warnings; the gate also fails on those. No telemetry, no update check (the machine is offline).
  if redocly_out=$(cd tests/contract && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npm run redocly --silent 2>&1) \
     && ! grep -qE "You have [0-9]+ warning" <<<"$redocly_out"; then passed=$((passed + 1)); else
    echo "$redocly_out" | tail -n 40; echo "test: Redocly found problems in openapi.yaml (cd tests/contract && npm run redocly)"; failed=$((failed + 1)); fi
else
  echo "test: the contract linters did not install"; failed=$((failed + 2))
fi
fi

echo "== web: generated API types, type check, build, lint, unit tests"
if (npm_ready web && cd web && npm run build --silent); then
  if [ -z "${OKR_E2E_ONLY:-}" ]; then
    # the build includes the check that src/types/api.gen.ts matches openapi.yaml
    if ! (cd web && npm run lint --silent); then
      echo "test: ESLint found problems in the web app (cd web && npm run lint)"; failed=$((failed + 1))
    fi
    (cd web && npx vitest run --reporter=default --reporter=json --outputFile="$results/web.json")
    if [ -f "$results/web.json" ]; then
      read -r ok bad < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0) + (r.success === false && r.numFailedTests === 0 ? 1 : 0))' "$results/web.json")
      passed=$((passed + ok)); failed=$((failed + bad))
    else
      echo "test: the web unit tests produced no results"; failed=$((failed + 1))
    fi
  fi
else
  echo "test: the web app did not build"; failed=$((failed + 1))
fi

echo "== browser end-to-end tests (Chromium, real API, real PostgreSQL)"
if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Chromium (apt)…"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
if [ ! -f web/dist/index.html ] || ! command -v chromium >/dev/null 2>&1; then
  echo "test: no web build or no Chromium: the end-to-end tests cannot run"; failed=$((failed + 1)); exit 1
fi
e2e_port=$(free_port 55440 55540) || { failed=$((failed + 1)); exit 1; }
e2e_url="http://127.0.0.1:$e2e_port"
# The company's identity provider for the single sign-on journey: a real OpenID Connect provider (tests/Okr.TestIssuer).
issuer_port=$(free_port 55600 55700) || { failed=$((failed + 1)); exit 1; }
issuer_url="http://127.0.0.1:$issuer_port"
dotnet tests/Okr.TestIssuer/bin/Debug/net10.0/Okr.TestIssuer.dll --url "$issuer_url" --client-id okr --client-secret okr-e2e-secret \
  --redirect "$e2e_url/api/v1/auth/sso/callback" --account "tom@demo.okr|Tom Chen" --account "stranger@demo.okr|Stranger Danger" \
  >"$results/e2e-issuer.log" 2>&1 &
issuer_pid=$!
if ! wait_ready "$issuer_url/.well-known/openid-configuration" "$issuer_pid" "$results/e2e-issuer.log"; then
  echo "test: the identity provider for the end-to-end tests did not start"; failed=$((failed + 1)); exit 1
fi
# A database of its own on the test server, whatever database OKR_TEST_DATABASE names. The browser tests sign in dozens
# of times a minute from one address: the auth rate limit (its own .NET tests) is raised for them.
e2e_database="$(echo "$OKR_TEST_DATABASE" | sed -E 's/(^|;)[Dd]atabase=[^;]*//g');Database=okr_e2e_$$"
OKR_DATABASE="$e2e_database" OKR_SEED_DEMO=true OKR_APP_URL="$e2e_url" \
  OKR_ADMIN_EMAIL=admin@okr.local OKR_ADMIN_PASSWORD=okr-admin-password \
  OKR_SIGNING_KEY=$(head -c 48 /dev/urandom | base64 -w0) OKR_WEB_ROOT="$root/web/dist" \
  OKR_SSO_AUTHORITY="$issuer_url" OKR_SSO_CLIENT_ID=okr OKR_SSO_CLIENT_SECRET=okr-e2e-secret OKR_SSO_NAME="Test IdP" \
  dotnet api/bin/Debug/net10.0/Okr.Api.dll --urls "$e2e_url" --contentRoot "$root/api" \
  --Okr:Auth:AuthRequestsPerMinute=1000 --Logging:LogLevel:Default=Warning >"$results/e2e-api.log" 2>&1 &
api_pid=$!
if ! wait_ready "$e2e_url/health/ready" "$api_pid" "$results/e2e-api.log"; then
  echo "test: the API for the end-to-end tests did not start"; failed=$((failed + 1)); exit 1
fi
(npm_ready tests/e2e && cd tests/e2e \
  && OKR_E2E_URL="$e2e_url" OKR_E2E_ISSUER_URL="$issuer_url" node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
     --test-reporter=tap --test-reporter-destination="$results/e2e.tap" ${OKR_E2E_SPECS:-specs/*.test.mjs})
if [ -f "$results/e2e.tap" ]; then
  ok=$(grep -E '^# pass ' "$results/e2e.tap" | awk '{print $3}'); bad=$(grep -E '^# fail ' "$results/e2e.tap" | awk '{print $3}')
  passed=$((passed + ${ok:-0})); failed=$((failed + ${bad:-1}))
else
  echo "test: the end-to-end tests produced no results"; failed=$((failed + 1))
fi
echo "   screenshots: tests/artifacts/screenshots/"

echo "== SDK scenarios: generated clients (Kiota, NSwag, openapi-typescript + openapi-fetch) against the same API"
# Each client is generated from the checked-in openapi.yaml (at build time), signs in as an API client and checks
# that every body it sends holds only what the scenario set. One test each.
for client in kiota nswag; do
  if dotnet tests/Okr.Sdk.Scenarios/bin/Debug/net10.0/Okr.Sdk.Scenarios.dll "$client" "$e2e_url" admin@okr.local okr-admin-password \
       2>"$results/sdk-$client.log"; then passed=$((passed + 1)); else
    tail -n 20 "$results/sdk-$client.log"; failed=$((failed + 1)); fi
done
if npm_ready sdk/typescript && (cd sdk/typescript && npm run build --silent >/dev/null \
     && OKR_SDK_URL="$e2e_url" OKR_SDK_ADMIN_EMAIL=admin@okr.local OKR_SDK_ADMIN_PASSWORD=okr-admin-password npm run scenario --silent); then
  passed=$((passed + 1))
else
  echo "test: the TypeScript SDK scenario failed (sdk/typescript)"; failed=$((failed + 1))
fi
