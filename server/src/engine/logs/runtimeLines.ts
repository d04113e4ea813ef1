import { bytesAt, numberAt, numbersIn, valueAfter } from './scan';

/** Which runtime printed a figure; Ollama since 0.30 runs llama-server, so its lines are llama.cpp's. */
export type LogRuntime = 'llama.cpp' | 'ollama' | 'vllm';

export type MemoryPart = 'weights' | 'kvCache' | 'compute';

/**
 * Where a set of figures comes from; a log often has several (llama.cpp prints each buffer and then a
 * table of the same numbers), and a report uses the most complete one.
 */
export type FigureSource = 'breakdown' | 'buffers' | 'totals' | 'ollama-alloc' | 'ollama-estimate' | 'vllm';

/** One fact a runtime printed about a load. */
export type LogFact =
  | { kind: 'memory'; runtime: LogRuntime; source: FigureSource; part: MemoryPart; device: string; bytes: number }
  | { kind: 'deviceTotal'; device: string; bytes: number }
  | { kind: 'kvAvailable'; bytes: number }
  /** vLLM V0's peak_torch_memory: weights plus the activation peak of the profiling run. */
  | { kind: 'torchPeak'; bytes: number }
  | { kind: 'kvTokens'; tokens: number }
  | { kind: 'maxModelLen'; tokens: number; said: 'estimated' | 'fits' | 'asked' }
  | { kind: 'context'; tokens: number }
  | { kind: 'model'; text: string }
  | { kind: 'fileType'; text: string }
  | { kind: 'kvType'; text: string }
  | { kind: 'layers'; offloaded: number; total: number }
  | { kind: 'runtime'; runtime: LogRuntime }
  /** The GPU backend a line names: Metal logs get Metal's entries, not CUDA's. */
  | { kind: 'backend'; backend: 'metal' }
  /** The runtime's version as the log states it ("b3923", "0.11.6", "v0.8.5.post1"). */
  | { kind: 'version'; runtime: LogRuntime; text: string };

export interface FactLine {
  line: number;
  /** Character span of the figures, for a hover range. */
  start: number;
  end: number;
  facts: LogFact[];
}

// Lines this long are data dumps, not load lines.
const MAX_LINE = 4000;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Facts one log line states about memory, context and model, or none. Linear in the line. */
export function parseRuntimeLine(raw: string): LogFact[] {
  const s = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
  return [...llamaFacts(s), ...ollamaFacts(s), ...vllmFacts(s)];
}

function llamaFacts(s: string): LogFact[] {
  const out: LogFact[] = [];
  const table = s.indexOf('memory_breakdown_print:');
  if (table >= 0) {
    const row = breakdownRow(s.slice(table));
    if (row) out.push(...row);
    return out;
  }
  for (const [marker, part] of [
    [' model buffer size =', 'weights'],
    [' KV buffer size =', 'kvCache'],
    [' compute buffer size =', 'compute'],
    // Before load_tensors, weights were "llm_load_tensors:      CUDA0 buffer size = 4155.99 MiB".
    [' buffer size =', 'weights'],
  ] as const) {
    const at = s.indexOf(marker);
    if (at < 0) continue;
    if (marker === ' buffer size =') {
      if (!s.includes('llm_load_tensors:') || out.length > 0) continue;
    }
    const device = lastWord(s, at);
    const size = bytesAt(s, at + marker.length, 'mib');
    if (device && size) out.push({ kind: 'memory', runtime: 'llama.cpp', source: 'buffers', part, device, bytes: size.value });
  }
  // "build: 3923 (becfd387) with MSVC ..." (llama-cli, llama-server) and "version: 8064 (unknown)".
  for (const marker of ['build: ', 'version: ']) {
    if (!s.startsWith(marker) && !s.includes(`main: ${marker}`)) continue;
    const n = numberAt(s, s.indexOf(marker) + marker.length);
    if (n) out.push({ kind: 'version', runtime: 'llama.cpp', text: `b${n.value}` });
  }
  // Totals older builds printed once per load: "KV self size  = 4096.00 MiB, K (f16): ...",
  // "compute buffer total size = 2167.35 MiB", "total VRAM used: 22197.10 MiB (model: 17217.06 MiB, ...".
  for (const [marker, part] of [
    ['KV self size  =', 'kvCache'],
    ['KV self size =', 'kvCache'],
    ['compute buffer total size =', 'compute'],
    ['(model: ', 'weights'],
  ] as const) {
    const at = s.indexOf(marker);
    const size = at >= 0 ? bytesAt(s, at + marker.length, 'mib') : undefined;
    if (size && (marker !== '(model: ' || s.includes('total VRAM used'))) {
      out.push({ kind: 'memory', runtime: 'llama.cpp', source: 'totals', part, device: 'all', bytes: size.value });
      break;
    }
  }
  // ggml-metal: "allocated buffer, size = 13166.92 MiB, (13166.98 / 49152.00)": the last figure is the
  // device's recommended working set, all Metal may keep resident.
  if (s.includes('ggml_backend_metal_buffer') || s.includes('ggml_metal_init')) out.push({ kind: 'backend', backend: 'metal' });
  const allocated = s.indexOf('allocated buffer, size =');
  const slash = allocated >= 0 && s.includes('metal') ? s.indexOf(' / ', allocated) : -1;
  if (slash > 0) {
    const limit = numberAt(s, slash + 3);
    if (limit && s[limit.end] === ')') out.push({ kind: 'deviceTotal', device: 'Metal', bytes: limit.value * MiB });
  }
  const offloaded = s.indexOf('offloaded ');
  if (offloaded >= 0 && s.indexOf(' layers to GPU', offloaded) > 0) {
    const n = numberAt(s, offloaded + 'offloaded '.length);
    if (n && s[n.end] === '/') {
      const total = numberAt(s, n.end + 1);
      if (total) out.push({ kind: 'layers', offloaded: n.value, total: total.value });
    }
  }
  const nctx = keyEquals(s, 'n_ctx');
  if (
    nctx !== undefined &&
    (s.includes('llama_context') || s.includes('llama_new_context_with_model') || s.includes('llama_init_from_model'))
  )
    out.push({ kind: 'context', tokens: nctx });
  const name = s.indexOf('general.name');
  if (name >= 0) {
    const eq = s.indexOf('= ', name);
    if (eq > 0) out.push({ kind: 'model', text: s.slice(eq + 2).trim() });
  }
  const loaded = s.indexOf('llama_model_loader: loaded meta data');
  if (loaded >= 0) {
    const from = s.indexOf(' from ', loaded);
    const version = s.indexOf(' (version', from);
    if (from > 0 && version > from) out.push({ kind: 'model', text: s.slice(from + 6, version).trim() });
  }
  for (const key of ['file type', 'model ftype']) {
    const at = s.indexOf(key);
    if (at >= 0 && (s.includes('print_info') || s.includes('llm_load_print_meta'))) {
      const eq = s.indexOf('= ', at);
      if (eq > 0) out.push({ kind: 'fileType', text: s.slice(eq + 2).trim() });
    }
  }
  const k = s.indexOf(', K (');
  if (k >= 0 && (s.includes('llama_kv_cache') || s.includes('KV self size'))) {
    const close = s.indexOf(')', k + 5);
    if (close > 0) out.push({ kind: 'kvType', text: s.slice(k + 5, close) });
  }
  // Any of these says llama.cpp printed the line (Ollama's own lines, when present, name Ollama instead).
  if (out.length > 0) out.push({ kind: 'runtime', runtime: 'llama.cpp' });
  return out;
}

/** `| - CUDA0 (RTX 5090) | 32606 = 1057 + (29365 = 28609 + 397 + 358) + 2183 |` and the Host row. */
function breakdownRow(s: string): LogFact[] | undefined {
  const cells = s.split('|');
  if (cells.length < 3) return undefined;
  const label = cells[1].trim();
  if (!label.startsWith('- ')) return undefined;
  const paren = label.indexOf(' (');
  const device = (paren > 0 ? label.slice(2, paren) : label.slice(2)).trim();
  const nums = numbersIn(cells[2], 8);
  let model: number, context: number, compute: number;
  if (nums.length >= 7) {
    [, , , model, context, compute] = nums;
  } else if (nums.length === 4) {
    [, model, context, compute] = nums;
  } else return undefined;
  const facts: LogFact[] = [
    { kind: 'memory', runtime: 'llama.cpp', source: 'breakdown', part: 'weights', device, bytes: model * MiB },
    { kind: 'memory', runtime: 'llama.cpp', source: 'breakdown', part: 'kvCache', device, bytes: context * MiB },
    { kind: 'memory', runtime: 'llama.cpp', source: 'breakdown', part: 'compute', device, bytes: compute * MiB },
  ];
  if (nums.length >= 7) facts.push({ kind: 'deviceTotal', device, bytes: nums[0] * MiB });
  return facts;
}

function ollamaFacts(s: string): LogFact[] {
  const out: LogFact[] = [];
  // 0.5 to 0.29 (Ollama's own engine): msg="model weights" device=CUDA0 size="16.2 GiB".
  for (const [msg, part] of [
    ['msg="model weights"', 'weights'],
    ['msg="kv cache"', 'kvCache'],
    ['msg="compute graph"', 'compute'],
  ] as const) {
    if (!s.includes(msg)) continue;
    const device = valueAfter(s, 'device=')?.value ?? valueAfter(s, 'buffer=')?.value ?? 'unknown';
    const size = valueAfter(s, 'size=');
    const bytes = size ? bytesAt(size.value, 0) : undefined;
    if (bytes) out.push({ kind: 'memory', runtime: 'ollama', source: 'ollama-alloc', part, device, bytes: bytes.value });
  }
  // Before 0.30, the up-front estimate: msg=offload ... memory.weights.total="60.6 GiB" memory.required.kv="2.2 GiB"
  // (journald and issue reports often wrap it, so each key is read wherever it lands).
  if (s.includes('memory.')) {
    for (const [key, part] of [
      ['memory.weights.total=', 'weights'],
      ['memory.required.kv=', 'kvCache'],
      ['memory.graph.full=', 'compute'],
    ] as const) {
      const v = valueAfter(s, key);
      const bytes = v ? bytesAt(v.value, 0) : undefined;
      if (bytes) out.push({ kind: 'memory', runtime: 'ollama', source: 'ollama-estimate', part, device: 'all', bytes: bytes.value });
    }
    const offload = valueAfter(s, 'layers.offload=');
    const model = valueAfter(s, 'layers.model=');
    if (offload && model && Number.isFinite(Number(offload.value)) && Number.isFinite(Number(model.value)))
      out.push({ kind: 'layers', offloaded: Number(offload.value), total: Number(model.value) });
  }
  // msg="Listening on 127.0.0.1:11434 (version 0.11.6)"
  const listening = s.indexOf('Listening on ');
  const ver = listening >= 0 ? s.indexOf('(version ', listening) : -1;
  if (ver > 0) {
    const close = s.indexOf(')', ver);
    if (close > ver) out.push({ kind: 'version', runtime: 'ollama', text: s.slice(ver + '(version '.length, close) });
  }
  const ctx = s.indexOf('--ctx-size ');
  if (ctx >= 0) {
    const n = numberAt(s, ctx + '--ctx-size '.length);
    if (n) out.push({ kind: 'context', tokens: n.value });
  }
  if (out.length > 0 || s.includes('source=server.go') || s.includes('source=sched.go')) out.push({ kind: 'runtime', runtime: 'ollama' });
  return out;
}

function vllmFacts(s: string): LogFact[] {
  const out: LogFact[] = [];
  // "Loading model weights took 14.9888 GB" (V0, where GB is GiB) and "Model loading took 14.99 GiB" (V1).
  for (const marker of ['Loading model weights took ', 'Model loading took ']) {
    const at = s.indexOf(marker);
    if (at < 0) continue;
    const n = numberAt(s, at + marker.length);
    if (n) out.push({ kind: 'memory', runtime: 'vllm', source: 'vllm', part: 'weights', device: 'all', bytes: n.value * GiB });
  }
  const profiling = s.indexOf('Memory profiling results:');
  if (profiling >= 0) {
    const kv = valueAfter(s, 'kv_cache_size=', profiling);
    const kvBytes = kv ? bytesAt(kv.value, 0) : undefined;
    if (kvBytes) out.push({ kind: 'kvAvailable', bytes: kvBytes.value });
    const peak = valueAfter(s, 'peak_torch_memory=', profiling);
    const peakBytes = peak ? bytesAt(peak.value, 0) : undefined;
    if (peakBytes) out.push({ kind: 'torchPeak', bytes: peakBytes.value });
    const total = valueAfter(s, 'total_gpu_memory=', profiling);
    const totalBytes = total ? bytesAt(total.value, 0) : undefined;
    if (totalBytes) out.push({ kind: 'deviceTotal', device: 'GPU', bytes: totalBytes.value });
  }
  // Later V0 wording: "model weights take 14.99GiB; ... PyTorch activation peak memory takes 1.23GiB".
  for (const [marker, part] of [
    ['model weights take ', 'weights'],
    ['activation peak memory takes ', 'compute'],
  ] as const) {
    const at = s.indexOf(marker);
    const b = at >= 0 ? bytesAt(s, at + marker.length) : undefined;
    if (b) out.push({ kind: 'memory', runtime: 'vllm', source: 'vllm', part, device: 'all', bytes: b.value });
  }
  const reserved = s.indexOf('reserved for KV Cache is ');
  if (reserved >= 0) {
    const b = bytesAt(s, reserved + 'reserved for KV Cache is '.length);
    if (b) out.push({ kind: 'kvAvailable', bytes: b.value });
  }
  const avail = s.indexOf('Available KV cache memory:');
  if (avail >= 0) {
    const b = bytesAt(s, avail + 'Available KV cache memory:'.length);
    if (b) out.push({ kind: 'kvAvailable', bytes: b.value });
  }
  const gpuKv = s.indexOf('GPU KV cache size:');
  if (gpuKv >= 0) {
    const n = numberAt(s, gpuKv + 'GPU KV cache size:'.length);
    if (n && s.indexOf('tokens', n.end) >= 0) out.push({ kind: 'kvTokens', tokens: n.value });
  }
  const estimated = s.indexOf('estimated maximum model length is ');
  if (estimated >= 0) {
    const n = numberAt(s, estimated + 'estimated maximum model length is '.length);
    if (n) out.push({ kind: 'maxModelLen', tokens: n.value, said: 'estimated' });
  }
  const stored = s.indexOf('can be stored in KV cache (');
  if (stored >= 0) {
    const n = numberAt(s, stored + 'can be stored in KV cache ('.length);
    if (n) out.push({ kind: 'maxModelLen', tokens: n.value, said: 'fits' });
  }
  for (const marker of ['max seq len (', "models's max seq len (", 'max_seq_len=', 'max_model_len=', "'max_model_len': "]) {
    const at = s.indexOf(marker);
    if (at < 0) continue;
    const n = numberAt(s, at + marker.length);
    if (n) {
      out.push({ kind: 'maxModelLen', tokens: n.value, said: 'asked' });
      break;
    }
  }
  // "Initializing a V0 LLM engine (v0.8.5.post1) with config: model='...'", "args: Namespace(... model='...'"
  // and V1's "non-default args: {'model': '...'}".
  const configLine = s.includes('Initializing') || s.includes('engine') || s.includes('Namespace(') || s.includes('non-default args');
  if (configLine) {
    const quoted = s.indexOf("model='");
    const m = (quoted >= 0 ? valueAfter(s, 'model=', quoted) : undefined) ?? valueAfter(s, "'model': ");
    if (m) out.push({ kind: 'model', text: m.value });
    const engine = s.indexOf('engine (v');
    if (engine >= 0) {
      const close = s.indexOf(')', engine);
      if (close > engine) out.push({ kind: 'version', runtime: 'vllm', text: s.slice(engine + 'engine ('.length, close) });
    }
  }
  const dtype = valueAfter(s, 'dtype=torch.');
  if (dtype && configLine) out.push({ kind: 'fileType', text: dtype.value });
  const quant = valueAfter(s, 'quantization=');
  if (quant && quant.value !== 'None' && configLine) out.push({ kind: 'fileType', text: quant.value });
  if (out.length > 0) out.push({ kind: 'runtime', runtime: 'vllm' });
  return out;
}

/** The word ending just before `at` ("CUDA0" in "load_tensors:        CUDA0 model buffer size"). */
function lastWord(s: string, at: number): string | undefined {
  let end = at;
  while (end > 0 && s[end - 1] === ' ') end--;
  let start = end;
  while (start > 0 && s[start - 1] !== ' ' && s[start - 1] !== ':') start--;
  return end > start ? s.slice(start, end) : undefined;
}

/** The integer after `key` followed by spaces and "=" ("n_ctx      = 32768"), requiring the key to end there. */
function keyEquals(s: string, key: string): number | undefined {
  let from = 0;
  for (;;) {
    const at = s.indexOf(key, from);
    if (at < 0) return undefined;
    let j = at + key.length;
    while (j < s.length && s[j] === ' ') j++;
    const before = at === 0 ? ' ' : s[at - 1];
    if (s[j] === '=' && (before === ' ' || before === ':')) return numberAt(s, j + 1)?.value;
    from = at + key.length;
  }
}
