/**
 * The benchmark's child processes (the stand-in, the in-process worker), both sides of
 * one small protocol: the child prints one line `READY <json>` once it serves, and stops
 * on SIGTERM, SIGINT or when its stdin closes (the parent went away). The parent starts
 * each child in its own process group, so that whatever the child started (Postgres)
 * can be killed with it if it does not stop by itself in time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A running child: what it announced, its pid, and how to stop it. */
export interface Child<T> {
  info: T;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Runs `node --import tsx <script> ...args` from the repository root and resolves with
 * the JSON of its READY line. Rejects (and kills the child) if it exits first or is not
 * ready within `timeoutMs`. `stop()` sends SIGTERM, then SIGKILL to the group after 20 s.
 */
export function startChild<T>(script: string, args: string[], timeoutMs: number): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errText = '';
  child.stderr.on('data', (chunk: Buffer) => (errText = (errText + chunk.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 20_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => void stop().then(() => reject(new Error(`${script}: ${why}\n${errText}`)));
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = /^READY (.*)$/m.exec(buffer);
      if (m) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data').resume();
        resolve({ info: JSON.parse(m[1]!) as T, pid: child.pid!, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready\n${errText}`));
    });
  });
}

/** Child side: announce `info`, and run `stop` (then exit) on SIGTERM, SIGINT or stdin end. */
export function announceReady(info: unknown, stop: () => Promise<void>): void {
  let stopping = false;
  const end = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', end);
  process.once('SIGINT', end);
  process.stdin.on('end', end).resume();
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
}
