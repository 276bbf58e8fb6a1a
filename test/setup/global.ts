/**
 * Vitest global setup: starts the test run's own local stack (test/setup/stack-process.ts)
 * in a child process, waits until it is ready, and stops it when the run ends. The stack
 * never runs inside vitest's process, so nothing it loads can install exit hooks there or
 * change the exit status of `npm test`; a stack that cannot start fails the setup, and so
 * the run.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STACK_PROCESS = fileURLToPath(new URL('./stack-process.ts', import.meta.url).href);
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export default async function setup() {
  const child = fork(STACK_PROCESS, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await whenReady(child);
  } catch (err) {
    await stop(child);
    throw err;
  }
  return () => stop(child);
}

function whenReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The test stack did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const done = (fn: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', onError);
      fn();
    };
    const onMessage = (m: unknown) => {
      const message = m as { ready?: boolean; error?: string };
      if (message.ready) done(resolve);
      else if (message.error) done(() => reject(new Error(`The test stack did not start:\n${message.error}`)));
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(() => reject(new Error(`The test stack exited before it was ready (${signal ?? `exit ${code}`})`)));
    const onError = (err: Error) => done(() => reject(err));
    child.on('message', onMessage).on('exit', onExit).on('error', onError);
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}
