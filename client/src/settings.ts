import * as vscode from 'vscode';
import { SETTINGS, sanitizeSettings, sanitizeValue, settingSpec, type RunLocalAISettings } from '../../server/src/protocol';

/** Reads `runlocalai.*` for a resource, sanitized with defaults, so the server never sees junk. */
export function readSettings(scope?: vscode.ConfigurationScope): RunLocalAISettings {
  const c = vscode.workspace.getConfiguration('runlocalai', scope);
  return sanitizeSettings(Object.fromEntries(SETTINGS.map((s) => [s.key, c.get(s.key)])));
}

/**
 * `runlocalai.hover.*` for one document, with its language's overrides (`"[markdown]": {...}`):
 * the scope is the open document when there is one, so VS Code applies language-scoped values.
 */
export function readHoverSettings(scopeUri: string | undefined): { enabled: unknown; inCode: unknown } {
  const doc = scopeUri ? findDocument(scopeUri) : undefined;
  const scope: vscode.ConfigurationScope | undefined = doc ?? (scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const c = vscode.workspace.getConfiguration('runlocalai.hover', scope);
  const value = (key: 'enabled' | 'inCode') => {
    const spec = settingSpec(`hover.${key}`);
    return spec ? (sanitizeValue(spec, c.get(key)) ?? spec.default) : undefined;
  };
  return { enabled: value('enabled'), inCode: value('inCode') };
}

function findDocument(uri: string): vscode.TextDocument | undefined {
  return (
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) ??
    vscode.workspace.notebookDocuments.flatMap((n) => n.getCells().map((c) => c.document)).find((d) => d.uri.toString() === uri)
  );
}
