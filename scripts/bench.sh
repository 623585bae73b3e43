#!/usr/bin/env bash
# `make bench`: (1) the alignment tree of a period with 10,000 objectives and 40,000 key results, and (2) a bulk
# CSV import of 100,000 key results with their 25,000 objectives next to PostgreSQL's own COPY of the same rows,
# served by the Release build against a fresh PostgreSQL (durable settings) on this machine.
# Results go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/lib.sh
objectives=${OKR_BENCH_OBJECTIVES:-10000}
requests=${OKR_BENCH_REQUESTS:-30}

pg_dir=$(mktemp -d /tmp/okr-bench-pg.XXXXXX); chmod 755 "$pg_dir"
cleanup() {
  if [ -n "${api:-}" ]; then kill "$api" 2>/dev/null || true; fi
  pg_stop "$pg_dir" 2>/dev/null || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
pg_port=$(free_port 55600 55699)
conn=$(pg_start "$pg_dir" "$pg_port")
export OKR_DATABASE="$conn"
password=$(cat "$pg_dir/password")

echo "bench: building (Release)…"
dotnet build api/Okr.Api.csproj -c Release --nologo -v quiet -clp:NoSummary >/dev/null
port=$(free_port 55700 55799); url="http://127.0.0.1:$port"
OKR_SEED_DEMO=false OKR_ADMIN_EMAIL=bench@okr.local OKR_ADMIN_PASSWORD=bench-password-1 OKR_SIGNING_KEY=$(head -c 48 /dev/urandom | base64 -w0) \
  dotnet api/bin/Release/net10.0/Okr.Api.dll --urls "$url" --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:Okr.Api.Features.Imports.ImportRunner=Information ${OKR_BENCH_API_ARGS:-} >/tmp/okr-bench-api.log 2>&1 &
api=$!
wait_ready "$url/health/ready" "$api" /tmp/okr-bench-api.log || { echo "bench: the API did not start"; exit 1; }

echo "bench: seeding $objectives objectives with 4 key results each…"
PGPASSWORD=$password psql -q -h 127.0.0.1 -p "$pg_port" -U okr -d okr -v ON_ERROR_STOP=1 -v n="$objectives" <<'SQL'
INSERT INTO teams (id, name, slug, parent_id, archived, created_at, modified_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'Bench Corp', 'bench', NULL, false, now(), now());
INSERT INTO teams (id, name, slug, parent_id, archived, created_at, modified_at)
SELECT ('00000000-0000-0000-0001-' || lpad(g::text, 12, '0'))::uuid, 'Team ' || g, 'team-' || g, '00000000-0000-0000-0000-000000000001', false, now(), now()
FROM generate_series(1, 50) g;
INSERT INTO periods (id, label, start_date, end_date, state, created_at, modified_at)
VALUES ('00000000-0000-0000-0002-000000000001', 'Bench quarter', current_date - 45, current_date + 45, 'active', now(), now());
-- 1% company objectives, 19% team objectives aligned to them, 80% individual-level (team-owned here) below those.
INSERT INTO objectives (id, title, period_id, team_id, parent_id, weight, state, created_at, modified_at)
SELECT ('00000000-0000-0000-0003-' || lpad(g::text, 12, '0'))::uuid,
       'Objective ' || g,
       '00000000-0000-0000-0002-000000000001',
       CASE WHEN g <= :n / 100 THEN '00000000-0000-0000-0000-000000000001'::uuid
            ELSE ('00000000-0000-0000-0001-' || lpad((1 + g % 50)::text, 12, '0'))::uuid END,
       CASE WHEN g <= :n / 100 THEN NULL
            WHEN g <= :n / 5 THEN ('00000000-0000-0000-0003-' || lpad((1 + g % (:n / 100))::text, 12, '0'))::uuid
            ELSE NULL END,
       1, 'active', now(), now()
FROM generate_series(1, :n) g;
INSERT INTO key_results (id, objective_id, title, type, direction, baseline, target, current_value, unit, weight, confidence, last_check_in_at, cadence_days, created_at, modified_at)
SELECT gen_random_uuid(), o.id, 'Key result ' || k || ' of ' || o.title, 'metric', 'increase', 0, 100, (random() * 100)::numeric(6,2), 'number', 1, 6, now(), 7, now(), now()
FROM objectives o CROSS JOIN generate_series(1, 4) k;
ANALYZE;
SQL

token=$(curl -s -X POST "$url/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"email":"bench@okr.local","password":"bench-password-1"}' \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
target="$url/api/v1/alignment?periodId=00000000-0000-0000-0002-000000000001"
for _ in $(seq 1 15); do curl -s -o /dev/null -H "Authorization: Bearer $token" "$target"; done  # warm up: tiered JIT needs a few dozen calls

times=()
for _ in $(seq 1 "$requests"); do
  times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$target")")
done
echo "bench: times: ${times[*]}" >&2
bytes=$(curl -s -H "Authorization: Bearer $token" "$target" | wc -c)
items=$(curl -s -H "Authorization: Bearer $token" "$target" | grep -o '"level"' | wc -l)
read -r median p95 max < <(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.0f %.0f %.0f\n", a[int((NR+1)/2)]*1000, a[int(NR*0.95+0.5)]*1000, a[NR]*1000}')

# ---- (2) bulk import ----
import_objectives=${OKR_BENCH_IMPORT_OBJECTIVES:-25000}
psql_bench() { PGPASSWORD=$password psql -q -h 127.0.0.1 -p "$pg_port" -U okr -d okr -v ON_ERROR_STOP=1 "$@"; }
psql_bench -c "INSERT INTO periods (id, label, start_date, end_date, state, created_at, modified_at)
               VALUES (gen_random_uuid(), 'Bench import', current_date - 45, current_date + 45, 'active', now(), now())"
measured=$(date -u -d '10 days ago' +%Y-%m-%dT00:00:00Z)
# One row per key result: 4 per objective, half of them with a check-in; 1% company objectives, the rest team
# objectives aligned to them.
make_csv() { # prefix objectives file
  awk -v prefix="$1" -v n="$2" -v measured="$measured" 'BEGIN {
    printf "objective_external_id,objective_title,period,team,parent_external_id,key_result_external_id,key_result_title,type,direction,baseline,target,unit,current_value,confidence,measured_at\r\n"
    company = int(n / 100)
    for (o = 1; o <= n; o++) {
      team = o <= company ? "bench" : "team-" (1 + o % 50)
      parent = o <= company ? "" : prefix "-O" (1 + o % company)
      for (k = 1; k <= 4; k++) {
        checkin = k <= 2 ? (10 * k + o % 50) ",6," measured : ",,"
        printf "%s-O%d,\"Objective %d, imported\",Bench import,%s,%s,%s-K%d-%d,Key result %d of objective %d,metric,increase,0,100,number,%s\r\n", prefix, o, o, team, parent, prefix, o, k, k, o, checkin
      }
    }
  }' > "$3"
}
small_csv="$pg_dir/small.csv"; big_csv="$pg_dir/big.csv"
make_csv SMALL $((import_objectives / 10)) "$small_csv"
make_csv BIG "$import_objectives" "$big_csv"
big_rows=$(($(wc -l < "$big_csv") - 1))
big_bytes=$(wc -c < "$big_csv")

import_csv() { # file [query] -> prints "durationMs wall_ms"
  local start end answer
  start=$(date +%s%N)
  answer=$(curl -sS -X POST "$url/api/v1/imports${2:-}" -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$1")
  end=$(date +%s%N)
  echo "$answer" | grep -q '"status":"succeeded"' || { echo "bench: the import failed: ${answer:0:600}" >&2; exit 1; }
  echo "$(echo "$answer" | sed -E 's/.*"durationMs":([0-9]+).*/\1/') $(((end - start) / 1000000))"
}
rss_kib() { awk "/^$1:/ {print \$2}" "/proc/$api/status"; }

token=$(curl -s -X POST "$url/api/v1/auth/token" -H 'Content-Type: application/json' -d '{"email":"bench@okr.local","password":"bench-password-1"}' \
  | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
echo "bench: importing $((big_rows / 10)) then $big_rows key results (CSV, $((big_bytes / 1024 / 1024)) MiB)…"
rss_before=$(rss_kib VmRSS)
read -r small_ms _ < <(import_csv "$small_csv")
hwm_small=$(rss_kib VmHWM)
read -r dry_ms dry_wall < <(import_csv "$big_csv" "?dryRun=true")
read -r big_ms big_wall < <(import_csv "$big_csv")
hwm_big=$(rss_kib VmHWM)
read -r rerun_ms rerun_wall < <(import_csv "$big_csv")
phases=$(grep -oE "[0-9]+ records in .*" /tmp/okr-bench-api.log | sed -n 3p || true)  # small, dry run, first big import, re-run

psql_bench -c "CREATE TABLE bench_copy (objective_external_id text, objective_title text, period text, team text, parent_external_id text,
                 key_result_external_id text, key_result_title text, type text, direction text, baseline numeric, target numeric, unit text,
                 current_value numeric, confidence int, measured_at timestamptz)"
copy_start=$(date +%s%N)
psql_bench -c "\\copy bench_copy FROM '$big_csv' WITH (FORMAT csv, HEADER true)"
copy_ms=$((($(date +%s%N) - copy_start) / 1000000))
rate() { awk -v rows="$1" -v ms="$2" 'BEGIN { printf "%\047d", rows / (ms / 1000) }'; }

mkdir -p docs
cat > docs/benchmarks.md <<MD
# Benchmarks

Measured by \`make bench\` on $(date -u +%Y-%m-%d) on this machine ($(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB),
Release build, PostgreSQL $(PGPASSWORD=$password psql -tA -h 127.0.0.1 -p "$pg_port" -U okr -d okr -c 'show server_version' | cut -d' ' -f1)
(a fresh cluster with its default, durable settings), API and database on the same machine, curl over loopback.

## Alignment tree: \`GET /api/v1/alignment?periodId=…\`

| data | requests | median | p95 | max | response |
|---|---|---|---|---|---|
| $items objectives, $((items * 4)) key results | $requests sequential | ${median} ms | ${p95} ms | ${max} ms | $((bytes / 1024)) KiB JSON |

Target: well under 200 ms. The query takes a fixed number of SQL round trips (period, teams, the caller's lead
teams, objectives, key results), proven by \`AlignmentTreeTests.TakesTheSameNumberOfSqlCommandsWhateverTheSize\`.
The first requests after start are slower (tiered JIT); 15 warm-up requests are not counted.

Where the time goes (measured with a stopwatch in the handler on 2026-11-24): reading the 10,000 objectives
and 40,000 key results takes 90–270 ms (PostgreSQL itself executes the key-result query in 40–75 ms; the rest is
materialising rows and converting numerics), the roll-up 13–50 ms, and writing 7.5 MB of JSON (source-generated
serialiser) most of the remainder. Runs on this 2-core machine vary by ±20% between identical runs.

**Status: $(if [ "$median" -lt 150 ]; then echo "the median is well under the target."; elif [ "$median" -lt 200 ]; then echo "the median is under the target, but not well under it."; else echo "the median is over the target."; fi)** Next steps, in order of expected gain: read the
key results with a leaner query (progress inputs only, no EF materialiser), cache the computed tree per period
and invalidate it on writes, and page or trim the key-result titles of a tree this large.

## Bulk import: \`POST /api/v1/imports\` (CSV)

$big_rows key results of $import_objectives objectives (half of them with a check-in), one CSV of $((big_bytes / 1024 / 1024)) MiB, sent
in one request into an organisation that already holds the alignment data above.

| run | time (server) | time (curl) | key results per second |
|---|---|---|---|
| first import: everything created | ${big_ms} ms | ${big_wall} ms | $(rate "$big_rows" "$big_wall") |
| the same file again: everything unchanged | ${rerun_ms} ms | ${rerun_wall} ms | $(rate "$big_rows" "$rerun_wall") |
| dry run of the first import (checked, then rolled back) | ${dry_ms} ms | ${dry_wall} ms | $(rate "$big_rows" "$dry_wall") |
| PostgreSQL \`\\copy\` of the same CSV into a plain table | — | ${copy_ms} ms | $(rate "$big_rows" "$copy_ms") |

Target: under 30 s for 100,000 key results. The import does far more than COPY: it parses and checks every field,
resolves every reference (teams, people, periods, parents, objectives), checks the alignment rules, upserts
objectives, key results and check-ins set-based, writes an audit entry per created or changed row, and commits it
all in one transaction; the COPY baseline only stores text. The API logs where the time goes; for the first
import: $phases.

Memory barely grows with the file (the alignment check holds a few ids per objective of the file): the API's peak resident memory was $((hwm_small / 1024)) MiB after importing
$((big_rows / 10)) key results and $((hwm_big / 1024)) MiB after $big_rows (it was $((rss_before / 1024)) MiB before either; the alignment
benchmark above had already run in the same process). The body is parsed as a stream and staged with binary COPY
in batches of 4,096 rows.
MD
cat docs/benchmarks.md
