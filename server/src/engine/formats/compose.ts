import type { TextEdit } from '../types';
import { commandDeployment, runtimeCommand, type RuntimeCommand } from './commandDeployments';
import { parseCommands, type Command } from './commandLine';
import { LLAMA_CPP_FLAGS, VLLM_FLAGS } from './flags';
import type { LineIndex } from './lineIndex';
import type { Deployment, Format, KeyMention, Parsed, Setting, SettingName } from './types';
import { envOf } from './vllmYaml';
import { addFlagToSeq, commandsOfYaml } from './yamlCommands';
import {
  addItem,
  addKey,
  eachMap,
  isMap,
  isScalar,
  isSeq,
  pairOf,
  replaceScalar,
  scalarSpan,
  scalarText,
  valueOf,
  type YAMLMap,
} from './yamlTree';
import { readYamlConfig } from './target';

// Ollama's environment (envconfig/config.go) that changes memory.
const OLLAMA_ENV: Record<string, SettingName> = {
  OLLAMA_CONTEXT_LENGTH: 'context',
  OLLAMA_NUM_PARALLEL: 'parallel',
  OLLAMA_KV_CACHE_TYPE: 'kvType',
  OLLAMA_FLASH_ATTENTION: 'flashAttention',
};

/**
 * docker-compose: services running Ollama (OLLAMA_* environment), vLLM (its command) or a
 * llama.cpp server image, their GPU reservations, and the top-level `models:` of Docker Model
 * Runner. Services that reserve the same GPUs are budgeted together.
 */
export const composeFormat: Format = {
  id: 'compose',
  label: 'docker-compose file',
  matches: (doc) =>
    (doc.languageId === 'dockercompose' || doc.languageId === 'yaml') &&
    (doc.text.includes('services:') || /(^|\/)(docker-)?compose[^/]*\.ya?ml$/i.test(doc.uri)),
  parse(text): Parsed {
    const { lines, docs, problems, target } = readYamlConfig(text);
    const deployments: Deployment[] = [];
    for (const doc of docs) {
      const services = valueOf(doc.contents, 'services');
      if (isMap(services)) {
        for (const p of services.items) {
          if (!isScalar(p.key) || !isMap(p.value)) continue;
          const d = serviceDeployment(String(p.key.value), p.value, lines);
          if (d) deployments.push(d);
        }
      }
      const models = valueOf(doc.contents, 'models');
      if (isMap(models))
        for (const p of models.items)
          if (isScalar(p.key) && isMap(p.value)) deployments.push(...modelRunnerDeployment(String(p.key.value), p.value, lines));
    }
    return { problems, deployments, target };
  },
};

function serviceDeployment(name: string, service: YAMLMap, lines: LineIndex): Deployment | undefined {
  const image = (scalarText(valueOf(service, 'image')) ?? '').toLowerCase();
  const env = envOf(valueOf(service, 'environment'));
  const command = valueOf(service, 'command');
  const entrypoint = valueOf(service, 'entrypoint');
  const gpus = gpuReservation(service, lines);
  let d: Deployment | undefined;
  const commands = [...commandsOfYaml(entrypoint, lines), ...commandsOfYaml(command, lines)];
  const seq = isSeq(command) ? command : undefined;
  const addFlag = seq ? (flag: string, value: string) => addFlagToSeq(seq, lines, flag, value) : undefined;
  for (const cmd of commands) {
    let rc: RuntimeCommand | undefined = runtimeCommand(cmd);
    const first = cmd.words[0]?.text ?? '';
    const argsOnly = first.startsWith('-') || (!first.startsWith('/') && !first.startsWith('.') && !/(^|\/)(ba|z|da)?sh$/.test(first));
    if (!rc && argsOnly && image.includes('vllm'))
      rc = { runtime: 'vllm', table: VLLM_FLAGS, flagsFrom: 0, program: 0, underscores: true, positionalModel: true };
    if (!rc && argsOnly && (image.includes('llama.cpp') || image.includes('llama-cpp') || image.includes('llamacpp')))
      rc = { runtime: 'llama.cpp', table: LLAMA_CPP_FLAGS, flagsFrom: 0, program: 0, underscores: false, positionalModel: false };
    if (!rc || rc.runtime === 'ollama') continue;
    d = commandDeployment(cmd, rc, lines, { env, label: name, addFlag });
    break;
  }
  if (!d && image.includes('ollama')) d = ollamaService(name, service, env, lines);
  if (!d) return undefined;
  if (gpus) {
    d.requestedGpus = { count: gpus.count, range: gpus.range };
    d.group = `GPUs ${gpus.ids}`;
  }
  return d;
}

/** An Ollama service judged for the models its commands pull or run, with its OLLAMA_* environment. */
function ollamaService(name: string, service: YAMLMap, env: Record<string, string>, lines: LineIndex): Deployment | undefined {
  let model: Deployment['model'];
  eachMap(service, (map) => {
    for (const p of map.items) {
      for (const node of isSeq(p.value) ? p.value.items : [p.value]) {
        if (model || !isScalar(node) || typeof node.value !== 'string' || !node.value.includes('ollama')) continue;
        const span = scalarSpan(node, lines.text);
        for (const cmd of parseCommands(lines.text, span.start, span.end)) {
          const i = cmd.words.findIndex(
            (w, k) => w.text.endsWith('ollama') && (cmd.words[k + 1]?.text === 'run' || cmd.words[k + 1]?.text === 'pull'),
          );
          const w = i >= 0 ? cmd.words[i + 2] : undefined;
          if (w) model = { value: w.text, range: lines.range(w.start, w.end), unresolved: w.vars.length ? w.vars.join(', ') : undefined };
        }
      }
    }
  });
  const envNode = valueOf(service, 'environment');
  const settings: Partial<Record<SettingName, Setting>> = {};
  const envRanges = new Map<SettingName, { node: unknown; key: string }>();
  const otherKeys: KeyMention[] = [];
  if (isMap(envNode)) {
    for (const p of envNode.items) {
      if (!isScalar(p.key) || !isScalar(p.value) || !p.key.range) continue;
      const keyRange = lines.range(p.key.range[0], p.key.range[1]);
      const name2 = OLLAMA_ENV[String(p.key.value)];
      if (!name2) {
        otherKeys.push({ key: String(p.key.value), value: String(p.value.value ?? ''), keyRange });
        continue;
      }
      const span = scalarSpan(p.value, lines.text);
      settings[name2] = {
        key: String((p.key as { value: unknown }).value),
        value: String(p.value.value),
        range: lines.range(span.start, span.end),
        keyRange,
      };
      envRanges.set(name2, { node: p.value, key: String((p.key as { value: unknown }).value) });
    }
  }
  const nameKey = service.items[0]?.key;
  const anchor =
    model?.range ?? lines.range(isScalar(nameKey) ? (nameKey.range?.[0] ?? 0) : 0, isScalar(nameKey) ? (nameKey.range?.[1] ?? 0) : 0);
  if (!model) return undefined;
  return {
    runtime: 'ollama',
    label: name,
    model,
    anchor,
    settings,
    env,
    notes: [],
    otherKeys,
    edit(setting, raw): TextEdit[] {
      // Ollama reads its switches as booleans (strconv.ParseBool): "1"/"0", not llama.cpp's on/off.
      const value = setting === 'flashAttention' ? (/^(on|true|1|yes)$/i.test(raw) ? '1' : '0') : raw;
      const at = envRanges.get(setting);
      if (at && isScalar(at.node)) return replaceScalar(at.node, lines.text, lines, value);
      const key = Object.entries(OLLAMA_ENV).find(([, s]) => s === setting)?.[0];
      if (!key) return [];
      if (isMap(envNode)) return addKey(envNode, lines, key, `"${value}"`);
      if (isSeq(envNode)) return addItem(envNode, lines, `${key}=${value}`);
      return [];
    },
  };
}

/** `deploy.resources.reservations.devices` or `gpus:`: how many GPUs, and which. */
function gpuReservation(
  service: YAMLMap,
  lines: LineIndex,
): { count?: number; ids: string; range: ReturnType<LineIndex['range']> } | undefined {
  const devices = valueOf(valueOf(valueOf(valueOf(service, 'deploy'), 'resources'), 'reservations'), 'devices');
  if (isSeq(devices)) {
    for (const d of devices.items) {
      if (!isMap(d)) continue;
      const ids = valueOf(d, 'device_ids');
      const countPair = pairOf(d, 'count');
      const node = (countPair?.value ?? ids ?? d) as { range?: [number, number, number] };
      const range = lines.range(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
      if (isSeq(ids)) return { count: ids.items.length, ids: ids.items.map((i) => (isScalar(i) ? String(i.value) : '?')).join(','), range };
      const count = scalarText(countPair?.value);
      return {
        count: count && count !== 'all' ? Number(count) : undefined,
        ids: count && count !== 'all' ? `first ${count}` : 'all',
        range,
      };
    }
  }
  const gpus = pairOf(service, 'gpus');
  if (gpus && isScalar(gpus.value)) return { ids: 'all', range: lines.range(gpus.value.range?.[0] ?? 0, gpus.value.range?.[1] ?? 0) };
  return undefined;
}

/** Docker Model Runner's top-level `models:` entry: `model`, `context_size`, `runtime_flags` (llama.cpp flags). */
function modelRunnerDeployment(name: string, map: YAMLMap, lines: LineIndex): Deployment[] {
  const modelPair = pairOf(map, 'model');
  if (!modelPair || !isScalar(modelPair.value)) return [];
  const span = scalarSpan(modelPair.value, lines.text);
  const range = lines.range(span.start, span.end);
  const flagsNode = valueOf(map, 'runtime_flags');
  const cmd: Command | undefined = commandsOfYaml(flagsNode, lines)[0];
  const rc: RuntimeCommand = {
    runtime: 'llama.cpp',
    table: LLAMA_CPP_FLAGS,
    flagsFrom: 0,
    program: 0,
    underscores: false,
    positionalModel: false,
  };
  const fromFlags = cmd ? commandDeployment(cmd, rc, lines) : undefined;
  const settings: Partial<Record<SettingName, Setting>> = { ...(fromFlags?.settings ?? {}) };
  const ctxPair = pairOf(map, 'context_size');
  if (ctxPair && isScalar(ctxPair.value)) {
    const s = scalarSpan(ctxPair.value, lines.text);
    settings.context = { key: 'context_size', value: String(ctxPair.value.value), range: lines.range(s.start, s.end) };
  }
  return [
    {
      runtime: 'llama.cpp',
      label: name,
      model: { value: String(modelPair.value.value), range },
      anchor: range,
      settings,
      env: {},
      notes: [],
      edit(setting, value) {
        if (setting === 'context') {
          if (ctxPair && isScalar(ctxPair.value)) return replaceScalar(ctxPair.value, lines.text, lines, value);
          return addKey(map, lines, 'context_size', value);
        }
        if (fromFlags) return fromFlags.edit(setting, value);
        return [];
      },
    },
  ];
}
