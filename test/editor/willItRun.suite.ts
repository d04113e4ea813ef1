import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { gpuNamed } from './catalogData';
import { closeAll, setSetting, waitFor } from './helpers';

interface WillItRunOutcome {
  answer: { model: string; quant: string; ctx: number; verdict: string; totalBytes: number; alternatives: { label: string }[] };
  markdown: string;
}

function willItRun(args: { model: string; quant?: string; ctx?: number; show?: boolean }): Thenable<WillItRunOutcome> {
  return vscode.commands.executeCommand<WillItRunOutcome>('runlocalai.willItRun', args);
}

/** The report escapes Markdown punctuation ("3\\.1", "\\(24\\.0 GiB\\)"); compare its plain text. */
function unescaped(markdown: string | undefined): string {
  return (markdown ?? '').replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

describe('the Will it run? command', () => {
  before(async () => {
    await setSetting('vramGB', undefined);
    await setSetting('gpu', 'RTX 4090');
    // Settings reach the server asynchronously: wait until answers are about this GPU and its own memory.
    const memory = new RegExp(`RTX 4090 \\(${gpuNamed('RTX 4090').memoryGiB}(\\.0)? GiB\\)`);
    await waitFor(`a report judged against ${memory}`, async () =>
      memory.test(unescaped((await willItRun({ model: 'llama3.1:8b' }))?.markdown)),
    );
  });
  after(async () => {
    await closeAll();
    await setSetting('gpu', undefined);
  });

  it('answers for inputs given as arguments, without asking', async () => {
    const r = await willItRun({ model: 'llama3.1:8b', quant: 'Q4_K_M', ctx: 8192 });
    assert.ok(r && typeof r === 'object', `the command returned ${JSON.stringify(r)}`);
    assert.equal(r.answer.quant, 'Q4_K_M');
    assert.equal(r.answer.ctx, 8192);
    assert.match(r.answer.model, /llama.?3\.1.*8b/i);
    assert.equal(r.answer.verdict, 'fits', `8B at Q4_K_M on an RTX 4090: ${r.markdown}`);
    assert.ok(r.answer.totalBytes > 0);
    assert.match(unescaped(r.markdown), /RTX 4090/, 'the report does not name the GPU it judged against');
  });

  it('needs more memory for a longer context and a wider quantization', async () => {
    const base = await willItRun({ model: 'llama3.1:8b', quant: 'Q4_K_M', ctx: 8192 });
    const longer = await willItRun({ model: 'llama3.1:8b', quant: 'Q4_K_M', ctx: 65536 });
    const wider = await willItRun({ model: 'llama3.1:8b', quant: 'Q8_0', ctx: 8192 });
    assert.ok(longer.answer.totalBytes > base.answer.totalBytes, 'a longer context did not add KV cache memory');
    assert.ok(wider.answer.totalBytes > base.answer.totalBytes, 'Q8_0 did not need more than Q4_K_M');
  });

  it('says a 70B model at 16 bits does not fit one RTX 4090', async () => {
    const r = await willItRun({ model: 'llama3.1:70b', quant: 'F16', ctx: 8192 });
    assert.notEqual(r.answer.verdict, 'fits', r.markdown);
    assert.ok(r.answer.alternatives.length > 0, 'no alternative that fits is offered');
  });

  it('shows the answer in the panel, whose page renders the verdict', async function () {
    this.timeout(60_000);
    type PanelState = { visible: boolean; title?: string; verdict?: string };
    const rendered = async () => {
      const s = await vscode.commands.executeCommand<PanelState>('runlocalai.debug.panelState');
      return s?.verdict ? s : undefined;
    };
    const r = await willItRun({ model: 'llama3.1:70b', quant: 'F16', ctx: 8192, show: true });
    // VS Code for the web sometimes leaves a new webview waiting on the service worker of an earlier
    // one ("Found unexpected service worker controller"); a panel opened again loads. The page must
    // still render the verdict itself.
    const state = await waitFor('the panel to render its verdict', rendered, 20_000).catch(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await willItRun({ model: 'llama3.1:70b', quant: 'F16', ctx: 8192, show: true });
      return waitFor('the panel, opened again, to render its verdict', rendered, 20_000);
    });
    assert.equal(state.visible, true);
    assert.match(state.title ?? '', /Will it run\? Llama 3\.1 70B/);
    assert.equal(r.answer.verdict, 'wont-fit', r.markdown);
    assert.equal(state.verdict, "Won't fit");
  });
});
