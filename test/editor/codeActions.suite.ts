import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, openFile, ourDiagnostics, setSetting, waitFor } from './helpers';

async function actionsFor(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  // Resolve every action so that lazily computed edits are filled in.
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, d.range, undefined, 100);
  // A bare Command has a string `command`; a CodeAction's `command` is an object or absent.
  return (all ?? []).filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

describe('quick fixes on a won\'t-fit diagnostic', () => {
  before(() => setSetting('gpu', 'RTX 4070'));
  after(async () => {
    await closeAll();
    await setSetting('gpu', undefined);
  });

  async function wontFit(relative: string, text: string) {
    const editor = await openFile(relative, text);
    const d = await waitFor('the won\'t-fit error', () => ourDiagnostics(editor.document.uri).find((x) => x.severity === vscode.DiagnosticSeverity.Error));
    return { editor, d, actions: await actionsFor(editor.document.uri, d) };
  }

  it('offers the CUDA out-of-memory KB entry, and it opens', async () => {
    const { actions } = await wontFit('kb/Modelfile', 'FROM llama3.1:70b\n');
    const kb = actions.find((a) => /^Open KB: CUDA out of memory/i.test(a.title));
    assert.ok(kb, `no "Open KB: CUDA out of memory" action among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(kb.command?.command, 'runlocalai.openKbEntry');
    await vscode.commands.executeCommand(kb.command.command, ...(kb.command.arguments ?? []));
    await waitFor('an editor tab about CUDA out of memory', () => vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .some((t) => /out of memory/i.test(t.label)));
  });

  it('applies a computed fix that edits the file as its title says', async () => {
    const { editor, actions } = await wontFit('fix/Modelfile', 'FROM llama3.1:70b\nPARAMETER num_ctx 131072\n');
    const fixes = actions.filter((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.ok(fixes.length > 0, `no quick fix with an edit among: ${actions.map((a) => a.title).join(' | ')}`);
    const fix = fixes[0];
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), `applying "${fix.title}" failed`);
    const after = editor.document.getText();
    assert.notEqual(after, before, `"${fix.title}" did not change the text`);
    // Every value the title names (a quantization like Q3_K_M, a number like 8192) is now in the file.
    const values = fix.title.match(/\b(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|\d{3,})\b/g) ?? [];
    assert.ok(values.length > 0, `the title "${fix.title}" names no value to check`);
    for (const v of values) assert.ok(after.includes(v), `"${fix.title}" names ${v} but the file reads:\n${after}`);
  });
});
