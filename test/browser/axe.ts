/**
 * axe-core in the page: {@link expectNoAxeViolations} runs Deque's rules for WCAG 2.0 and
 * 2.1, levels A and AA, plus axe's best practices, on the page as it is, and fails with
 * every violation (rule, impact, help, the offending elements). The pages' Content
 * Security Policy admits only the app's own script, so axe goes in through the DevTools
 * protocol (Playwright's evaluate), which that policy does not govern; the app's scripts
 * never see it as their own.
 */
import assert from 'node:assert/strict';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The rule sets run on every page. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** What the checks keep of axe's answer. */
interface AxeOutcome {
  passes: number;
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

// The page.evaluate callbacks below run in the page; the root tsconfig has no DOM library.
declare const document: unknown;
declare const window: {
  axe?: { run(context: unknown, options: unknown): Promise<{ passes: unknown[]; violations: AxeOutcome['violations'] }> };
};

/** Runs axe on the page (injecting it once per document) and answers the passes and violations. */
export async function runAxe(page: Page): Promise<AxeOutcome> {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const results = await window.axe!.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  }, TAGS);
}

/** Fails unless axe finds nothing on the page; `where` names the page and its state in the message. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { passes, violations } = await runAxe(page);
  assert.ok(passes > 0, `axe checked nothing on ${where}`);
  const report = violations
    .map(
      (v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(violations.length, 0, `axe found ${violations.length} problem(s) on ${where} (${page.url()}):\n${report}`);
}
