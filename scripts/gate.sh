#!/usr/bin/env bash
# The gate for the gate: proves that `npm test`'s configuration and global setup let a
# failure through to the exit status. Each case runs vitest exactly as `npm test` does
# (same config, same global setup that starts the stack), on tests that must fail, and
# requires a non-zero exit status and the failure in the output. The same for the lint
# (a stray `.only`/`.skip` is an error) and for `npm run test:browser` (a failing
# assertion in the real Chromium). Run first by .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

failures=0
# expect_failure NAME PATTERN [PATTERN...] -- COMMAND...
# Runs COMMAND; it must exit non-zero and its output must match every PATTERN (grep -E).
expect_failure() {
  local name=$1 patterns=() out status missing=()
  shift
  while [ "$#" -gt 0 ] && [ "$1" != -- ]; do
    patterns+=("$1")
    shift
  done
  shift # the --
  out=$(mktemp)
  "$@" >"$out" 2>&1
  status=$?
  for pattern in "${patterns[@]}"; do
    grep -Eq -- "$pattern" "$out" || missing+=("/$pattern/")
  done
  if [ "$status" -ne 0 ] && [ "${#missing[@]}" -eq 0 ]; then
    echo "gate: $name: exit $status, as it must"
  else
    echo "gate: $name: exit $status; expected non-zero, with output matching each of: $(printf '/%s/ ' "${patterns[@]}")(missing: ${missing[*]:-none}). Output:"
    cat "$out"
    failures=$((failures + 1))
  fi
  rm -f "$out"
}

# What this script starts or writes, gone however it ends.
blocker=
scratch=
cleanup() {
  [ -n "$blocker" ] && kill "$blocker" 2>/dev/null
  [ -n "$scratch" ] && rm -rf "$scratch"
}
trap cleanup EXIT

export EDGE_AUTH_GATE=1 NO_COLOR=1 FORCE_COLOR=0
expect_failure 'failing test (node pool)' 'Tests +1 failed' -- npx vitest run --project gate-node test/gate/failing.node.gate.ts
expect_failure 'failing test (workerd pool)' 'Tests +1 failed' -- npx vitest run --project gate-worker
expect_failure 'test file that fails to load' 'no-such-module|Failed to load' -- npx vitest run --project gate-node test/gate/broken.node.gate.ts
# A stray `.only` fails the run (vitest.config.mts: allowOnly: false), although its test passes.
expect_failure 'stray .only (vitest)' 'Unexpected \.only modifier' 'Test Files +1 failed' -- \
  npx vitest run --project gate-node test/gate/only.node.gate.ts

# The lint (`npm run lint` runs `biome check`) refuses a stray `.only` and `.skip`. The file
# is written under .scratch/ (git-ignored, so Biome would skip it: --vcs-use-ignore-file=false
# makes it check it; everything else is biome.jsonc's). The rule's name must be in the
# output: "no files were processed" also exits non-zero.
mkdir -p .scratch
scratch=$(mktemp -d .scratch/gate.XXXXXX)
printf "import { it } from 'vitest';\n\nit.only('focused', () => {});\n" >"$scratch/stray-only.test.ts"
printf "import { it } from 'vitest';\n\nit.skip('skipped', () => {});\n" >"$scratch/stray-skip.test.ts"
expect_failure 'stray .only (biome)' 'lint/suspicious/noFocusedTests' 'stray-only\.test\.ts' -- \
  npx biome check --vcs-use-ignore-file=false "$scratch/stray-only.test.ts"
expect_failure 'stray .skip (biome)' 'lint/suspicious/noSkippedTests' 'stray-skip\.test\.ts' -- \
  npx biome check --vcs-use-ignore-file=false "$scratch/stray-skip.test.ts"

# The global setup cannot start the stack: a port it needs is taken.
base=$(node --import tsx -e "import('./test/setup/ports.ts').then(async (m) => console.log(await m.findFreePortBase()))")
node -e "require('net').createServer().listen($((base + 2)), '127.0.0.1'); setTimeout(() => {}, 600000)" &
blocker=$!
sleep 0.5
EDGE_AUTH_TEST_PORT_BASE=$base expect_failure 'global setup that fails' 'already in use|did not start' -- \
  npx vitest run --project gate-node test/gate/failing.node.gate.ts
kill "$blocker" 2>/dev/null
blocker=

# `npm run test:browser` with EDGE_AUTH_GATE=1: the same environment, Chromium and runner
# (node:test, the screenshot of a failed flow, the hook that stops everything) with only
# test/browser/gate/failing.ts, whose assertion on the rendered sign-in page fails.
# (.ci/run installs Debian's chromium before this script when it is missing.)
screenshot=test/browser/failures/browser-gate.png
rm -f "$screenshot"
expect_failure 'failing browser test (npm run test:browser)' \
  'browser gate: /login shows the heading "[^"]+"' '(ℹ|#) fail 1' \
  "screenshot of the failure: ${screenshot//./\\.}" 'stopped everything' -- \
  npm run test:browser
rm -f "$screenshot"

if [ "$failures" -ne 0 ]; then
  echo "gate: $failures case(s) did not fail as due (exit 0, or not the expected failure): the test command cannot be trusted"
  exit 1
fi
echo "gate: every deliberate failure turned the exit status non-zero"
