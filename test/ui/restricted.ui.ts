// The extension in a folder opened in Restricted Mode (workspace trust on, folder not trusted):
// it must load and hover. Run by scripts/editor/run-ui-smoke.mjs after the main smoke test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, isMac, openWorkbench, until, visibleText } from './workbench';

let browser: Browser;
let page: Page;

describe('UI in Restricted Mode (an untrusted folder)', function () {
  this.timeout(120_000);

  before(async () => {
    ({ browser, page } = await openWorkbench());
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      await page.screenshot({ path: path.join(artifacts, 'restricted-failed.png') }).catch(() => {});
  });

  after(async () => {
    await browser?.close();
  });

  it('opens the folder in Restricted Mode and still shows the glossary hover', async () => {
    const mode = await until(
      'the Restricted Mode indicator',
      () => visibleText(page.locator('.statusbar-item', { hasText: /Restricted Mode/ })),
      30_000,
    );
    assert.match(mode, /Restricted Mode/);
    await page.keyboard.press(isMac ? 'Meta+P' : 'Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('notes.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.md' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const word = page.locator('.monaco-editor .view-line span', { hasText: 'KV cache' }).first();
    await word.waitFor({ timeout: 15_000 });
    const hover = page.locator('.monaco-hover');
    const text = await until(
      'a visible hover with the KV cache definition in Restricted Mode',
      async () => {
        const editorBox = await page.locator('.monaco-editor .view-lines').first().boundingBox();
        const box = await word.boundingBox();
        if (!editorBox || !box) return undefined;
        await page.mouse.move(editorBox.x + editorBox.width - 20, editorBox.y + editorBox.height - 20);
        await page.mouse.move(box.x + 12, box.y + box.height / 2);
        const shown = await until('the hover to render', () => visibleText(hover), 3_000).catch(() => undefined);
        return shown && /KV cache/i.test(shown) ? shown : undefined;
      },
      60_000,
    );
    await page.screenshot({ path: path.join(artifacts, 'restricted-hover.png') });
    assert.match(text, /key/i);
  });
});
