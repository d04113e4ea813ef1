// llama.cpp's `llama-fit-params --fit-print on` loads a GGUF without allocating and prints, per
// device and then for the host, the memory it would use in MiB: "<device> <model> <context> <compute>"
// (tools/fit-params/fit-params.cpp). This module builds its arguments and reads that output; running
// it is the client's business.
import type { FitParamsDevice, FitParamsReport } from '../../protocol/wire';

/** Output read at most: the tool prints a handful of lines; anything longer is not its report. */
export const MAX_FIT_OUTPUT_CHARS = 64 * 1024;
/** Device rows kept at most (llama.cpp's own limit on devices is far below this). */
export const MAX_FIT_DEVICES = 64;
const MAX_NAME_CHARS = 64;
/** MiB figures are at most 12 digits: a petabyte is 10 digits. */
const MAX_DIGITS = 12;

/** KV cache types llama.cpp's -ctk/-ctv take that the wire can carry. */
const LLAMA_KV_TYPES = new Set(['f16', 'q8_0', 'q4_0']);

export interface FitParamsQuestion {
  /** A local GGUF file. */
  modelPath: string;
  ctx: number;
  /** Layers on the GPU in our answer; at least the model's layer count means all. */
  gpuLayers: number;
  totalLayers: number;
  kvType?: string;
  flashAttention?: boolean;
}

/** The arguments (never a shell line) for the same model and settings as our answer. */
export function fitParamsArgs(q: FitParamsQuestion): string[] {
  const args = ['--model', q.modelPath, '--ctx-size', String(Math.max(0, Math.floor(q.ctx)))];
  // 999 is llama.cpp's long-standing "every layer", output layer included.
  args.push('--n-gpu-layers', String(q.gpuLayers >= q.totalLayers ? 999 : Math.max(0, Math.floor(q.gpuLayers))));
  if (q.kvType && LLAMA_KV_TYPES.has(q.kvType)) args.push('--cache-type-k', q.kvType, '--cache-type-v', q.kvType);
  if (q.flashAttention !== undefined) args.push('--flash-attn', q.flashAttention ? 'on' : 'off');
  args.push('--fit-print', 'on');
  return args;
}

const isDigits = (w: string) => w.length > 0 && w.length <= MAX_DIGITS && [...w].every((c) => c >= '0' && c <= '9');

/** Splits one line on spaces and tabs, at most `max + 1` words (a longer line is not a row). */
function wordsOf(line: string, max: number): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const c = i < line.length ? line[i] : ' ';
    const blank = c === ' ' || c === '\t' || c === '\r';
    if (!blank && start < 0) start = i;
    else if (blank && start >= 0) {
      words.push(line.slice(start, i));
      start = -1;
      if (words.length > max) break;
    }
  }
  return words;
}

/**
 * The per-device rows of `--fit-print on` output; every other line (logs, a fitted "-c … -ngl …"
 * line) is skipped. Linear: one pass over at most MAX_FIT_OUTPUT_CHARS characters.
 */
export function parseFitParamsOutput(output: string): FitParamsReport {
  const text = output.length > MAX_FIT_OUTPUT_CHARS ? output.slice(0, MAX_FIT_OUTPUT_CHARS) : output;
  const devices: FitParamsDevice[] = [];
  let from = 0;
  while (from <= text.length && devices.length < MAX_FIT_DEVICES) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const words = wordsOf(text.slice(from, to), 4);
    from = to + 1;
    if (words.length !== 4 || words[0].length > MAX_NAME_CHARS || !words.slice(1).every(isDigits)) continue;
    const [name, model, context, compute] = words;
    devices.push({ name, host: name === 'Host', modelMiB: Number(model), contextMiB: Number(context), computeMiB: Number(compute) });
  }
  return { devices, truncated: output.length > MAX_FIT_OUTPUT_CHARS };
}

/** Model sources whose path is the GGUF file itself (an Ollama blob is one, without the extension). */
const GGUF_SOURCES = new Set(['gguf-file', 'ollama-store', 'lmstudio']);

/** The local GGUF file an answer was computed from, or why there is none to hand to llama.cpp. */
export function ggufPathOf(source: { kind: string; path?: string }, modelName: string): { path: string } | { reason: string } {
  if (typeof source.path === 'string' && source.path.length > 0 && GGUF_SOURCES.has(source.kind)) return { path: source.path };
  const from = source.kind === 'catalog' ? 'the catalog' : source.kind === 'name' ? 'its name' : source.kind;
  return {
    reason: `llama-fit-params reads a local GGUF file, and ${modelName} came from ${from}: name a .gguf file, or a model pulled with Ollama, to confirm.`,
  };
}
