#!/usr/bin/env bash
# Installs what the tests need and runs every test of Jianfu:
#   typecheck, lint, unit + API integration on embedded PGlite, the same on a real PostgreSQL started
#   on a local port, the web build, and end-to-end flows in Debian's Chromium driven by playwright-core.
# Needs root (or sudo) only when Debian's chromium or postgresql is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REPORTS="$ROOT/.tmp/test-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# Without a CJK font the end-to-end screenshots show boxes instead of Chinese.
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || missing+=(fonts-noto-cjk)
if ((${#missing[@]})); then
  step "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "typecheck"
npm run --silent typecheck
step "lint"
npm run --silent lint

step "unit + API tests on PGlite"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/pglite.json"

step "unit + API tests on PostgreSQL"
PG_DIR="/tmp/jianfu-pg-test-$$"
PG_PORT=${JIANFU_TEST_PG_PORT:-$((55000 + $$ % 1000))}
trap 'bash "$ROOT/scripts/pg-local.sh" stop "$PG_DIR" >/dev/null 2>&1 || true; rm -rf "$PG_DIR"' EXIT
PG_URL=$(bash scripts/pg-local.sh start "$PG_DIR" "$PG_PORT")
DATABASE_URL="$PG_URL" npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/postgres.json"

step "web build"
npm run --silent build

step "end-to-end in Chromium"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$REPORTS/e2e.json"

step "summary"
node scripts/summarize-tests.mjs "$REPORTS"/pglite.json "$REPORTS"/postgres.json "$REPORTS"/e2e.json
