import * as vscode from 'vscode';
import { ConfirmWithRuntimeRequest, type FitParamsConfirmation } from '../../../server/src/protocol';
import type { Ctx } from '../context';

/**
 * RunLocalAI: Confirm with llama.cpp — asks the server to run llama-fit-params for the model and
 * settings on show (only in a trusted workspace, only on this request) and puts its per-device
 * figures beside ours in the panel.
 */
export function confirmWithRuntime(ctx: Ctx) {
  return async (): Promise<FitParamsConfirmation | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    const s = ctx.panel.current;
    if (!s) {
      void vscode.window.showInformationMessage('RunLocalAI: run "Will it run?" first; Confirm with llama.cpp checks the answer on show.');
      return undefined;
    }
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'RunLocalAI: running llama-fit-params…' },
      () => client.sendRequest(ConfirmWithRuntimeRequest.type, { answer: s.answer }),
    );
    if ('available' in r) {
      void vscode.window.showInformationMessage(`RunLocalAI: ${r.available ? 'llama-fit-params did not run.' : r.reason}`);
      return undefined;
    }
    ctx.log.info(
      `llama-fit-params: ${r.error ?? r.devices.map((d) => `${d.name} ${d.modelMiB}+${d.contextMiB}+${d.computeMiB} MiB`).join(', ')}`,
    );
    ctx.panel.showConfirmation(r);
    return r;
  };
}
