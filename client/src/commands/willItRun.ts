import * as vscode from 'vscode';
import { CatalogChoicesRequest, WillItRunRequest, type WillItRunParams, type WillItRunResult } from '../../../server/src/protocol';
import type { Ctx } from '../context';

const CONTEXTS = [2048, 4096, 8192, 16384, 32768, 65536, 131072];

type ModelPick = vscode.QuickPickItem & { id?: string; uri?: string };

/**
 * "Will it run?": asks model, quantization and context (or takes them as arguments, for tests
 * and other extensions; or takes them from the open config file, whatever its format), shows the verdict with its
 * breakdown, and returns the result.
 */
export function willItRun(ctx: Ctx) {
  return async (args?: WillItRunParams): Promise<WillItRunResult | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    const interactive = !args?.model && !args?.uri;
    const params = interactive ? await ask(ctx) : args;
    if (!params) return undefined;
    const result = await client.sendRequest(WillItRunRequest.type, params);
    if ('error' in result) {
      const hint = result.suggestions?.length ? ` Did you mean ${result.suggestions.join(', ')}?` : '';
      void vscode.window.showErrorMessage(`RunLocalAI: ${result.error}${hint}`);
      return result;
    }
    const a = result.answer;
    ctx.log.info(`will it run: ${a.model} ${a.quant} ${a.ctx} -> ${a.verdict}`);
    if (interactive || args?.show) await ctx.reports.show(`Will it run - ${a.modelName} ${a.quant} ${a.ctx}`, result.markdown);
    return result;
  };
}

async function ask(ctx: Ctx): Promise<WillItRunParams | undefined> {
  const client = ctx.running;
  if (!client) return undefined;
  const choices = await client.sendRequest(CatalogChoicesRequest.type);
  const open = vscode.window.activeTextEditor?.document;
  const fromOpen: ModelPick[] =
    open && !open.isUntitled
      ? [
          { label: '$(file) The open config file', description: vscode.workspace.asRelativePath(open.uri), uri: open.uri.toString() },
          { label: '', kind: vscode.QuickPickItemKind.Separator },
        ]
      : [];
  const model = await vscode.window.showQuickPick<ModelPick>(
    [...fromOpen, ...choices.models.map((m) => ({ label: m.name, description: m.detail, id: m.id }))],
    { title: 'Will it run? (1/3) Model', placeHolder: 'Pick a model', matchOnDescription: true },
  );
  if (!model) return undefined;
  if (model.uri) return { uri: model.uri };
  const quant = await vscode.window.showQuickPick(
    choices.quantizations.map((q) => ({ label: q.id, description: `${q.bitsPerWeight.toFixed(2)} bits/weight`, detail: q.description })),
    { title: 'Will it run? (2/3) Quantization', placeHolder: 'Q4_K_M is what Ollama pulls by default for most models' },
  );
  if (!quant) return undefined;
  const ctxPick = await vscode.window.showQuickPick(
    CONTEXTS.map((c) => ({ label: c.toLocaleString('en-US'), value: c })),
    { title: 'Will it run? (3/3) Context length (tokens)' },
  );
  if (!ctxPick) return undefined;
  return { model: model.id, quant: quant.label, ctx: ctxPick.value };
}
