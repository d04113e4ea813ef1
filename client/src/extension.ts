import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './context';
import { HardwareStatusBar } from './hardware/statusBar';

let ctx: Ctx | undefined;

/** Only wires: the context owns the client, commands come from factories. */
export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(extension);
  extension.subscriptions.push(ctx);
  registerCommands(ctx);
  ctx.push(new HardwareStatusBar(ctx));
  await ctx.start().catch((err: unknown) => {
    ctx?.log.error(`could not start the language server: ${String(err)}`);
    void vscode.window.showErrorMessage('RunLocalAI: the language server failed to start. See "RunLocalAI: Show log".');
  });
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
