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

/** Opens a workspace file by name through Quick Open and waits for its tab. */
export async function quickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press(isMac ? 'Meta+P' : 'Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 15_000 });
}

/**
 * Hovers the first editor word with `text` until a hover matching `expected` shows, and returns its
 * text. The server may still be starting: the mouse is parked, then moved onto the word again.
 */
export async function hoverUntil(page: Page, text: string, expected: RegExp, what: string): Promise<string> {
  const word = page.locator('.monaco-editor .view-line span', { hasText: text }).first();
  await word.waitFor({ timeout: 15_000 });
  const hover = page.locator('.monaco-hover');
  return until(
    what,
    async () => {
      const editorBox = await page.locator('.monaco-editor .view-lines').first().boundingBox();
      const box = await word.boundingBox();
      if (!editorBox || !box) return undefined;
      await page.mouse.move(editorBox.x + editorBox.width - 20, editorBox.y + editorBox.height - 20);
      await page.mouse.move(box.x + 12, box.y + box.height / 2);
      const shown = await until('the hover to render', () => visibleText(hover), 3_000).catch(() => undefined);
      return shown && expected.test(shown) ? shown : undefined;
    },
    60_000,
  );
}
