import * as vscode from 'vscode';
import {
  CatalogChoicesRequest,
  QuantChoicesRequest,
  WillItRunRequest,
  type QuantChoices,
  type WillItRunParams,
  type WillItRunResult,
} from '../../../server/src/protocol';
import type { Ctx } from '../context';

const CONTEXT_PRESETS = [2048, 4096, 8192, 16384, 32768, 65536, 131072];
const RUNTIMES = [
  { id: 'ollama', label: 'Ollama', detail: 'GGUF from the Ollama library; its own default context and KV settings' },
  { id: 'llama.cpp', label: 'llama.cpp', detail: 'llama-server / llama-cli with a GGUF file' },
  { id: 'vllm', label: 'vLLM', detail: 'safetensors in the checkpoint’s dtype; 90% of each GPU by default' },
] as const;
const LAST = 'runlocalai.willItRun.last';
/** Languages whose files a config format may read (Markdown code blocks too, but prose rarely names one model). */
const CONFIG_LANGUAGES = new Set(['modelfile', 'yaml', 'json', 'jsonc', 'dockercompose', 'shellscript', 'dockerfile', 'makefile', 'ini']);

type Runtime = (typeof RUNTIMES)[number]['id'];
type Pick<T> = vscode.QuickPickItem & { value?: T };
interface LastChoices {
  model?: string;
  runtime?: Runtime;
  ctx?: number;
}

/**
 * "Will it run?": asks runtime, model, quantization and context with good defaults (or takes them
 * as arguments, for tests and other extensions; or takes them from the open config file), shows the
 * verdict in the panel, and returns the result.
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
    if (interactive || args?.show) await ctx.panel.show({ answer: a, markdown: result.markdown, params });
    return result;
  };
}

async function ask(ctx: Ctx): Promise<WillItRunParams | undefined> {
  const client = ctx.running;
  if (!client) return undefined;
  const last = ctx.extension.globalState.get<LastChoices>(LAST) ?? {};
  const model = await pickModel(ctx, last);
  if (!model) return undefined;
  if ('uri' in model) return { uri: model.uri, show: true };
  const runtime = await pickOne<Runtime>(
    'Will it run? (2/4) Runtime',
    RUNTIMES.map((r) => ({ label: r.label, detail: r.detail, value: r.id })),
    last.runtime ?? 'ollama',
  );
  if (!runtime) return undefined;
  const choices = await client.sendRequest(QuantChoicesRequest.type, { model: model.ref, runtime });
  if ('error' in choices) {
    const hint = choices.suggestions?.length ? ` Did you mean ${choices.suggestions.join(', ')}?` : '';
    void vscode.window.showErrorMessage(`RunLocalAI: ${choices.error}${hint}`);
    return undefined;
  }
  const quant = await pickQuant(choices);
  if (!quant) return undefined;
  const ctxTokens = await pickContext(choices, last.ctx);
  if (ctxTokens === undefined) return undefined;
  await ctx.extension.globalState.update(LAST, { model: model.ref, runtime, ctx: ctxTokens } satisfies LastChoices);
  return { model: model.ref, runtime, quant, ctx: ctxTokens, show: true };
}

/** Catalog models, the open config file (any format), and whatever the user types (a tag, a repo id, a file name). */
async function pickModel(ctx: Ctx, last: LastChoices): Promise<{ ref: string } | { uri: string } | undefined> {
  const client = ctx.running!;
  const catalog = await client.sendRequest(CatalogChoicesRequest.type);
  const open = vscode.window.activeTextEditor?.document;
  const openItem: Pick<{ uri: string }>[] =
    open && !open.isUntitled && CONFIG_LANGUAGES.has(open.languageId)
      ? [
          {
            label: '$(file) Check the open config file',
            description: vscode.workspace.asRelativePath(open.uri),
            value: { uri: open.uri.toString() },
          },
        ]
      : [];
  const models: Pick<{ ref: string }>[] = catalog.models.map((m) => ({ label: m.name, description: m.detail, value: { ref: m.id } }));
  const lastFirst = last.model
    ? [...models.filter((m) => m.value?.ref === last.model), ...models.filter((m) => m.value?.ref !== last.model)]
    : models;
  const qp = vscode.window.createQuickPick<Pick<{ ref: string } | { uri: string }>>();
  qp.title = 'Will it run? (1/4) Model';
  qp.placeholder = 'Pick a model, or type an Ollama tag, a Hugging Face id or a GGUF file name and press Enter';
  qp.matchOnDescription = true;
  const base = [...openItem, ...(openItem.length ? [{ label: '', kind: vscode.QuickPickItemKind.Separator }] : []), ...lastFirst];
  qp.items = base;
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      // The items never change (replacing them while the user types loses the active row); a reference no
      // item matches is taken as typed, and the server resolves it (a file, a tag, a repo id, a name).
      const typed = qp.value.trim();
      resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value ?? (typed ? { ref: typed } : undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

async function pickOne<T>(title: string, items: Pick<T>[], active: T): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<Pick<T>>();
  qp.title = title;
  qp.items = items;
  qp.activeItems = items.filter((i) => i.value === active);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

const VERDICT: Record<string, string> = {
  fits: '$(check) fits',
  tight: '$(check) tight',
  'partial-offload': '$(warning) partial offload',
  'wont-fit': "$(error) won't fit",
};
const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

/** Every quantization with its size and verdict here; the runtime's default is preselected. */
function pickQuant(c: QuantChoices): Promise<string | undefined> {
  return pickOne(
    `Will it run? (3/4) Quantization of ${c.modelName}`,
    c.quantizations.map((q) => ({
      label: q.id,
      description: `${q.id === c.defaultQuant ? 'default · ' : ''}${q.bitsPerWeight.toFixed(2)} bits/weight · ${gib(q.totalBytes)}`,
      detail: VERDICT[q.verdict] ?? q.verdict,
      value: q.id,
    })),
    c.defaultQuant,
  );
}

/** Presets up to the model's maximum, the maximum itself, the runtime's default (preselected) and a custom value. */
async function pickContext(c: QuantChoices, last: number | undefined): Promise<number | undefined> {
  const values = [...new Set([c.defaultContext, ...CONTEXT_PRESETS.filter((n) => n <= c.trainedContext), c.trainedContext])].sort(
    (a, b) => a - b,
  );
  const items: Pick<number>[] = values.map((n) => ({
    label: n.toLocaleString('en-US'),
    description: [
      n === c.defaultContext ? `default${c.defaultContextNote ? `: ${c.defaultContextNote}` : ''}` : '',
      n === c.trainedContext ? 'model maximum' : '',
    ]
      .filter(Boolean)
      .join(' · '),
    value: n,
  }));
  items.push({ label: '$(edit) Custom…', description: 'a number of tokens, or 8k, 32k', value: -1 });
  const picked = await pickOne(
    'Will it run? (4/4) Context length (tokens)',
    items,
    last && values.includes(last) ? last : c.defaultContext,
  );
  if (picked !== -1) return picked;
  const typed = await vscode.window.showInputBox({
    title: 'Context length (tokens)',
    prompt: `Up to ${c.trainedContext.toLocaleString('en-US')} for ${c.modelName}`,
    validateInput: (v) => (parseTokens(v) === undefined ? 'A whole number of tokens, or 8k, 32k' : undefined),
  });
  return typed === undefined ? undefined : parseTokens(typed);
}

function parseTokens(v: string): number | undefined {
  const m = /^(\d{1,7})([kK]?)$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] ? 1024 : 1);
  return n > 0 ? n : undefined;
}
