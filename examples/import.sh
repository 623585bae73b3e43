#!/usr/bin/env bash
# Imports the sample JSON document and CSV file into a running Okr, the way an integration script would:
# sign in, dry run, import with an Idempotency-Key, re-run, import in the background and poll, export.
#
#   make run            # in another terminal
#   examples/import.sh
#
# OKR_URL, OKR_EMAIL and OKR_PASSWORD point it elsewhere (defaults: the `make run` admin on 127.0.0.1:5080).
# Needs only bash and curl.
set -euo pipefail

url=${OKR_URL:-http://127.0.0.1:5080}
email=${OKR_EMAIL:-admin@okr.local}
password=${OKR_PASSWORD:-okr-admin-password}
here=$(cd "$(dirname "$0")" && pwd)

# The value of a top-level or nested "name": … in a JSON answer (good enough for these answers; use jq in real scripts).
field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2- | tr -d '"'; }

step() { printf '\n== %s\n' "$*"; }

step "Sign in as $email"
token=$(curl -fsS -X POST "$url/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" | field accessToken)
auth=(-H "Authorization: Bearer $token")
echo "ok"

step "Dry run of the JSON document: what would change, nothing written"
curl -sS --fail-with-body -X POST "$url/api/v1/imports?dryRun=true" "${auth[@]}" \
  -H 'Content-Type: application/json' --data-binary @"$here/okrs.json"
echo

# A key per file version: sending the same request again (say, after a timeout) returns the first result.
key="okr-example-$(sha256sum "$here/okrs.json" | cut -c1-16)"

step "Import the JSON document (Idempotency-Key: $key)"
curl -sS --fail-with-body -X POST "$url/api/v1/imports" "${auth[@]}" -H "Idempotency-Key: $key" \
  -H 'Content-Type: application/json' --data-binary @"$here/okrs.json"
echo

step "The same request again: the first result comes back (Idempotent-Replayed: true), nothing runs twice"
curl -sS --fail-with-body -i -X POST "$url/api/v1/imports" "${auth[@]}" -H "Idempotency-Key: $key" \
  -H 'Content-Type: application/json' --data-binary @"$here/okrs.json" | grep -i -E '^(HTTP|idempotent-replayed)'

step "Import the CSV file (its objectives align to the JSON's OBJ-1)"
curl -sS --fail-with-body -X POST "$url/api/v1/imports" "${auth[@]}" \
  -H 'Content-Type: text/csv' --data-binary @"$here/okrs.csv"
echo

step "Import the CSV file again, in the background: 202 and a job to poll; everything is unchanged"
job=$(curl -sS --fail-with-body -X POST "$url/api/v1/imports?async=true" "${auth[@]}" \
  -H 'Content-Type: text/csv' --data-binary @"$here/okrs.csv" | field id)
for _ in $(seq 1 100); do
  answer=$(curl -sS --fail-with-body "$url/api/v1/imports/$job" "${auth[@]}")
  status=$(echo "$answer" | field status)
  echo "job $job: $status, $(echo "$answer" | field recordsRead) records read"
  [ "$status" = queued ] || [ "$status" = running ] || break
  sleep 0.5
done
echo "$answer"
[ "$status" = succeeded ]

step "A file with mistakes: 422, every error listed with its row, nothing written"
printf 'objective_external_id,objective_title,period,team,key_result_external_id,key_result_title,direction,baseline,target\n%s\n%s\n' \
  'BAD-1,Fine objective,2026 H2,acme,BAD-K1,Fine result,increase,1,2' \
  'BAD-2,Wrong team,2026 H2,no-such-team,BAD-K2,Falls but rises,decrease,5,9' |
  curl -sS -X POST "$url/api/v1/imports" "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @-
echo

step "Export as CSV (the format the import reads)"
curl -sS --fail-with-body "$url/api/v1/exports?format=csv" "${auth[@]}" | grep -E "objective_external_id|^OBJ-" | cut -c1-120

echo
echo "Done. Open $url and look at the period '2026 H2' on the alignment page."
