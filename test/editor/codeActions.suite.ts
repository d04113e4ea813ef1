import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeValue, openFile, ourDiagnostics, setSetting, waitFor } from './helpers';

const DOES_NOT_FIT = new Set(['wont-fit', 'partial-offload']);

async function actionsFor(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  // Resolve every action so that lazily computed edits are filled in.
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
    undefined,
    100,
  );
  // A bare Command has a string `command`; a CodeAction's `command` is an object or absent.
  return (all ?? []).filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

function misfit(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return ourDiagnostics(uri).find((x) => DOES_NOT_FIT.has(String(codeValue(x))));
}

describe("quick fixes on a won't-fit diagnostic", () => {
  before(async () => {
    // 16 GiB of RAM pinned, so that 70B on a 12 GB card is a won't-fit on any test machine.
    await setSetting('ramGB', 16);
    await setSetting('gpu', 'RTX 4070');
  });
  after(async () => {
    await closeAll();
    await setSetting('gpu', undefined);
    await setSetting('ramGB', undefined);
  });

  async function open(relative: string, text: string) {
    const editor = await openFile(relative, text);
    const d = await waitFor("the won't-fit diagnostic", () => misfit(editor.document.uri));
    return { editor, d, actions: await actionsFor(editor.document.uri, d) };
  }

  it('offers the CUDA out-of-memory KB entry, and it opens', async () => {
    const { d, actions } = await open('kb/Modelfile', 'FROM llama3.1:70b\n');
    assert.equal(codeValue(d), 'wont-fit');
    const kb = actions.find((a) => /^Open KB: CUDA out of memory/i.test(a.title));
    assert.ok(kb, `no "Open KB: CUDA out of memory" action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(kb.command?.command, 'runlocalai.openKbEntry');
    const opened = await vscode.commands.executeCommand<{ title: string; url: string } | undefined>(
      kb.command.command,
      ...(kb.command.arguments ?? []),
    );
    assert.match(opened?.title ?? '', /CUDA out of memory/i, `the command opened ${JSON.stringify(opened)}`);
    await waitFor("the KB entry's Markdown in an open document", () =>
      vscode.workspace.textDocuments.some((doc) => doc.languageId === 'markdown' && doc.getText().includes(opened!.title)),
    );
  });

  it('names the best fix in the message, and applying it (a smaller model) makes the diagnostic go', async () => {
    // 70B at Q4_K_M does not fit a 12 GB card with 16 GiB of RAM at any context; Llama 3.1 8B does.
    const { editor, d, actions } = await open('best/Modelfile', '# chat model\nFROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const best = actions.find((a) => a.isPreferred);
    assert.ok(best?.edit, `no preferred fix with an edit among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(best.title, /^Use llama3\.1:8b \(Llama 3\.1 8B\) — fits, [\d.]+ GiB$/);
    assert.ok(d.message.includes(`Best fix: ${best.title}.`), `the message does not name "${best.title}": ${d.message}`);
    assert.ok(await vscode.workspace.applyEdit(best.edit), `applying "${best.title}" failed`);
    assert.equal(editor.document.getText(), '# chat model\nFROM llama3.1:8b\nPARAMETER num_ctx 8192\n', 'only the model reference changes');
    await waitFor(`no won't-fit diagnostic after "${best.title}"`, () => !misfit(editor.document.uri));
  });

  it('sets num_ctx to the largest context that fits, and the diagnostic goes', async () => {
    // 8B fits an RTX 4070 at a small context; 131,072 tokens of KV cache do not.
    const { editor, d, actions } = await open('ctx/Modelfile', 'FROM llama3.1:8b\nPARAMETER num_ctx 131072\n');
    assert.equal(editor.document.getText(d.range), '131072', 'when the context decides, the diagnostic should sit on the num_ctx value');
    const fix = actions.find((a) => /^Set num_ctx to/.test(a.title));
    assert.ok(fix?.edit, `no "Set num_ctx to ..." fix with an edit among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" is not a quick fix`);
    const named = /^Set num_ctx to ([\d,]+)/.exec(fix.title)?.[1]?.replace(/,/g, '');
    assert.ok(named, `the title "${fix.title}" names no context length`);
    assert.ok(Number(named) < 131072 && Number(named) > 0);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `applying "${fix.title}" failed`);
    assert.equal(
      editor.document.lineAt(1).text,
      `PARAMETER num_ctx ${named}`,
      `"${fix.title}" left the file as:\n${editor.document.getText()}`,
    );
    await waitFor(`no won't-fit diagnostic after "${fix.title}"`, () => !misfit(editor.document.uri));
  });
});
