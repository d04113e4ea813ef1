import * as vscode from 'vscode';
import { SETTINGS, sanitizeSettings, type RunLocalAISettings } from '../../server/src/protocol';

/** Reads `runlocalai.*` for a resource, sanitized with defaults, so the server never sees junk. */
export function readSettings(scope?: vscode.ConfigurationScope): RunLocalAISettings {
  const c = vscode.workspace.getConfiguration('runlocalai', scope);
  return sanitizeSettings(Object.fromEntries(SETTINGS.map((s) => [s.key, c.get(s.key)])));
}
