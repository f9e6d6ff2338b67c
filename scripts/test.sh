#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (Node packages,
# Chromium, PostGIS, a CJK font), starts PostgreSQL, then runs the four lanes (scripts/test-lanes.ts).
# A lane that cannot run fails; nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing Node packages (npm ci)"
  npm ci --no-audit --no-fund
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if command -v pg_ctlcluster >/dev/null 2>&1; then
  dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || missing+=(postgresql-15-postgis-3)
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-noto-cjk); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[test] missing system packages: ${missing[*]} — install them (apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    cluster=$(pg_lsclusters -h 2>/dev/null | awk '$1 == "15" {print $2; exit}')
    cluster=${cluster:-main}
    if ! pg_lsclusters -h | awk -v c="$cluster" '$1 == "15" && $2 == c {print $4}' | grep -q online; then
      log "starting PostgreSQL 15 ($cluster)"
      pg_ctlcluster 15 "$cluster" start
    fi
    port=$(pg_lsclusters -h | awk -v c="$cluster" '$1 == "15" && $2 == c {print $3}')
    su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'renewmap') THEN
    CREATE ROLE renewmap LOGIN PASSWORD 'renewmap' CREATEDB;
  END IF;
END \$\$;
SQL
    su postgres -c "psql -p $port -q -d template1 -c 'CREATE EXTENSION IF NOT EXISTS postgis'"
    if ! su postgres -c "psql -p $port -Atqc \"SELECT 1 FROM pg_database WHERE datname = 'renewmap_test'\"" | grep -q 1; then
      su postgres -c "createdb -p $port -O renewmap renewmap_test"
    fi
    export TEST_DATABASE_URL="postgres://renewmap:renewmap@localhost:$port/renewmap_test"
  else
    log "no PostgreSQL 15 here and TEST_DATABASE_URL is not set: the postgis lane will fail"
  fi
fi

log "type-checking (tsc --noEmit, strict)"
npx tsc --noEmit -p tsconfig.json

exec npx tsx scripts/test-lanes.ts "$@"
