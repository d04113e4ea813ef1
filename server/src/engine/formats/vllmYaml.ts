import type { TextEdit } from '../types';
import { commandDeployment, runtimeCommand, type RuntimeCommand } from './commandDeployments';
import type { Command } from './commandLine';
import { flagFor, readFlags, VLLM_FLAGS } from './flags';
import type { LineIndex } from './lineIndex';
import type { Deployment, Format, Parsed, Setting, SettingName } from './types';
import { readVllmMap, VLLM_KEYS } from './vllmKeys';
import { addFlagToSeq, commandsOfYaml } from './yamlCommands';
import { eachMap, isMap, isScalar, isSeq, looseKey, pairOf, scalarText, valueOf, type YAMLMap } from './yamlTree';
import { readYamlConfig } from './target';

const YAML_LANGUAGES = new Set(['yaml', 'helm', 'dockercompose']);

/**
 * vLLM in YAML: `vllm serve --config` files, Kubernetes containers running vLLM, Helm values
 * (production-stack `modelSpec`), KubeAI `Model` resources. A YAML that sets `max_model_len`
 * is vLLM wherever it lives.
 */
export const vllmFormat: Format = {
  id: 'vllm',
  label: 'vLLM config',
  matches: (doc) => YAML_LANGUAGES.has(doc.languageId) && mentionsVllm(doc.text),
  parse: parseVllmYaml,
};

export function mentionsVllm(text: string): boolean {
  const lower = text.toLowerCase();
  return [
    'vllm',
    'max_model_len',
    'max-model-len',
    'maxmodellen',
    'tensor_parallel_size',
    'tensor-parallel-size',
    'gpu_memory_utilization',
    'gpu-memory-utilization',
  ].some((k) => lower.includes(k));
}

function parseVllmYaml(text: string): Parsed {
  const { lines, docs, problems, target } = readYamlConfig(text);
  const deployments: Deployment[] = [];
  const consumed = new Set<unknown>();
  for (const doc of docs) {
    eachMap(doc.contents, (map) => {
      if (consumed.has(map)) return;
      const d = containerDeployment(map, lines, consumed) ?? kubeaiDeployment(map, lines, consumed) ?? keysDeployment(map, lines, consumed);
      if (d) deployments.push(d);
    });
  }
  return { problems, deployments, target };
}

/** A container (`command`/`args`) that runs vLLM, or whose args are vLLM flags beside a vLLM image. */
function containerDeployment(map: YAMLMap, lines: LineIndex, consumed: Set<unknown>): Deployment | undefined {
  const command = valueOf(map, 'command');
  const args = valueOf(map, 'args') ?? valueOf(map, 'extraArgs');
  if (!command && !args) return undefined;
  const commands: Command[] = [...commandsOfYaml(command, lines)];
  const argCommands = commandsOfYaml(args, lines);
  // An exec-form command with separate args: one command line.
  if (commands.length === 1 && argCommands.length === 1 && isSeq(command) && isSeq(args)) {
    commands[0] = { ...commands[0], words: [...commands[0].words, ...argCommands[0].words] };
  } else commands.push(...argCommands);
  const image = (scalarText(valueOf(map, 'image')) ?? '').toLowerCase();
  for (const cmd of commands) {
    let rc: RuntimeCommand | undefined = runtimeCommand(cmd);
    if (!rc && image.includes('vllm') && cmd.words.some((w) => w.text.startsWith('--')))
      rc = { runtime: 'vllm', table: VLLM_FLAGS, flagsFrom: 0, program: 0, underscores: true, positionalModel: false };
    if (!rc || rc.runtime !== 'vllm') continue;
    consumed.add(map);
    const seq = isSeq(args) ? args : isSeq(command) ? command : undefined;
    const d = commandDeployment(cmd, rc, lines, {
      label: scalarText(valueOf(map, 'name')),
      env: envOf(valueOf(map, 'env')),
      addFlag: seq ? (flag, value) => addFlagToSeq(seq, lines, flag, value) : undefined,
    });
    const limit = pairOf(valueOf(valueOf(map, 'resources'), 'limits'), 'nvidia.com/gpu');
    const count = Number(scalarText(limit?.value));
    if (limit && isScalar(limit.value) && Number.isInteger(count) && count > 0)
      d.requestedGpus = { count, range: lines.range(limit.value.range?.[0] ?? 0, limit.value.range?.[1] ?? 0) };
    return d;
  }
  return undefined;
}

/** KubeAI `kind: Model` (spec.url hf://..., spec.args, spec.resourceProfile `nvidia-gpu-l4:8`). */
function kubeaiDeployment(map: YAMLMap, lines: LineIndex, consumed: Set<unknown>): Deployment | undefined {
  const url = pairOf(map, 'url');
  const engine = scalarText(valueOf(map, 'engine'));
  if (!url || !isScalar(url.value) || (engine ?? '').toLowerCase() !== 'vllm') return undefined;
  const args = valueOf(map, 'args');
  const seq = isSeq(args) ? args : undefined;
  const argWords = commandsOfYaml(args, lines)[0]?.words ?? [];
  const flags = readFlags(argWords, 0, VLLM_FLAGS, lines, true);
  consumed.add(map);
  const urlText = String(url.value.value);
  const range = lines.range(url.value.range?.[0] ?? 0, url.value.range?.[1] ?? 0);
  const profile = pairOf(map, 'resourceProfile');
  const profileText = scalarText(profile?.value);
  let requestedGpus: Deployment['requestedGpus'];
  if (profileText && profile && isScalar(profile.value)) {
    // `nvidia-gpu-l4:8` = eight L4s; the name between the vendor prefix and the count names the GPU.
    const [name, count] = profileText.split(':');
    const gpu = name.replace(/^(nvidia|amd|intel)-gpu-/, '').replace(/-\d+gb$/, '');
    requestedGpus = { count: Number(count) || 1, gpu, range: lines.range(profile.value.range?.[0] ?? 0, profile.value.range?.[1] ?? 0) };
  }
  return {
    runtime: 'vllm',
    label: scalarText(valueOf(valueOf(map, 'metadata'), 'name')),
    model: { value: urlText.replace(/^hf:\/\//, ''), range },
    anchor: range,
    settings: flags.settings,
    env: envOf(valueOf(map, 'env')),
    notes: [],
    otherKeys: flags.others,
    requestedGpus,
    edit(setting, value) {
      const existing = flags.settings[setting];
      if (existing) return [{ range: existing.range, newText: value }];
      const flag = flagFor(VLLM_FLAGS, setting);
      return flag && seq ? addFlagToSeq(seq, lines, flag, value) : [];
    },
  };
}

/** A mapping with vLLM engine keys (a `--config` file, Helm `vllmConfig`, a test harness's `additional_params`). */
function keysDeployment(map: YAMLMap, lines: LineIndex, consumed: Set<unknown>): Deployment | undefined {
  const own = readVllmMap(map, lines);
  // Production-stack: modelURL on the item, engine keys under vllmConfig (with extraArgs).
  const child = valueOf(map, 'vllmConfig') ?? valueOf(map, 'engineArgs') ?? valueOf(map, 'additional_params');
  const inner = isMap(child) ? readVllmMap(child, lines) : undefined;
  if (isMap(child)) consumed.add(child);
  const hasKeys = Object.keys(own.settings).length > 0 || (inner && Object.keys(inner.settings).length > 0);
  const modelKey = own.model ?? inner?.model;
  const vllmOnly = map.items.some(
    (p) =>
      isScalar(p.key) &&
      VLLM_KEYS[looseKey(String(p.key.value))] &&
      looseKey(String(p.key.value)) !== 'dtype' &&
      looseKey(String(p.key.value)) !== 'quantization',
  );
  if (!hasKeys || (!modelKey && !vllmOnly && !inner)) return undefined;
  consumed.add(map);
  const settings: Partial<Record<SettingName, Setting>> = { ...own.settings, ...(inner?.settings ?? {}) };
  const extra = isMap(child) ? valueOf(child, 'extraArgs') : undefined;
  const extraWords = commandsOfYaml(extra, lines)[0]?.words ?? [];
  if (extraWords.length) {
    const rc: RuntimeCommand = { runtime: 'vllm', table: VLLM_FLAGS, flagsFrom: 0, program: 0, underscores: true, positionalModel: false };
    const fromArgs = commandDeployment({ words: extraWords, start: 0, end: 0 }, rc, lines);
    for (const [k, s] of Object.entries(fromArgs.settings)) settings[k as SettingName] ??= s;
  }
  const gpuPair = pairOf(map, 'requestGPU');
  const gpuCount = Number(scalarText(gpuPair?.value));
  const anchorRange = modelKey?.range ?? lines.range(map.range?.[0] ?? 0, map.range?.[0] ?? 0);
  return {
    runtime: 'vllm',
    label: scalarText(valueOf(map, 'name')),
    model: modelKey && { value: modelKey.value, range: modelKey.range },
    anchor: anchorRange,
    settings,
    env: {},
    notes: [],
    otherKeys: [...own.others, ...(inner?.others ?? [])],
    requestedGpus:
      gpuPair && Number.isInteger(gpuCount) && gpuCount > 0 && isScalar(gpuPair.value)
        ? { count: gpuCount, range: lines.range(gpuPair.value.range?.[0] ?? 0, gpuPair.value.range?.[1] ?? 0) }
        : undefined,
    edit(setting, value): TextEdit[] {
      if (own.settings[setting] || !inner) return own.edit(setting, value);
      return inner.edit(setting, value);
    },
  };
}

/** Kubernetes `env: [{name, value}]` or a plain mapping. */
export function envOf(node: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (isMap(node)) {
    for (const p of node.items) if (isScalar(p.key)) env[String(p.key.value)] = scalarText(p.value) ?? '';
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isMap(item)) {
        const name = scalarText(valueOf(item, 'name'));
        if (name) env[name] = scalarText(valueOf(item, 'value')) ?? '';
      } else if (isScalar(item)) {
        const t = String(item.value);
        const eq = t.indexOf('=');
        if (eq > 0) env[t.slice(0, eq)] = t.slice(eq + 1);
      }
    }
  }
  return env;
}
