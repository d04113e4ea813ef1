import type { Range, TextEdit } from '../types';
import type { LineIndex } from './lineIndex';
import type { KeyMention, Setting, SettingName } from './types';
import { addKey, isMap, isScalar, looseKey, replaceScalar, scalarSpan, type YAMLMap } from './yamlTree';

/** vLLM engine arguments (vllm/engine/arg_utils.py) by their loose name: snake, kebab or camel case. */
export const VLLM_KEYS: Record<string, SettingName> = {
  maxmodellen: 'context',
  gpumemoryutilization: 'gpuMemoryUtilization',
  tensorparallelsize: 'tensorParallel',
  pipelineparallelsize: 'pipelineParallel',
  dataparallelsize: 'dataParallel',
  quantization: 'quantization',
  dtype: 'dtype',
  kvcachedtype: 'kvType',
  maxnumseqs: 'parallel',
  maxnumbatchedtokens: 'maxBatchedTokens',
  kvcachememorybytes: 'kvCacheBytes',
  kvcachememory: 'kvCacheBytes',
  enforceeager: 'enforceEager',
  cpuoffloadgb: 'cpuOffloadGb',
};

const SNAKE: Partial<Record<SettingName, string>> = {
  context: 'max_model_len',
  gpuMemoryUtilization: 'gpu_memory_utilization',
  tensorParallel: 'tensor_parallel_size',
  pipelineParallel: 'pipeline_parallel_size',
  dataParallel: 'data_parallel_size',
  quantization: 'quantization',
  dtype: 'dtype',
  kvType: 'kv_cache_dtype',
  parallel: 'max_num_seqs',
  maxBatchedTokens: 'max_num_batched_tokens',
  kvCacheBytes: 'kv_cache_memory_bytes',
  enforceEager: 'enforce_eager',
  cpuOffloadGb: 'cpu_offload_gb',
};

export const MODEL_KEYS = new Set(['model', 'modelurl', 'hfmodel', 'modelname']);

export interface VllmMap {
  settings: Partial<Record<SettingName, Setting>>;
  model?: Setting;
  /** Scalar keys no setting models (`swap_space`, `block_size`), for hovers. */
  others: KeyMention[];
  /** Adds or replaces a key in this map, in the map's own spelling. */
  edit(setting: SettingName, value: string): TextEdit[];
}

/** Reads vLLM keys from one YAML mapping, with the ranges of their values. */
export function readVllmMap(map: YAMLMap, lines: LineIndex): VllmMap {
  const settings: Partial<Record<SettingName, Setting>> = {};
  const nodes = new Map<SettingName, unknown>();
  let model: Setting | undefined;
  const others: KeyMention[] = [];
  let style: 'snake' | 'kebab' | 'camel' = 'snake';
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key.includes('-')) style = 'kebab';
    else if (/[a-z][A-Z]/.test(key)) style = 'camel';
    const loose = looseKey(key);
    const value = pair.value;
    if (!isScalar(value) || value.value === null || value.value === undefined) continue;
    const span = scalarSpan(value, lines.text);
    const keyRange = pair.key.range ? lines.range(pair.key.range[0], pair.key.range[1]) : undefined;
    const setting: Setting = { key, value: String(value.value), range: lines.range(span.start, span.end), keyRange };
    if (MODEL_KEYS.has(loose)) {
      model = { ...setting, value: setting.value.replace(/^hf:\/\//, '') };
      continue;
    }
    const name = VLLM_KEYS[loose];
    if (name) {
      settings[name] = setting;
      nodes.set(name, value);
    } else if (keyRange) others.push({ key, value: setting.value, keyRange });
  }
  return {
    settings,
    model,
    others,
    edit(setting, value) {
      const node = nodes.get(setting);
      if (isScalar(node)) return replaceScalar(node, lines.text, lines, value);
      const snake = SNAKE[setting];
      if (!snake || !isMap(map)) return [];
      const key =
        style === 'kebab'
          ? snake.replace(/_/g, '-')
          : style === 'camel'
            ? snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())
            : snake;
      return addKey(map, lines, key, value);
    },
  };
}

export function keyRange(map: YAMLMap, key: string, lines: LineIndex): Range | undefined {
  for (const p of map.items) {
    if (isScalar(p.key) && String(p.key.value) === key && p.key.range) return lines.range(p.key.range[0], p.key.range[1]);
  }
  return undefined;
}
