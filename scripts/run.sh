#!/usr/bin/env bash
# `make run`: PostgreSQL (ours, or OKR_DATABASE), migrations, the API and the web app on one origin, the demo organisation.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh

export OKR_PORT=${OKR_PORT:-5080}
export OKR_PG_PORT=${OKR_PG_PORT:-55432}
export OKR_ADMIN_EMAIL=${OKR_ADMIN_EMAIL:-admin@okr.local}
export OKR_ADMIN_PASSWORD=${OKR_ADMIN_PASSWORD:-okr-admin-password}
export OKR_SEED_DEMO=${OKR_SEED_DEMO:-true}
export OKR_SIGNING_KEY_FILE=${OKR_SIGNING_KEY_FILE:-$root/.okr/signing-key}
export OKR_WEB_ROOT=${OKR_WEB_ROOT:-$root/web/dist}
# A webhook receiver on this machine works out of the box; production allows no host (https to public addresses only).
export Okr__Webhooks__AllowedHosts=${Okr__Webhooks__AllowedHosts:-127.0.0.1,localhost}
url="http://127.0.0.1:$OKR_PORT"
# Links in emails (invitations, resets, reminders) point here unless told otherwise.
export OKR_APP_URL=${OKR_APP_URL:-$url}
mkdir -p .okr

if [ -z "${OKR_DATABASE:-}" ]; then
  OKR_DATABASE=$(pg_start "${OKR_PG_DIR:-$root/.okr/pg}" "$OKR_PG_PORT")
  export OKR_DATABASE
fi

if [ -f web/package.json ]; then
  echo "run: building the web app…"
  (npm_ready web && cd web && npm run build --silent) >&2
fi

echo "run: building the API…"
dotnet build api/Okr.Api.csproj -c Release --nologo -v quiet -clp:NoSummary >&2

if curl -sf "$url/health/live" >/dev/null 2>&1; then
  echo "run: something already answers on $url; stop it first (make stop) or set OKR_PORT." >&2
  exit 1
fi

log="$root/.okr/api.log"
# The log goes to the terminal and to .okr/api.log, so a failed start can show its end.
dotnet api/bin/Release/net10.0/Okr.Api.dll --urls "$url" --contentRoot "$root/api" \
  --Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning \
  > >(tee "$log") 2>&1 &
api=$!
echo $api > .okr/api.pid
trap 'kill -TERM $api 2>/dev/null; wait $api 2>/dev/null; rm -f .okr/api.pid; echo; echo "run: API stopped (PostgreSQL keeps running: make stop)."; exit 0' INT TERM

if ! wait_ready "$url/health/ready" "$api" "$log" "${OKR_START_SECONDS:-60}"; then
  kill -TERM $api 2>/dev/null || true; wait $api 2>/dev/null || true; rm -f .okr/api.pid
  echo "run: Okr is not running." >&2
  exit 1
fi

cat <<BANNER

  Okr is running.

    App      $url/
    API      $url/api/v1
    Swagger  $url/swagger
    Health   $url/health/ready

  Sign in as the admin:   $OKR_ADMIN_EMAIL / $OKR_ADMIN_PASSWORD
  Demo people (password okr-demo-password):
    ceo@demo.okr    Maya Lindqvist, admin, CEO
    sam@demo.okr    Sam Rivera, lead of Customer Success
    priya@demo.okr  Priya Patel, member of Support
    tom@demo.okr    Tom Chen, lead of Product
    lena@demo.okr   Lena Fischer, member of Growth

  Ctrl-C stops the API; 'make stop' also stops PostgreSQL; 'make clean' deletes the local data.

BANNER
wait $api
