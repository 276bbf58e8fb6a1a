/**
 * A real Chromium for the browser tests: Debian's package (`apt-get install chromium`)
 * at /usr/bin/chromium, or CHROMIUM_PATH, driven by playwright-core (never Playwright's
 * own browser download). Headless, no sandbox (containers run as root), nothing that
 * talks to the network by itself, a fresh profile per launch (Playwright's temporary
 * --user-data-dir).
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Where Chromium is. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Folder for screenshots of failed tests (git-ignored). */
const FAILURES_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'failures');

/** Launches Chromium; fails with a hint when it is not installed. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (as root), or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What a flow gets: a first page, and more devices (each a context of its own) or tabs when it needs them. */
export interface FlowPages {
  page: Page;
  context: BrowserContext;
  /** Another device: a fresh context (own storage), and its first page. */
  newDevice(): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Runs `fn` with fresh browser contexts; when it throws, saves a screenshot of every
 * page it opened into {@link FAILURES_DIR} (named after `name`), then rethrows. Always
 * closes the contexts.
 */
export async function withPages(browser: Browser, name: string, fn: (pages: FlowPages) => Promise<void>): Promise<void> {
  const contexts: BrowserContext[] = [];
  const newDevice = async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC', viewport: { width: 1000, height: 900 } });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return { context, page: await context.newPage() };
  };
  try {
    await fn({ ...(await newDevice()), newDevice });
  } catch (err) {
    fs.mkdirSync(FAILURES_DIR, { recursive: true });
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const pages = contexts.flatMap((c) => c.pages());
    for (const [i, page] of pages.entries()) {
      const file = path.join(FAILURES_DIR, `${slug}${pages.length > 1 ? `-${i + 1}` : ''}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot of the failure: ${path.relative(process.cwd(), file)} (${page.url()})`);
    }
    throw err;
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
  }
}

/** Saves a screenshot as `<BROWSER_SCREENSHOTS>/<name>.png` when that variable names a folder (for documentation). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.BROWSER_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
