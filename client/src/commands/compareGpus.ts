import * as vscode from 'vscode';
import {
  CompareGpusRequest,
  GpuChoicesRequest,
  type CompareGpusParams,
  type CompareGpusResult,
  type WillItRunResult,
} from '../../../server/src/protocol';
import type { Ctx } from '../context';
import { pickCatalogGpus } from '../hardware/pickGpu';
import type { ShownAnswer } from '../panel/willItRunPanel';

const LAST_PICKED = 'runlocalai.compareGpus.last';

/** How to name an answer's model again: a model file by its path, a store's model by its tag or repo id. */
function referenceOf(source: ShownAnswer['answer']['source']): string | undefined {
  if (source.kind === 'gguf-file' || source.kind === 'lmstudio') return source.path;
  return source.kind === 'catalog' ? undefined : source.id;
}

/** The question the panel shows, as a comparison asks it (a file-based answer by its file). */
function questionOf(s: ShownAnswer): Omit<CompareGpusParams, 'gpus'> {
  const a = s.answer;
  const kv = a.settings.kvType?.value;
  return {
    model: s.params.model ?? referenceOf(a.source) ?? a.model,
    quant: a.quant,
    ctx: a.ctx,
    runtime: a.runtime as CompareGpusParams['runtime'],
    kvType: typeof kv === 'string' ? (kv as CompareGpusParams['kvType']) : undefined,
    flashAttention: typeof a.settings.flashAttention?.value === 'boolean' ? a.settings.flashAttention.value : undefined,
    parallel: typeof a.settings.parallel?.value === 'number' ? a.settings.parallel.value : undefined,
  };
}

/**
 * RunLocalAI: Compare GPUs for this model — the answer on show (or a new one) on the GPU in use and
 * on catalog GPUs picked from a list, in one table in the panel. `{ model?, gpus }` skips the asking.
 */
export function compareGpus(ctx: Ctx) {
  return async (args?: Partial<CompareGpusParams>): Promise<CompareGpusResult | undefined> => {
    const client = ctx.clientOrWarn();
    if (!client) return undefined;
    let shown = ctx.panel.current;
    let question = args?.model ? { ...args, model: args.model } : shown ? questionOf(shown) : undefined;
    if (!question) {
      const r = await vscode.commands.executeCommand<WillItRunResult | undefined>('runlocalai.willItRun');
      shown = ctx.panel.current;
      if (!r || 'error' in r || !shown) return undefined;
      question = questionOf(shown);
    }
    let gpus = Array.isArray(args?.gpus) ? args.gpus.filter((g) => typeof g === 'string') : undefined;
    if (!gpus) {
      const choices = await client.sendRequest(GpuChoicesRequest.type);
      gpus = await pickCatalogGpus(choices, {
        title: 'Compare GPUs for this model',
        many: true,
        picked: ctx.extension.globalState.get<string[]>(LAST_PICKED) ?? [],
      });
      if (!gpus?.length) return undefined;
      await ctx.extension.globalState.update(LAST_PICKED, gpus);
    }
    const { uri: _uri, show: _show, ...asked } = question as CompareGpusParams & { uri?: string; show?: boolean };
    const result = await client.sendRequest(CompareGpusRequest.type, { ...asked, gpus });
    if ('error' in result) {
      const hint = result.suggestions?.length ? ` Did you mean ${result.suggestions.join(', ')}?` : '';
      void vscode.window.showErrorMessage(`RunLocalAI: ${result.error}${hint}`);
      return result;
    }
    ctx.log.info(`compare gpus: ${result.modelName} on ${result.rows.map((r) => `${r.label} ${r.verdict}`).join('; ')}`);
    if (ctx.panel.current) ctx.panel.showComparison(result);
    return result;
  };
}
