import * as vscode from 'vscode';
import { sanitizeSettings, type RunLocalAISettings } from '../../server/src/protocol';
import { sanitizeHoverSettings, type HoverSettings } from '../../server/src/engine/text/hoverRegions';

/** Reads `runlocalai.*` for a resource, sanitized with defaults, so the server never sees junk. */
export function readSettings(scope?: vscode.ConfigurationScope): RunLocalAISettings {
  const c = vscode.workspace.getConfiguration('runlocalai', scope);
  return sanitizeSettings({ gpu: c.get('gpu'), gpuCount: c.get('gpuCount'), vramGB: c.get('vramGB'), ramGB: c.get('ramGB') });
}

/**
 * `runlocalai.hover.*` for one document, with its language's overrides (`"[markdown]": {...}`):
 * the scope is the open document when there is one, so VS Code applies language-scoped values.
 */
export function readHoverSettings(scopeUri: string | undefined): HoverSettings {
  const doc = scopeUri ? findDocument(scopeUri) : undefined;
  const scope: vscode.ConfigurationScope | undefined = doc ?? (scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const c = vscode.workspace.getConfiguration('runlocalai.hover', scope);
  return sanitizeHoverSettings({ enabled: c.get('enabled'), inCode: c.get('inCode') });
}

function findDocument(uri: string): vscode.TextDocument | undefined {
  return (
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
    vscode.workspace.notebookDocuments.flatMap((n) => n.getCells().map((c) => c.document)).find((d) => d.uri.toString() === uri)
  );
}
