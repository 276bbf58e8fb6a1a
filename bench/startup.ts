/**
 * Start-up cost of the deployable worker, as far as wrangler exposes it locally:
 * `wrangler check startup --worker <upload form>` loads the artifact in workerd and records
 * a V8 CPU profile of its start-up phase (evaluating the bundle's top level; wrangler
 * samples about once per ms). From the profile we take the time from the first to the
 * last sample that falls inside the bundle, engine work in between included, each sample
 * counted for the interval until the next one (as Chrome's profiler does). The median of a
 * few runs is reported. It is a local figure on this machine's CPU; Cloudflare measures
 * its own start-up time when a deploy uploads the worker, which a dry run does not reach.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What {@link profileStartup} found. */
export interface StartupProfile {
  /** Median start-up time of the runs, ms. */
  ms: number;
  /** Each run's figure, ms. */
  runs: number[];
  /** Samples inside the bundle in the median run. */
  samples: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
  startTime: number;
}

/**
 * Start-up time in ms of one profile (see the module comment), and how many samples it
 * rests on. Throws when no sample falls inside the bundle: there is no figure then, and
 * 0 ms would read as one.
 */
function startupOf(profile: CpuProfile, bundleName = 'index.js'): { ms: number; samples: number } {
  const url = new Map(profile.nodes.map((n) => [n.id, n.callFrame.url]));
  const inBundle = profile.samples.map((id) => (url.get(id) ?? '').endsWith(bundleName));
  const first = inBundle.indexOf(true);
  const last = inBundle.lastIndexOf(true);
  if (first < 0) {
    throw new Error(`no start-up time: none of the profile's ${profile.samples.length} samples falls inside the bundle (${bundleName})`);
  }
  let us = 0;
  // Sample i stands for the interval until sample i + 1 (timeDeltas[i + 1]).
  for (let i = first; i <= last; i++) us += profile.timeDeltas[i + 1] ?? 0;
  return { ms: us / 1000, samples: inBundle.filter(Boolean).length };
}

/**
 * Profiles the start-up of the worker in `formFile` (from `wrangler deploy --dry-run
 * --outfile`) `runs` times. Throws when a run measured nothing (see {@link startupOf}).
 */
export function profileStartup(formFile: string, runs = 3, cwd = process.cwd()): StartupProfile {
  const tmp = mkdtempSync(join(tmpdir(), 'edge-auth-startup-'));
  try {
    const results: { ms: number; samples: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const outfile = join(tmp, `startup-${i}.cpuprofile`);
      execFileSync(join(cwd, 'node_modules', '.bin', 'wrangler'), ['check', 'startup', '--worker', formFile, '--outfile', outfile], {
        cwd,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 60_000,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      });
      try {
        results.push(startupOf(JSON.parse(readFileSync(outfile, 'utf8')) as CpuProfile));
      } catch (error) {
        throw new Error(`run ${i + 1} of ${runs}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    const sorted = [...results].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return { ms: median.ms, runs: results.map((r) => r.ms), samples: median.samples };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
