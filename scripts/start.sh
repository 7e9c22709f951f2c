#!/usr/bin/env bash
# Quick start: installs what is missing, builds the tab and serves the app on the embedded store.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build:tab
exec node_modules/.bin/tsx bot/main.ts
