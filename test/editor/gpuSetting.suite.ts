import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, setSetting, waitFor } from './helpers';

interface Notice {
  kind: 'unknown' | 'variant';
  value: string;
  message: string;
  buttons: string[];
}

const notice = () => vscode.commands.executeCommand<Notice | undefined>('runlocalai.debug.gpuSettingNotice');
const noticeFor = (value: string, timeoutMs = 20_000) =>
  waitFor(`the notice about runlocalai.gpu "${value}"`, async () => ((await notice())?.value === value ? notice() : undefined), timeoutMs);

describe('runlocalai.gpu says what it means', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await closeAll();
    await setSetting('gpu', undefined);
  });

  it('warns about a name the catalog does not know, with the nearest names and "Pick a GPU", instead of falling back silently', async () => {
    await setSetting('gpu', 'GTX 4090');
    const n = (await noticeFor('GTX 4090'))!;
    assert.equal(n.kind, 'unknown');
    assert.match(n.message, /"GTX 4090" is not a GPU in the catalog, so verdicts use the detected hardware/);
    assert.match(n.message, /Nearest: .*GeForce RTX 4090/);
    assert.deepEqual(n.buttons, ['Pick a GPU', 'Use GeForce RTX 4090']);
  });

  it('"Pick a GPU" writes the setting, and verdicts follow it', async () => {
    const written = await vscode.commands.executeCommand<string>('runlocalai.pickGpu', { name: 'RTX 4090' });
    assert.equal(written, 'RTX 4090');
    assert.equal(vscode.workspace.getConfiguration('runlocalai').get('gpu'), 'RTX 4090');
    await waitFor('a Will it run? answer on the RTX 4090', async () => {
      const r = await vscode.commands.executeCommand<{ answer?: { hardware: string } }>('runlocalai.willItRun', { model: 'llama3.1:8b' });
      return /RTX 4090/.test(r?.answer?.hardware ?? '');
    });
  });

  it('says, once, which memory variant a name that comes in several sizes was taken as, with "Choose variant"', async () => {
    await setSetting('gpu', 'RTX 4060 Ti');
    const n = (await noticeFor('RTX 4060 Ti'))!;
    assert.equal(n.kind, 'variant');
    assert.match(n.message, /comes with 8 and 16 GB; assuming the smallest, GeForce RTX 4060 Ti 8GB/);
    assert.deepEqual(n.buttons, ['Choose variant']);
  });
});
