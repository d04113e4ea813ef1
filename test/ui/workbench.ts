// Shared by the UI tests: the workbench URL the runner passes, Debian's Chromium started as the
// runner expects, polling, and reading what is visible.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const artifacts = process.env.RUNLOCALAI_UI_ARTIFACTS ?? path.resolve('test-artifacts', 'ui');
export const isMac = process.platform === 'darwin';
const chromiumPath = process.env.RUNLOCALAI_CHROMIUM ?? '/usr/bin/chromium';

/** Opens the workbench at RUNLOCALAI_UI_URL in headless Chromium and waits until it has loaded. */
export async function openWorkbench(): Promise<{ browser: Browser; page: Page }> {
  const url = process.env.RUNLOCALAI_UI_URL;
  assert.ok(url, 'RUNLOCALAI_UI_URL is not set: run this through node scripts/editor/run-ui-smoke.mjs');
  fs.mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // The runner's signal handlers stop code-server and this browser; Playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return { browser, page };
}

/** Polls until `check` holds; the message says what never appeared. */
export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The text of the first visible element the locator finds. */
export async function visibleText(locator: Locator): Promise<string | undefined> {
  const n = await locator.count();
  for (let i = 0; i < n; i++) {
    const el = locator.nth(i);
    if (await el.isVisible()) return (await el.innerText()).trim() || undefined;
  }
  return undefined;
}
