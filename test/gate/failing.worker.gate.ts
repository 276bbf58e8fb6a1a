// Deliberately failing, inside workerd: .ci/run (scripts/gate.sh) requires this run to
// exit non-zero. Selected only by EDGE_AUTH_GATE=1 (vitest.config.mts).
import { exports } from 'cloudflare:workers';
import { expect, test } from 'vitest';

test('the gate: a failing assertion in the worker pool fails the run', async () => {
  const res = await exports.default.fetch('http://worker.test/api/v1/health');
  expect(res.status).toBe(599);
});
