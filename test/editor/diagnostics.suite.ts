import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { biggestDiscreteGpu } from './catalogData';
import { closeAll, codeTarget, codeValue, openFile, ourDiagnostics, setSetting, waitFor } from './helpers';

// Whether a model that overflows the GPU "won't fit" or runs with "partial offload" depends on the
// system RAM, so the suite pins it with runlocalai.ramGB: with 16 GiB, Llama 3.1 70B (about 40 GiB
// of weights) cannot run on a 12 GB card even with most layers in RAM, on any test machine.
const PINNED_RAM_GB = 16;
const BIG_MODEL = 'llama3.1:70b';
const SMALL_MODEL = 'llama3.1:8b';
const DOES_NOT_FIT = new Set(['wont-fit', 'partial-offload']);

function misfits(uri: vscode.Uri): vscode.Diagnostic[] {
  return ourDiagnostics(uri).filter((d) => DOES_NOT_FIT.has(String(codeValue(d))));
}

async function waitForMisfit(uri: vscode.Uri, why: string): Promise<vscode.Diagnostic> {
  return waitFor(`a RunLocalAI won't-fit or partial-offload diagnostic ${why}`, () => misfits(uri)[0]);
}

async function waitForFit(uri: vscode.Uri, why: string): Promise<void> {
  await waitFor(`the won't-fit diagnostic to go away ${why}`, () => misfits(uri).length === 0);
}

describe("won't-fit diagnostics on a Modelfile", () => {
  beforeEach(async () => {
    await setSetting('vramGB', undefined);
    await setSetting('ramGB', PINNED_RAM_GB);
    await setSetting('gpu', 'RTX 4070');
  });
  afterEach(closeAll);
  after(async () => {
    await setSetting('vramGB', undefined);
    await setSetting('ramGB', undefined);
    await setSetting('gpu', undefined);
  });

  it(`marks ${BIG_MODEL} on an RTX 4070 as an error on the model name, with the code, the numbers and a KB link`, async () => {
    const { document } = await openFile('fit/Modelfile', `# a comment line\nFROM ${BIG_MODEL}\nPARAMETER temperature 0.7\n`);
    assert.equal(document.languageId, 'modelfile');
    const d = await waitForMisfit(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `severity ${vscode.DiagnosticSeverity[d.severity]}: ${d.message}`);
    assert.equal(codeValue(d), 'wont-fit');
    assert.equal(d.range.start.line, 1, `the diagnostic sits on line ${d.range.start.line}, not on the FROM line`);
    assert.equal(document.getText(d.range), BIG_MODEL, 'the range does not cover exactly the model name');
    const target = codeTarget(d);
    assert.ok(target, 'the diagnostic has no codeDescription link');
    assert.match(target.scheme, /^https?$/, `the KB link ${target.toString()} is not a web page`);
    assert.match(d.message, /\d+(\.\d+)?\s*GiB/, `the message gives no memory figures: ${d.message}`);
    assert.equal(ourDiagnostics(document.uri).length, 1, 'more than one diagnostic for one FROM line');
  });

  it(`lets ${SMALL_MODEL} fit on an RTX 4090: the diagnostic goes when the model is edited down`, async () => {
    await setSetting('gpu', 'RTX 4090');
    const editor = await openFile('edit/Modelfile', `FROM ${BIG_MODEL}\n`);
    // The diagnostic first, so that "none" below means "fits", not "the server has not answered yet".
    const d = await waitForMisfit(editor.document.uri, `for ${BIG_MODEL} on an RTX 4090`);
    assert.ok(await editor.edit((b) => b.replace(d.range, SMALL_MODEL)));
    await waitForFit(editor.document.uri, `after the FROM line changed to ${SMALL_MODEL}`);
  });

  it('follows the runlocalai.gpu setting without a reload', async () => {
    const big = biggestDiscreteGpu();
    const { document } = await openFile('setting/Modelfile', `FROM ${BIG_MODEL}\n`);
    await waitForMisfit(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    await setSetting('gpu', big.name);
    await waitForFit(document.uri, `after runlocalai.gpu changed to "${big.name}" (${big.memoryGiB} GiB)`);
    await setSetting('gpu', 'RTX 4070');
    await waitForMisfit(document.uri, 'again after runlocalai.gpu changed back to "RTX 4070"');
  });

  it('follows the runlocalai.vramGB override without a reload', async () => {
    const { document } = await openFile('vram/Modelfile', `FROM ${BIG_MODEL}\n`);
    await waitForMisfit(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    await setSetting('vramGB', biggestDiscreteGpu().memoryGiB);
    await waitForFit(document.uri, `after runlocalai.vramGB was set to ${biggestDiscreteGpu().memoryGiB}`);
  });
});
