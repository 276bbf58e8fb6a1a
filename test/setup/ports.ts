/**
 * Finds a block of free loopback ports for a test run's own stack.
 */
import { isPortFree } from '../../local/ports.ts';

/** First base in 55320, 55420, ... whose +1, +2, +4, +5, +6 and +7 ports are all free. */
export async function findFreePortBase(): Promise<number> {
  for (let base = 55320; base < 60000; base += 100) {
    const free = await Promise.all([base + 1, base + 2, base + 4, base + 5, base + 6, base + 7].map(isPortFree));
    if (free.every(Boolean)) return base;
  }
  throw new Error('No free block of ports between 55320 and 60000 for the test stack');
}
