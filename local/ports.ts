/**
 * Loopback port probing, shared by the stand-in (which names a taken port before it
 * starts anything) and the test setup (which looks for a free block of ports). Kept apart
 * from local/stack.ts so that probing loads nothing else.
 */
import net from 'node:net';

/** Resolves true when nothing listens on 127.0.0.1:`port`. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
