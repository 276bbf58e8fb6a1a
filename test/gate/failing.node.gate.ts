// Deliberately failing: .ci/run (scripts/gate.sh) requires this run to exit non-zero.
// Selected only by EDGE_AUTH_GATE=1 (vitest.config.mts); never part of `npm test`.
import { expect, test } from 'vitest';

test('the gate: a failing assertion fails the run', () => {
  expect(1).toBe(2);
});
