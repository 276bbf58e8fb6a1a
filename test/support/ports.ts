/**
 * Ports for servers a test starts itself on a port it chooses beforehand (the stand-in's
 * CLI, which takes its ports as arguments; the browser environment's Postgres and web
 * apps). Asking the kernel for port 0 and handing that number on is not enough: such a
 * port comes from the ephemeral range (Linux: 32768–60999), from which every outbound
 * connection of every process also takes its source port, so in the seconds until the
 * server listens (Postgres starting, migrations applied) another test's connection can
 * take it — EADDRINUSE, seen once in CI. These ports are drawn below that range, checked
 * free, and never handed out twice by one process.
 */
import { isPortFree } from '../../local/ports.ts';

/** Below Linux's default ephemeral range, above the well-known and most registered services. */
const LOWEST = 20_000;
const HIGHEST = 32_000;
const handedOut = new Set<number>();

/**
 * A loopback port nothing listens on now, outside the ephemeral range.
 *
 * @example
 * const ports = { api: await freePort(), db: await freePort(), mailbox: await freePort() };
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    if (handedOut.has(port)) continue;
    if (await isPortFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${LOWEST} and ${HIGHEST} after 200 tries`);
}
