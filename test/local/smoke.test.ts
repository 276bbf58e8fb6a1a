import { expect, it } from 'vitest';
it('node works', () => { expect(1).toBe(1); });
