import type { Command, Word } from './commandLine';
import { splitFlag } from './commandLine';
import type { LineIndex } from './lineIndex';
import type { KeyMention, Setting, SettingName } from './types';

/** What one flag means: the setting it sets and whether it takes a value. */
export interface FlagSpec {
  setting: SettingName | 'model';
  /** 'value': always takes one; 'switch': never; 'optional': takes one only when it looks like one. */
  arity: 'value' | 'switch' | 'optional';
  /** The value a bare switch stands for. */
  implied?: string;
}

const v = (setting: FlagSpec['setting']): FlagSpec => ({ setting, arity: 'value' });

/** llama.cpp (common/arg.cpp): long and short forms of every flag that changes memory. */
export const LLAMA_CPP_FLAGS: Record<string, FlagSpec> = {
  '-m': v('model'),
  '--model': v('model'),
  '-hf': v('model'),
  '-hfr': v('model'),
  '--hf-repo': v('model'),
  '-mu': v('model'),
  '--model-url': v('model'),
  '-c': v('context'),
  '--ctx-size': v('context'),
  '-ngl': v('gpuLayers'),
  '--gpu-layers': v('gpuLayers'),
  '--n-gpu-layers': v('gpuLayers'),
  '-np': v('parallel'),
  '--parallel': v('parallel'),
  '-fa': { setting: 'flashAttention', arity: 'optional', implied: 'on' },
  '--flash-attn': { setting: 'flashAttention', arity: 'optional', implied: 'on' },
  '-ctk': v('kvType'),
  '--cache-type-k': v('kvType'),
  '-ctv': v('kvTypeV'),
  '--cache-type-v': v('kvTypeV'),
  '-ts': v('tensorSplit'),
  '--tensor-split': v('tensorSplit'),
  '-sm': v('splitMode'),
  '--split-mode': v('splitMode'),
  '-mg': v('mainGpu'),
  '--main-gpu': v('mainGpu'),
  '-ot': v('overrideTensor'),
  '--override-tensor': v('overrideTensor'),
  '--n-cpu-moe': v('cpuMoe'),
  '-ncmoe': v('cpuMoe'),
  '--cpu-moe': { setting: 'cpuMoe', arity: 'switch', implied: 'all' },
  '-cmoe': { setting: 'cpuMoe', arity: 'switch', implied: 'all' },
  '--fit': { setting: 'fit', arity: 'optional', implied: 'on' },
  '-fit': { setting: 'fit', arity: 'optional', implied: 'on' },
  '-b': v('batch'),
  '--batch-size': v('batch'),
  '-ub': v('microBatch'),
  '--ubatch-size': v('microBatch'),
  '--mmproj': v('projector'),
  '-mm': v('projector'),
  '-dev': v('devices'),
  '--device': v('devices'),
};

/** llama-cpp-python's server (llama_cpp/server/settings.py): underscore names. */
export const LLAMA_CPP_PYTHON_FLAGS: Record<string, FlagSpec> = {
  '--model': v('model'),
  '--n_ctx': v('context'),
  '--n_gpu_layers': v('gpuLayers'),
  '--n_batch': v('batch'),
  '--n_ubatch': v('microBatch'),
  '--flash_attn': v('flashAttention'),
  '--type_k': v('kvType'),
  '--type_v': v('kvTypeV'),
  '--tensor_split': v('tensorSplit'),
  '--main_gpu': v('mainGpu'),
  '--split_mode': v('splitMode'),
  '--clip_model_path': v('projector'),
};

/** vLLM (vllm/engine/arg_utils.py); dashes and underscores are the same to vLLM. */
export const VLLM_FLAGS: Record<string, FlagSpec> = {
  '--model': v('model'),
  '--max-model-len': v('context'),
  '--gpu-memory-utilization': v('gpuMemoryUtilization'),
  '--tensor-parallel-size': v('tensorParallel'),
  '-tp': v('tensorParallel'),
  '--pipeline-parallel-size': v('pipelineParallel'),
  '-pp': v('pipelineParallel'),
  '--data-parallel-size': v('dataParallel'),
  '-dp': v('dataParallel'),
  '--quantization': v('quantization'),
  '-q': v('quantization'),
  '--dtype': v('dtype'),
  '--kv-cache-dtype': v('kvType'),
  '--max-num-seqs': v('parallel'),
  '--max-num-batched-tokens': v('maxBatchedTokens'),
  '--kv-cache-memory-bytes': v('kvCacheBytes'),
  '--kv-cache-memory': v('kvCacheBytes'),
  '--enforce-eager': { setting: 'enforceEager', arity: 'optional', implied: 'true' },
  '--cpu-offload-gb': v('cpuOffloadGb'),
};

/** The flag a setting is written with when a fix adds it (long forms: they explain themselves). */
export function flagFor(table: Record<string, FlagSpec>, setting: SettingName): string | undefined {
  let best: string | undefined;
  for (const [flag, spec] of Object.entries(table)) {
    if (spec.setting !== setting) continue;
    if (!best || (flag.startsWith('--') && (!best.startsWith('--') || flag.length > best.length))) best = flag;
  }
  return best;
}

export interface ReadFlags {
  settings: Partial<Record<SettingName, Setting>>;
  model?: Setting;
  positionals: Word[];
  /** Variables the values depend on. */
  unresolved: string[];
  /** Flags the table does not know (`--threads 8`, `--no-mmap`): explained by hovers, not modelled. */
  others: KeyMention[];
}

const OPTIONAL_VALUES = new Set(['on', 'off', 'auto', 'true', 'false', '1', '0', 'yes', 'no']);

/**
 * Reads `words[from..]` against a flag table: `--flag value`, `--flag=value`, switches, and for
 * vLLM underscores written for dashes. Later flags override earlier ones, as in the runtimes.
 */
export function readFlags(words: Word[], from: number, table: Record<string, FlagSpec>, lines: LineIndex, underscores = false): ReadFlags {
  const out: ReadFlags = { settings: {}, positionals: [], unresolved: [], others: [] };
  for (let i = from; i < words.length; i++) {
    const word = words[i];
    const { name, value, valueStart } = splitFlag(word);
    const key = underscores && name.startsWith('--') ? '--' + name.slice(2).replace(/_/g, '-') : name;
    const spec = table[key] ?? table[name];
    if (!spec) {
      if (!word.text.startsWith('-')) out.positionals.push(word);
      else if (name.length > 1 && name !== '--')
        out.others.push({
          key: name,
          value: value ?? '',
          keyRange: lines.range(word.start, word.start + name.length + (word.text.startsWith('"') ? 1 : 0)),
        });
      continue;
    }
    let setting: Setting;
    if (value !== undefined && valueStart !== undefined) {
      setting = { key: name, value, range: innerRange(lines, valueStart, word.end) };
    } else {
      const next = words[i + 1];
      const takes =
        spec.arity === 'value'
          ? next !== undefined
          : spec.arity === 'optional' && next !== undefined && OPTIONAL_VALUES.has(next.text.toLowerCase());
      if (takes && next) {
        setting = { key: name, value: next.text, range: innerRange(lines, next.start, next.end) };
        if (next.vars.length) setting.unresolved = next.vars.join(', ');
        i++;
      } else {
        setting = { key: name, value: spec.implied ?? '', range: lines.range(word.start, word.end) };
      }
    }
    setting.keyRange = lines.range(word.start, word.start + name.length + (word.text.startsWith('"') ? 1 : 0));
    if (word.vars.length && !setting.unresolved) setting.unresolved = word.vars.join(', ');
    if (setting.unresolved) out.unresolved.push(setting.unresolved);
    if (spec.setting === 'model') out.model = setting;
    else out.settings[spec.setting] = setting;
  }
  return out;
}

/** A value's range without the quotes, brackets and commas around it (Dockerfile exec form `["-c", "4096"]`), so an edit keeps them. */
export function innerRange(lines: LineIndex, start: number, end: number) {
  const t = lines.text;
  let s = start;
  let e = end;
  if (t[s] === '[') s++;
  while (e > s && (t[e - 1] === ',' || t[e - 1] === ']')) e--;
  if (e - s >= 2 && (t[s] === '"' || t[s] === "'") && t[e - 1] === t[s]) {
    s++;
    e--;
  }
  return lines.range(s, e);
}

/** The command's words from its program on, skipping `VAR=value` assignments and wrappers (env, exec, sudo, nohup). */
export function programIndex(cmd: Command): number {
  const wrappers = new Set(['env', 'exec', 'sudo', 'nohup', 'time', 'RUN', 'CMD', 'ENTRYPOINT', '-']);
  let i = 0;
  while (i < cmd.words.length) {
    const t = cmd.words[i].text;
    // systemd's `ExecStart=/usr/bin/llama-server` is the program itself.
    if (t.startsWith('Exec')) break;
    if (wrappers.has(t) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
      i++;
      continue;
    }
    break;
  }
  return i;
}

/** `VAR=value` words before the program. */
export function assignments(cmd: Command, upTo: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (let i = 0; i < upTo; i++) {
    const t = cmd.words[i].text;
    const eq = t.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.slice(0, eq))) env[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return env;
}
