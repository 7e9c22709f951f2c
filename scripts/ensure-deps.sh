#!/usr/bin/env bash
# Installs the project's npm packages when they are missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (first run builds SQLite from source: a few minutes)…"
  npm ci --no-audit --no-fund
fi
