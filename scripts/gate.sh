#!/usr/bin/env bash
# The gate for the gate: proves that `npm test`'s configuration and global setup let a
# failure through to the exit status. Each case runs vitest exactly as `npm test` does
# (same config, same global setup that starts the stack), on tests that must fail, and
# requires a non-zero exit status and the failure in the output. Run first by .ci/run.
set -uo pipefail
cd "$(dirname "$0")/.."

failures=0
expect_failure() {
  local name=$1 pattern=$2
  shift 2
  local out status
  out=$(mktemp)
  "$@" >"$out" 2>&1
  status=$?
  if [ "$status" -ne 0 ] && grep -Eq "$pattern" "$out"; then
    echo "gate: $name: exit $status, as it must"
  else
    echo "gate: $name: exit $status; expected non-zero with output matching /$pattern/. Output:"
    cat "$out"
    failures=$((failures + 1))
  fi
  rm -f "$out"
}

export EDGE_AUTH_GATE=1 NO_COLOR=1 FORCE_COLOR=0
expect_failure 'failing test (node pool)' 'Tests +1 failed' npx vitest run --project gate-node test/gate/failing.node.gate.ts
expect_failure 'failing test (workerd pool)' 'Tests +1 failed' npx vitest run --project gate-worker
expect_failure 'test file that fails to load' 'no-such-module|Failed to load' npx vitest run --project gate-node test/gate/broken.node.gate.ts

# The global setup cannot start the stack: a port it needs is taken.
base=$(node --import tsx -e "import('./test/setup/ports.ts').then(async (m) => console.log(await m.findFreePortBase()))")
node -e "require('net').createServer().listen($((base + 2)), '127.0.0.1'); setTimeout(() => {}, 600000)" &
blocker=$!
sleep 0.5
EDGE_AUTH_TEST_PORT_BASE=$base expect_failure 'global setup that fails' 'already in use|did not start' npx vitest run --project gate-node test/gate/failing.node.gate.ts
kill "$blocker" 2>/dev/null

if [ "$failures" -ne 0 ]; then
  echo "gate: $failures case(s) exited 0 where a failure was due: the test command cannot be trusted"
  exit 1
fi
echo "gate: every deliberate failure turned the exit status non-zero"
