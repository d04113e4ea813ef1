import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { biggestDiscreteGpu } from './catalogData';
import { closeAll, codeTarget, codeValue, openFile, ourDiagnostics, setSetting, waitFor } from './helpers';

const BIG_MODEL = 'llama3.1:70b';
const SMALL_MODEL = 'llama3.1:8b';

function errors(uri: vscode.Uri): vscode.Diagnostic[] {
  return ourDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

async function waitForError(uri: vscode.Uri, why: string): Promise<vscode.Diagnostic> {
  const found = await waitFor(`a RunLocalAI error ${why}`, () => errors(uri)[0]);
  return found;
}

async function waitForNoError(uri: vscode.Uri, why: string): Promise<void> {
  await waitFor(`the RunLocalAI error to go away ${why}`, () => errors(uri).length === 0);
}

describe('won\'t-fit diagnostics on a Modelfile', () => {
  beforeEach(async () => {
    await setSetting('vramGB', undefined);
    await setSetting('gpu', 'RTX 4070');
  });
  afterEach(closeAll);
  after(() => setSetting('gpu', undefined));

  it(`marks ${BIG_MODEL} on an RTX 4070 on the model name, with the code, the numbers and a KB link`, async () => {
    const { document } = await openFile('fit/Modelfile', `# a comment line\nFROM ${BIG_MODEL}\nPARAMETER temperature 0.7\n`);
    assert.equal(document.languageId, 'modelfile');
    const d = await waitForError(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    assert.equal(d.range.start.line, 1, `the diagnostic sits on line ${d.range.start.line}, not on the FROM line`);
    assert.equal(document.getText(d.range), BIG_MODEL, 'the range does not cover exactly the model name');
    assert.equal(codeValue(d), 'wont-fit');
    const target = codeTarget(d);
    assert.ok(target, 'the diagnostic has no codeDescription link');
    assert.match(target.scheme, /^https?$/, `the KB link ${target.toString()} is not a web page`);
    assert.match(d.message, /\d+(\.\d+)?\s*GB/, `the message gives no GB figures: ${d.message}`);
    assert.equal(errors(document.uri).length, 1, 'more than one error for one FROM line');
  });

  it(`lets ${SMALL_MODEL} fit on an RTX 4090: the error goes when the model is edited down`, async () => {
    await setSetting('gpu', 'RTX 4090');
    const editor = await openFile('edit/Modelfile', `FROM ${BIG_MODEL}\n`);
    // The error first, so that "no error" below means "fits", not "the server has not answered yet".
    const d = await waitForError(editor.document.uri, `for ${BIG_MODEL} on an RTX 4090`);
    await editor.edit((b) => b.replace(d.range, SMALL_MODEL));
    await waitForNoError(editor.document.uri, `after the FROM line changed to ${SMALL_MODEL}`);
  });

  it('follows the runlocalai.gpu setting without a reload', async () => {
    const big = biggestDiscreteGpu();
    const { document } = await openFile('setting/Modelfile', `FROM ${BIG_MODEL}\n`);
    await waitForError(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    await setSetting('gpu', big.name);
    await waitForNoError(document.uri, `after runlocalai.gpu changed to "${big.name}" (${big.memoryGiB} GiB)`);
    await setSetting('gpu', 'RTX 4070');
    await waitForError(document.uri, 'again after runlocalai.gpu changed back to "RTX 4070"');
  });

  it('follows the runlocalai.vramGB override without a reload', async () => {
    const { document } = await openFile('vram/Modelfile', `FROM ${BIG_MODEL}\n`);
    await waitForError(document.uri, `for ${BIG_MODEL} on an RTX 4070`);
    await setSetting('vramGB', biggestDiscreteGpu().memoryGiB);
    await waitForNoError(document.uri, `after runlocalai.vramGB was set to ${biggestDiscreteGpu().memoryGiB}`);
  });
});
