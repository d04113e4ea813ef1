// The extension in a folder opened in Restricted Mode (workspace trust on, folder not trusted):
// it must load and hover. Run by scripts/editor/run-ui-smoke.mjs after the main smoke test.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, hoverUntil, openWorkbench, quickOpen, until, visibleText } from './workbench';

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
    await quickOpen(page, 'notes.md');
    const text = await hoverUntil(page, 'KV cache', /KV cache/i, 'a visible hover with the KV cache definition in Restricted Mode');
    await page.screenshot({ path: path.join(artifacts, 'restricted-hover.png') });
    assert.match(text, /key/i);
  });
});
