import type { Runtime } from '../estimate/types';
import type { LineIndex } from './lineIndex';
import type { Deployment, Format, KeyMention, Parsed, Setting, SettingName } from './types';
import { VLLM_KEYS } from './vllmKeys';
import {
  addKey,
  isMap,
  isScalar,
  looseKey,
  pairOf,
  replaceScalar,
  scalarSpan,
  scalarText,
  valueOf,
  type Scalar,
  type YAMLMap,
} from './yamlTree';
import { readYamlConfig } from './target';

// LocalAI model config keys (core/config/backend_config.go) that change memory.
const KEYS: Record<string, SettingName> = {
  context_size: 'context',
  gpu_layers: 'gpuLayers',
  tensor_split: 'tensorSplit',
  cache_type_k: 'kvType',
  cache_type_v: 'kvTypeV',
  flash_attention: 'flashAttention',
  main_gpu: 'mainGpu',
  batch: 'batch',
  mmproj: 'projector',
};

/** LocalAI model YAML: `parameters.model`, `backend`, `context_size`, `gpu_layers` and their kin. */
export const localaiFormat: Format = {
  id: 'localai',
  label: 'LocalAI model config',
  matches: (doc) =>
    (doc.languageId === 'yaml' || doc.languageId === 'helm') &&
    doc.text.includes('parameters:') &&
    (doc.text.includes('context_size') ||
      doc.text.includes('backend:') ||
      doc.text.includes('gpu_layers') ||
      doc.text.includes('template:')),
  parse(text): Parsed {
    const { lines, docs, problems, target } = readYamlConfig(text);
    const deployments: Deployment[] = [];
    for (const doc of docs) {
      const roots = isMap(doc.contents) ? [doc.contents] : [];
      for (const root of roots) {
        const d = localaiDeployment(root, lines);
        if (d) deployments.push(d);
      }
    }
    return { problems, deployments, target };
  },
};

function localaiDeployment(root: YAMLMap, lines: LineIndex): Deployment | undefined {
  const backend = (scalarText(valueOf(root, 'backend')) ?? 'llama-cpp').toLowerCase();
  let runtime: Runtime;
  if (backend.includes('vllm')) runtime = 'vllm';
  else if (backend.startsWith('llama') || backend === '') runtime = 'llama.cpp';
  else return undefined; // transformers, diffusers, whisper...: not a memory model this checks
  const params = valueOf(root, 'parameters');
  const modelPair = pairOf(params, 'model');
  if (!modelPair || !isScalar(modelPair.value) || modelPair.value.value == null) return undefined;
  const span = scalarSpan(modelPair.value, lines.text);
  const range = lines.range(span.start, span.end);
  const settings: Partial<Record<SettingName, Setting>> = {};
  const nodes = new Map<SettingName, Scalar>();
  const otherKeys: KeyMention[] = [];
  for (const p of root.items) {
    if (!isScalar(p.key) || !isScalar(p.value) || p.value.value == null) continue;
    const key = String(p.key.value);
    const name = runtime === 'vllm' ? (KEYS[key] ?? VLLM_KEYS[looseKey(key)]) : KEYS[key];
    const keyRange = p.key.range ? lines.range(p.key.range[0], p.key.range[1]) : undefined;
    if (!name) {
      if (keyRange) otherKeys.push({ key, value: String(p.value.value), keyRange });
      continue;
    }
    const s = scalarSpan(p.value, lines.text);
    settings[name] = { key, value: String(p.value.value), range: lines.range(s.start, s.end), keyRange };
    nodes.set(name, p.value);
  }
  // f16: false keeps the KV cache in f32 in LocalAI's llama.cpp backend; the estimator has no f32 KV, so it is noted.
  const notes: string[] = [];
  if (scalarText(valueOf(root, 'f16')) === 'false' && runtime === 'llama.cpp')
    notes.push('f16: false keeps the KV cache at 32 bits; the estimate counts 16');
  const keyOf: Partial<Record<SettingName, string>> = Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [v, k]));
  if (runtime === 'vllm')
    Object.assign(keyOf, {
      gpuMemoryUtilization: 'gpu_memory_utilization',
      tensorParallel: 'tensor_parallel_size',
      kvType: 'cache_type_k',
    });
  return {
    runtime,
    label: scalarText(valueOf(root, 'name')),
    model: { value: String(modelPair.value.value), range },
    anchor: range,
    settings,
    env: {},
    notes,
    otherKeys,
    edit(setting, value) {
      const node = nodes.get(setting);
      if (node) return replaceScalar(node, lines.text, lines, value);
      const key = keyOf[setting];
      return key ? addKey(root, lines, key, value) : [];
    },
  };
}
