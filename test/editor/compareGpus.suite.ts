import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, setSetting, waitFor } from './helpers';

interface Comparison {
  quant: string;
  ctx: number;
  rows: { label: string; kind: string; verdict: string; totalMemoryBytes: number; usableBytes: number; tokensPerSecond: number | null }[];
}
type PanelState = {
  visible: boolean;
  verdict?: string;
  comparedGpus?: string[];
  confirmAvailability?: { available: boolean; reason?: string };
};
const panelState = () => vscode.commands.executeCommand<PanelState>('runlocalai.debug.panelState');

describe('Compare GPUs for this model', () => {
  before(async () => {
    await setSetting('gpu', 'RTX 4070');
    await waitFor('answers judged against the RTX 4070', async () => {
      const r = await vscode.commands.executeCommand<{ answer?: { hardware: string } }>('runlocalai.willItRun', { model: 'llama3.1:8b' });
      return /RTX 4070/.test(r?.answer?.hardware ?? '');
    });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closeAll();
    await setSetting('gpu', undefined);
  });

  it('answers the model on show on the GPU in use and on the chosen GPUs, in one table in the panel', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('runlocalai.willItRun', { model: 'llama3.1:70b', quant: 'Q4_K_M', ctx: 8192, show: true });
    await waitFor('the panel to show the answer', async () => (await panelState()).visible);
    const c = await vscode.commands.executeCommand<Comparison>('runlocalai.compareGpus', { gpus: ['RTX 4090', 'H100 80GB'] });
    assert.ok(c && 'rows' in c, JSON.stringify(c));
    assert.equal(c.quant, 'Q4_K_M');
    assert.equal(c.ctx, 8192);
    assert.equal(c.rows.length, 3);
    assert.match(c.rows[0].label, /RTX 4070.*in use/);
    assert.equal(c.rows[2].verdict, 'fits', '70B at Q4_K_M on an 80 GB H100');
    assert.notEqual(c.rows[0].verdict, 'fits');
    for (const r of c.rows)
      assert.ok(r.usableBytes > 0 && r.usableBytes <= r.totalMemoryBytes, `${r.label}: ${r.usableBytes} of ${r.totalMemoryBytes}`);
    const state = await waitFor('the panel to hold the comparison', async () => {
      const s = await panelState();
      return s.comparedGpus?.length === 3 ? s : undefined;
    });
    assert.match(state.comparedGpus!.join(' | '), /RTX 4070.*\| .*RTX 4090 \| .*H100/);
  });

  it('says in the panel why Confirm with llama.cpp cannot run for a model known only by name', async () => {
    const state = await waitFor('the panel to know whether llama-fit-params can run', async () => {
      const s = await panelState();
      return s.confirmAvailability ? s : undefined;
    });
    assert.equal(state.confirmAvailability!.available, false);
    assert.match(state.confirmAvailability!.reason ?? '', /not on the PATH|local GGUF file/);
  });
});
