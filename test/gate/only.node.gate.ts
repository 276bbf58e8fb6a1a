// A stray `.only`, deliberately: scripts/gate.sh requires this run to exit non-zero with
// vitest's complaint (vitest.config.mts sets `allowOnly: false`, so a focused test fails
// the run everywhere, not only where CI is set). Every test here passes: the `.only`
// itself is the only failure. Selected only by EDGE_AUTH_GATE=1 (vitest.config.mts).
import { expect, it } from 'vitest';

// biome-ignore lint/suspicious/noFocusedTests: the gate proves that a focused test fails the run (scripts/gate.sh).
it.only('the gate: a stray .only fails the run, although this test passes', () => {
  expect(1).toBe(1);
});

it('the test a stray .only would silently skip', () => {
  expect(2).toBe(2);
});
