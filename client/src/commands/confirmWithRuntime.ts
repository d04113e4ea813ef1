import * as vscode from 'vscode';
import { fitParamsArgs } from '../../../server/src/engine/answer/fitParams';
import type { Ctx } from '../context';
import type { Confirmation } from '../panel/panelSections';
import { confirmAvailability } from '../panel/willItRunPanel';
import { FIT_PARAMS_TOOL, localGguf, runFitParams } from '../runtime/llamaFitParams';

/** Quotes an argument for showing the command to a person (it is never run through a shell). */
const shown = (arg: string) => (/^[\w./:=,+-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`);

/**
 * RunLocalAI: Confirm with llama.cpp — runs llama-fit-params for the model and settings on show,
 * only in a trusted workspace and only when asked, and puts its per-device figures beside ours.
 */
export function confirmWithRuntime(ctx: Ctx) {
  return async (): Promise<Confirmation | undefined> => {
    const s = ctx.panel.current;
    if (!s) {
      void vscode.window.showInformationMessage('RunLocalAI: run "Will it run?" first; Confirm with llama.cpp checks the answer on show.');
      return undefined;
    }
    const availability = confirmAvailability(s.answer);
    const file = localGguf(s.answer);
    if (!availability.available || !('path' in file)) {
      void vscode.window.showInformationMessage(`RunLocalAI: ${availability.available ? '' : availability.reason}`);
      return undefined;
    }
    const a = s.answer;
    const args = fitParamsArgs({
      modelPath: file.path,
      ctx: a.ctx,
      gpuLayers: a.gpuLayers,
      totalLayers: a.totalLayers,
      kvType: typeof a.settings.kvType?.value === 'string' ? a.settings.kvType.value : undefined,
      flashAttention: typeof a.settings.flashAttention?.value === 'boolean' ? a.settings.flashAttention.value : undefined,
    });
    const run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `RunLocalAI: running ${FIT_PARAMS_TOOL}…` },
      () => runFitParams(availability.tool, args),
    );
    const confirmation: Confirmation = {
      commandLine: [FIT_PARAMS_TOOL, ...args].map(shown).join(' '),
      devices: run.devices,
      ...(run.error ? { error: run.error } : {}),
    };
    ctx.log.info(`${FIT_PARAMS_TOOL}: ${run.error ?? run.devices.map((d) => `${d.name} ${d.modelMiB}+${d.contextMiB}+${d.computeMiB} MiB`).join(', ')}`);
    ctx.panel.showConfirmation(confirmation);
    return confirmation;
  };
}
