// Shared by the in-editor suites: the extension under test, documents in the scratch workspace,
// settings, and polling with a timeout (the language server answers asynchronously).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'runlocalai.runlocalai';
export const DIAGNOSTIC_SOURCE = 'RunLocalAI';

/** out/test/editor/x.js → the repository root, where the catalog's YAML sources live. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this editor`);
  return ext;
}

export { waitFor } from '../helpers/wait';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor was opened without the test workspace');
  return folder.uri;
}

/** Writes a file into the scratch copy of the workspace and opens it in an editor. */
export async function openFile(relative: string, text: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

export async function openExisting(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relative));
  return vscode.window.showTextDocument(doc);
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets a runlocalai.* setting in the user settings of the sandboxed editor (undefined removes it). */
export async function setSetting(key: 'gpu' | 'vramGB' | 'gpuCount' | 'ramGB', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('runlocalai').update(key, value, vscode.ConfigurationTarget.Global);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function codeValue(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export function codeTarget(d: vscode.Diagnostic): vscode.Uri | undefined {
  return typeof d.code === 'object' ? d.code.target : undefined;
}

/** The position of the first `|` in the text, and the text without it. */
export function caret(textWithCaret: string): { text: string; position: vscode.Position } {
  const at = textWithCaret.indexOf('|');
  assert.ok(at >= 0, 'test text has no | caret');
  const before = textWithCaret.slice(0, at);
  const lines = before.split('\n');
  return {
    text: textWithCaret.slice(0, at) + textWithCaret.slice(at + 1),
    position: new vscode.Position(lines.length - 1, lines[lines.length - 1].length),
  };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Plain words of a Markdown string, for comparing rendered hover text with its source. */
export function plainWords(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
