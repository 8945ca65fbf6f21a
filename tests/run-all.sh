#!/usr/bin/env bash
# `npm test`: type check, unit and integration tests (vitest, real database), then browser tests
# (Playwright on Debian's chromium against the production build). Prints one summary line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
bash tests/setup/ensure-chromium.sh || exit 1

status=0
echo "== type check"; npx tsc --noEmit || status=1
echo "== build"; npm run build --silent >/dev/null || { echo "build failed"; exit 1; }
echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=1
echo "== browser tests"
npx playwright test || status=1
node tests/setup/summary.mjs || status=1
exit $status
