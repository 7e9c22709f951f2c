#!/usr/bin/env bash
# Benchmarks, on demand (not part of the test command): each prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npm run --silent build:tab
echo "== Tab bundle size"
node_modules/.bin/tsx test/bench/tabBundleSize.bench.ts
echo "== Autosave latency"
node_modules/.bin/tsx test/bench/autosaveLatency.bench.ts
echo "== Autosave peak on SharePoint (200 auditors, 10 simulated minutes)"
node_modules/.bin/tsx test/bench/autosavePeak.bench.ts
echo "== Allocation"
node_modules/.bin/tsx test/bench/allocation.bench.ts
echo "== Action nudges"
node_modules/.bin/tsx test/bench/actionNudges.bench.ts
echo "== SharePoint on the Graph simulator: lifecycle cost and query latency at 100,000 audits (about 40 s)"
node_modules/.bin/tsx test/bench/sharePointLifecycle.bench.ts
echo "== Card fan-out (about 90 s)"
node_modules/.bin/tsx test/bench/fanout.bench.ts
