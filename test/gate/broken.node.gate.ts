// Deliberately fails to load: .ci/run (scripts/gate.sh) requires this run to exit non-zero.
// Selected only by EDGE_AUTH_GATE=1 (vitest.config.mts).
import { test } from 'vitest';
import './no-such-module.ts';

test('never reached', () => {});
