import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './context';
import { GpuSettingNotice } from './hardware/gpuSettingNotice';
import { HardwareStatusBar } from './hardware/statusBar';
import type { HealthReport } from '../../server/src/protocol';

let ctx: Ctx | undefined;

/** What the extension exports: the server's health, for the in-editor tests of its watchdog. */
export interface RunLocalAIApi {
  health(): Promise<HealthReport | undefined>;
}

/** Only wires: the context owns the client, commands come from factories. */
export async function activate(extension: vscode.ExtensionContext): Promise<RunLocalAIApi> {
  ctx = new Ctx(extension);
  extension.subscriptions.push(ctx);
  registerCommands(ctx);
  const statusBar = new HardwareStatusBar(ctx);
  const gpuNotice = new GpuSettingNotice(ctx);
  ctx.push(
    statusBar,
    statusBar.onDidReceive(({ client, status }) => void gpuNotice.onStatus(client, status)),
    vscode.commands.registerCommand('runlocalai.debug.gpuSettingNotice', () => gpuNotice.state()),
  );
  await ctx.start().catch((err: unknown) => {
    ctx?.log.error(`could not start the language server: ${String(err)}`);
    void vscode.window.showErrorMessage('RunLocalAI: the language server failed to start. See "RunLocalAI: Show log".');
  });
  return { health: () => ctx?.watchdog.health() ?? Promise.resolve(undefined) };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
