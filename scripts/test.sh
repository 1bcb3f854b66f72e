#!/usr/bin/env bash
# The whole test suite, runnable on a fresh clone of this machine kind (Node 20, npm, Debian):
# installs what the tests need, then type-checks, lints and runs every vitest project
# (core, integration on SQLite + PostgreSQL, e2e in real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n▶ %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. npm packages. `npm install`, not `npm ci`: this machine kind's registry mirror lacks biome's binaries
#    for other platforms, so the lock cannot list them and `npm ci` refuses it as out of sync.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm install --no-audit --no-fund
fi

# 2. Debian packages the tests use: Chromium for browser tests, fonts with Vietnamese glyphs,
#    LibreOffice to open generated DOCX files.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# (no grep -q: it would stop reading early, fc-list would get SIGPIPE and pipefail would report failure)
fc-list : family 2>/dev/null | grep -i 'Liberation Serif' >/dev/null || missing+=(fonts-liberation)
command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# 3. PostgreSQL: start the local cluster if it is installed but not running.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
if [ "${CI:-}" = "true" ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "CI=true and PostgreSQL is not reachable at 127.0.0.1:5432: integration tests need it." >&2
  exit 1
fi

# 4. Build what the browser tests and CLI tests run (compiled CLI, bundled web app).
say "building"
npm run --silent build

# 5. Static checks, then every test project.
say "type-checking"
npm run --silent typecheck
say "linting"
npx biome check .
say "running tests"
npx vitest run "$@"
