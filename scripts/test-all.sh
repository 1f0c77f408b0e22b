#!/usr/bin/env bash
# Runs every test: lint + typecheck, unit/integration tests on PGlite, the database tests again on
# PostgreSQL, a production build, and the browser tests in Chromium against real Kamailio.
# Installs what the tests need when run as root on Debian/Ubuntu; otherwise names what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# --- system tools -------------------------------------------------------------------------------
need_pkgs=()
command -v kamailio >/dev/null 2>&1 || [ -x /usr/sbin/kamailio ] || need_pkgs+=(kamailio kamailio-tls-modules)
[ -e /usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so ] || ls /usr/lib/*/kamailio/modules/tls.so >/dev/null 2>&1 \
  || need_pkgs+=(kamailio-tls-modules)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
command -v openssl >/dev/null 2>&1 || need_pkgs+=(openssl)
command -v pg_dump >/dev/null 2>&1 || need_pkgs+=(postgresql-client)
command -v sipsak >/dev/null 2>&1 || need_pkgs+=(sipsak)
# The server binaries too: one test restarts a private PostgreSQL (test/postgres-server.ts).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
command -v sipp >/dev/null 2>&1 || need_pkgs+=(sip-tester)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  # shellcheck disable=SC2207
  uniq_pkgs=($(printf '%s\n' "${need_pkgs[@]}" | sort -u))
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${uniq_pkgs[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${uniq_pkgs[@]}"
  else
    echo "Missing system packages. Install them and run again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${uniq_pkgs[*]}" >&2
    exit 1
  fi
fi

# --- PostgreSQL for the second run of the database tests ----------------------------------------
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! node scripts/pg-ping.mjs "$TEST_DATABASE_URL" 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "No PostgreSQL at $TEST_DATABASE_URL: installing and starting a local one"
    command -v pg_ctlcluster >/dev/null 2>&1 || {
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    }
    ver=$(ls /etc/postgresql | sort -V | tail -n1)
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
    su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 \
      || su postgres -c "createdb test"
    export TEST_DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/test"
    node scripts/pg-ping.mjs "$TEST_DATABASE_URL"
  else
    echo "The database tests need PostgreSQL. Start one and set TEST_DATABASE_URL, e.g." >&2
    echo "  sudo apt-get install -y postgresql && export TEST_DATABASE_URL=postgres://USER:PASS@127.0.0.1:5432/DB" >&2
    exit 1
  fi
fi

# --- node modules --------------------------------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi

say "Lint, typecheck and import rules"
npx biome check .
npx tsc --noEmit
node scripts/check-imports.mjs

# npm ci builds it too (prepare); built again here so CI never tests a stale dist/.
say "Build the sip-check CLI"
node scripts/build-cli.mjs

reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"

say "Unit and integration tests (PGlite)"
TEST_DATABASE=pglite npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-pglite.json"

# The tests that touch the database (they import db/testing.ts: scripts/db-tests.mjs) run again
# on PostgreSQL; vitest.config.ts picks them when TEST_DATABASE=postgres.
say "The database tests again on PostgreSQL (${TEST_DATABASE_URL%%@*}@…)"
TEST_DATABASE=postgres npx vitest run \
  --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json"

say "Production build"
NEXT_TELEMETRY_DISABLED=1 npx next build

say "Browser tests (Chromium, real Kamailio)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

say "The customer flow again on PostgreSQL"
E2E_DATABASE=postgres PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-postgres.json" \
  npx playwright test e2e/wizard.spec.ts e2e/wizard-errors.spec.ts --reporter=list,json

say "Summary"
node scripts/test-summary.mjs \
  "vitest, every test (database tests on PGlite)=$reports/vitest-pglite.json" \
  "vitest, PostgreSQL (database tests)=$reports/vitest-postgres.json" \
  "Playwright, PGlite=$reports/playwright.json" \
  "Playwright, PostgreSQL (customer flow)=$reports/playwright-postgres.json"
