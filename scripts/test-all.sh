#!/usr/bin/env bash
# Every suite: types, unit + contract + API tests, then the browser end-to-end tests in Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh || exit 1
bash scripts/ensure-chromium.sh || exit 1
mkdir -p test-results
status=0
echo "== Type check"
node_modules/.bin/tsc -p tsconfig.json --noEmit || status=1
echo "== Unit, contract and API tests"
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1
echo "== Build the tab"
npm run --silent build:tab || status=1
echo "== Browser end-to-end tests (Chromium)"
node_modules/.bin/vitest run --config test/e2e/vitest.config.mts --reporter=default --reporter=json --outputFile.json=test-results/e2e.json || status=1
node scripts/summarise-results.mjs test-results/unit.json test-results/e2e.json || status=1
exit $status
