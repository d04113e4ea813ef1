import * as vscode from 'vscode';
import { DetectHardwareRequest, HardwareStatusRequest, type HardwareStatus } from '../../../server/src/protocol';
import type { Ctx } from '../context';

async function openReport(ctx: Ctx, status: HardwareStatus): Promise<void> {
  await ctx.reports.show('Hardware', status.markdown);
}

/** RunLocalAI: Show hardware — devices, VRAM total and free, RAM, what verdicts use, how to override. */
export function showHardware(ctx: Ctx) {
  return async (): Promise<HardwareStatus | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    const status = await client.sendRequest(HardwareStatusRequest.type);
    await openReport(ctx, status);
    return status;
  };
}

/** RunLocalAI: Detect hardware again — re-runs detection; the status bar follows by notification. */
export function detectHardwareAgain(ctx: Ctx) {
  return async (): Promise<HardwareStatus | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    const status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'RunLocalAI: detecting hardware…' },
      () => client.sendRequest(DetectHardwareRequest.type),
    );
    ctx.log.info(`hardware: ${status.summary}${status.hardware.note ? ` — ${status.hardware.note}` : ''}`);
    if (status.hardware.source === 'failed') {
      const choice = await vscode.window.showWarningMessage(
        `RunLocalAI: ${status.hardware.note ?? 'hardware detection failed'}.`,
        'Show hardware',
      );
      if (choice) await openReport(ctx, status);
    } else {
      void vscode.window.showInformationMessage(`RunLocalAI: ${status.summary}`);
    }
    return status;
  };
}

/** Command ids and their factories, in the shape of commands/index.ts. */
export const hardwareCommands = {
  'runlocalai.showHardware': showHardware,
  'runlocalai.detectHardware': detectHardwareAgain,
};
