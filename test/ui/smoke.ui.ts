// What a person sees: a hover, the command from the palette, the Problems panel. Run by
// scripts/editor/run-ui-smoke.mjs, which starts code-server with the VSIX installed and passes
// the workbench URL; every step leaves a screenshot in test-artifacts/ui/ (git-ignored).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, hoverUntil, isMac, openWorkbench, quickOpen, until, visibleText } from './workbench';

let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Picks the row of the open quick pick whose title matches, after typing a filter. */
async function pick(stepTitle: RegExp, filter: string): Promise<void> {
  await until(`a quick pick titled ${stepTitle}`, async () =>
    stepTitle.test((await visibleText(page.locator('.quick-input-widget .quick-input-title'))) ?? ''),
  );
  await page.locator('.quick-input-widget input').fill(filter);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('UI smoke test in code-server', function () {
  this.timeout(120_000);

  before(async () => {
    ({ browser, page } = await openWorkbench());
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => {});
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the glossary hover on "KV cache" in a Markdown file', async () => {
    await quickOpen(page, 'notes.md');
    const text = await hoverUntil(page, 'KV cache', /KV cache/i, 'a visible .monaco-hover with the KV cache definition');
    await shot('hover');
    assert.match(text, /key/i, `the hover does not explain keys and values:\n${text}`);
    assert.match(text, /value/i);
  });

  it('runs "RunLocalAI: Will it run?" from the command palette', async () => {
    await runCommand('RunLocalAI: Will it run?');
    await pick(/Model/, 'Llama 3.1 8B');
    await pick(/Runtime/, 'Ollama');
    // The quantization step shows each choice's size and verdict on this GPU, the default preselected.
    await until('the quantization step', async () =>
      /Quantization/.test((await visibleText(page.locator('.quick-input-widget .quick-input-title'))) ?? ''),
    );
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /GiB/ }).first().waitFor({ timeout: 10_000 });
    await shot('will-it-run-picker');
    await pick(/Quantization/, 'Q4_K_M');
    await pick(/Context/, '8,192');
    await page
      .locator('.tabs-container .tab', { hasText: /Will it run\?/ })
      .first()
      .waitFor({ timeout: 30_000 });
    // The panel is a webview in nested frames; look for the verdict in any of them.
    const verdict = await until('the Will it run? panel', async () => {
      for (const frame of page.frames()) {
        const body = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (/Q4_K_M/.test(body) && /GiB usable/.test(body)) return body;
      }
      return undefined;
    });
    await shot('will-it-run');
    assert.match(verdict, /Llama 3.1 8B/);
    assert.match(verdict, /^Fits$/m);
  });

  it("lists the won't-fit diagnostic in the Problems panel", async () => {
    await quickOpen(page, 'Modelfile');
    await page.keyboard.press(isMac ? 'Meta+Shift+M' : 'Control+Shift+M');
    const problems = await until(
      "the won't-fit problem in .markers-panel",
      async () => {
        const t = await visibleText(page.locator('.markers-panel'));
        return t && /Won.t fit/i.test(t) ? t : undefined;
      },
      60_000,
    );
    await shot('problems');
    assert.match(problems, /\d+(\.\d+)?\s*GiB/, `the problem gives no memory figures:\n${problems}`);
    assert.match(problems, /RunLocalAI/, `the problem does not name its source:\n${problems}`);
  });
});
