import * as vscode from 'vscode';
import { sanitizeSettings, type RunLocalAISettings } from '../../server/src/protocol';

/** Reads `runlocalai.*` for a resource, sanitized with defaults, so the server never sees junk. */
export function readSettings(scope?: vscode.ConfigurationScope): RunLocalAISettings {
  const c = vscode.workspace.getConfiguration('runlocalai', scope);
  return sanitizeSettings({ gpu: c.get('gpu'), gpuCount: c.get('gpuCount'), vramGB: c.get('vramGB'), ramGB: c.get('ramGB') });
}
