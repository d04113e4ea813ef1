import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseRuntimeLine, type LogFact } from '../../../server/src/engine/logs/runtimeLines';
import { buildRuntimeReport, figureLineAt, hasFigures } from '../../../server/src/engine/logs/runtimeReport';
import { compareWithEstimate, quantIdOf } from '../../../server/src/engine/logs/compareEstimate';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { comparisonMarkdown, comparisonText } from '../../../server/src/engine/render/runtimeComparison';
import { GiB, MiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import { corpusDir } from '../../helpers/corpus';

const memory = (facts: LogFact[]) =>
  facts.filter((f) => f.kind === 'memory').map((f) => f.kind === 'memory' && [f.part, f.device, f.bytes]);

function corpusLines(test: Mocha.Context, name: string): string[] {
  return fs.readFileSync(path.join(corpusDir(test), 'errors', name), 'utf8').split(/\r?\n/);
}

describe("runtime's own memory figures in logs", () => {
  it("reads llama.cpp's memory breakdown table, device rows and the host row", () => {
    // Rows as llama-server prints them (ggml-org/llama.cpp discussion #9784 quoted in a public note).
    const gpu = parseRuntimeLine(
      'llama_memory_breakdown_print: |   - CUDA0 (RTX 5090)   | 32606 = 1057 + (29365 = 28609 +     397 +     358) +        2183 |',
    );
    assert.deepEqual(memory(gpu), [
      ['weights', 'CUDA0', 28609 * MiB],
      ['kvCache', 'CUDA0', 397 * MiB],
      ['compute', 'CUDA0', 358 * MiB],
    ]);
    assert.ok(gpu.some((f) => f.kind === 'deviceTotal' && f.bytes === 32606 * MiB));
    const host = parseRuntimeLine(
      'llama_memory_breakdown_print: |   - Host               |                 30956 = 30940 +       0 +      16                |',
    );
    assert.deepEqual(memory(host), [
      ['weights', 'Host', 30940 * MiB],
      ['kvCache', 'Host', 0],
      ['compute', 'Host', 16 * MiB],
    ]);
    // The header row names the columns and holds no figures.
    assert.deepEqual(
      parseRuntimeLine(
        'common_memory_breakdown_print: | memory breakdown [MiB] | total   free     self   model   context   compute    unaccounted |',
      ),
      [],
    );
  });

  it('reads per-buffer lines, old and new, and the offload count', () => {
    assert.deepEqual(memory(parseRuntimeLine('llama_kv_cache_init:      CUDA0 KV buffer size =   379.23 MiB')), [
      ['kvCache', 'CUDA0', 379.23 * MiB],
    ]);
    assert.deepEqual(memory(parseRuntimeLine('llm_load_tensors:      Metal buffer size = 13166.91 MiB')), [
      ['weights', 'Metal', 13166.91 * MiB],
    ]);
    assert.deepEqual(memory(parseRuntimeLine('load_tensors:   CPU_Mapped model buffer size = 14526.27 MiB')), [
      ['weights', 'CPU_Mapped', 14526.27 * MiB],
    ]);
    assert.deepEqual(memory(parseRuntimeLine('llama_context:      CUDA0 compute buffer size =  1480.00 MiB')), [
      ['compute', 'CUDA0', 1480 * MiB],
    ]);
    assert.deepEqual(
      parseRuntimeLine('load_tensors: offloaded 0/29 layers to GPU').filter((f) => f.kind === 'layers'),
      [{ kind: 'layers', offloaded: 0, total: 29 }],
    );
    // An output buffer is not one of the three parts.
    assert.deepEqual(memory(parseRuntimeLine('llama_new_context_with_model:  CUDA_Host  output buffer size =     0.50 MiB')), []);
  });

  it("reads Ollama's lines: before 0.30 its estimate (wrapped over several lines), 0.5 to 0.29 what it allocated", function () {
    const report = buildRuntimeReport(corpusLines(this, 'ollama-9181__partial-offload-4x22GiB-64k-ctx.log'));
    assert.equal(report.source, 'ollama-estimate');
    assert.equal(report.parts.weights, 87.3 * GiB);
    assert.equal(report.parts.kvCache, 19.5 * GiB);
    assert.equal(report.parts.compute, 8.2 * GiB);
    const alloc = parseRuntimeLine(
      'time=2025-03-12T12:11:39.337Z level=INFO source=ggml.go:289 msg="model weights" buffer=CUDA0 size="16.2 GiB"',
    );
    assert.deepEqual(memory(alloc), [['weights', 'CUDA0', 16.2 * GiB]]);
  });

  it('takes each part from the most complete source that has it (a 2023 llama.cpp log prints totals)', function () {
    const report = buildRuntimeReport(corpusLines(this, 'ollama-1585__mixtral-32k-ctx-vram-used.log'));
    assert.equal(report.parts.weights, 17217.06 * MiB);
    assert.equal(report.parts.kvCache, 4096 * MiB);
    assert.equal(report.parts.compute, 2167.35 * MiB);
    assert.equal(report.kvType, 'f16');
    assert.equal(report.ctx, 32768);
    // Per-device KV lines win over the total of the same log.
    const both = buildRuntimeReport(corpusLines(this, 'ollama-4225__64k-ctx-compute-buffer-oom.log'));
    assert.equal(both.parts.kvCache, 8192 * MiB);
  });

  it("reads vLLM's profiling figures and the lengths it says fit", function () {
    const report = buildRuntimeReport(corpusLines(this, 'vllm-10517__max-seq-len-vs-kv-cache-3090.log'));
    assert.equal(report.runtime, 'vllm');
    assert.equal(report.parts.weights, 14.9888 * GiB);
    assert.ok(Math.abs((report.parts.compute ?? 0) - (17.98 - 14.9888) * GiB) < 1);
    assert.equal(report.kvAvailableBytes, 2.89 * GiB);
    assert.equal(report.maxModelLen.fits, 23648);
    assert.equal(report.maxModelLen.asked, 29000);
    const v1 = buildRuntimeReport(corpusLines(this, 'tpu-inference-223__v1-kv-cache-needed.log'));
    assert.equal(v1.maxModelLen.estimated, 5632);
    assert.equal(v1.maxModelLen.asked, 131072);
    const negative = buildRuntimeReport(corpusLines(this, 'vllm-omni-469__negative-kv-cache-memory-h100.log'));
    assert.equal(negative.kvAvailableBytes, -2.77 * GiB);
  });

  it('sums devices from the most complete set of figures, the last table winning', () => {
    const report = buildRuntimeReport([
      'llama_kv_cache:      CUDA0 KV buffer size =  1000.00 MiB',
      'common_memory_breakdown_print: |   - CUDA0 (RTX 4070 SUPER) | 12281 = 11005 + (17579 = 16383 +     702 +     493) +      -16302 |',
      'common_memory_breakdown_print: |   - CUDA0 (RTX 4070 SUPER) | 12281 = 11005 + (9879 =  8680 +     702 +     497) +       -8603 |',
      'common_memory_breakdown_print: |   - Host                   |                  8258 =  8218 +       0 +     40                |',
    ]);
    assert.equal(report.source, 'breakdown');
    assert.equal(report.parts.weights, (8680 + 8218) * MiB);
    assert.equal(report.parts.kvCache, 702 * MiB);
    assert.equal(report.parts.compute, (497 + 40) * MiB);
    assert.deepEqual(report.devices, [{ name: 'CUDA0', totalBytes: 12281 * MiB }]);
    assert.equal(figureLineAt(report, 2)?.line, 2);
    assert.equal(figureLineAt(report, 5), undefined);
  });

  it('maps the file types runtimes print to catalog quantizations', () => {
    assert.equal(quantIdOf('Q4_K - Medium'), 'Q4_K_M');
    assert.equal(quantIdOf('Q5_K - Small'), 'Q5_K_S');
    assert.equal(quantIdOf('Q6_K'), 'Q6_K');
    assert.equal(quantIdOf('IQ4_XS - 4.25 bpw'), 'IQ4_XS');
    assert.equal(quantIdOf('bfloat16'), 'SAFETENSORS_BF16');
    assert.equal(quantIdOf('MXFP4 MoE'), 'MXFP4');
    assert.equal(quantIdOf('something new'), undefined);
  });

  it('puts our estimate beside the figures, part by part, when the log names a catalog model', () => {
    const catalog = testCatalog();
    // Lines in llama-server's format; the figures are chosen for the test, not measured.
    const report = buildRuntimeReport([
      'print_info: file type   = Q4_K - Medium',
      'llama_model_loader: - kv   2:                               general.name str              = Meta Llama 3.1 8B Instruct',
      'llama_context: n_ctx         = 8192',
      'load_tensors: offloaded 33/33 layers to GPU',
      'load_tensors:        CUDA0 model buffer size =  4403.49 MiB',
      'llama_kv_cache:      CUDA0 KV buffer size =  1024.00 MiB',
      'llama_context:      CUDA0 compute buffer size =   560.00 MiB',
    ]);
    const c = compareWithEstimate(report, catalog, createModelResolver(catalog), { devices: [], source: 'setting' });
    assert.ok(c.ok, c.ok ? '' : c.reason);
    assert.equal(c.modelName, 'Llama 3.1 8B');
    assert.equal(c.quant, 'Q4_K_M');
    assert.equal(c.ctx, 8192);
    const kv = c.rows.find((r) => r.part === 'kvCache')!;
    assert.equal(kv.runtimeBytes, 1024 * MiB);
    // Llama 3.1 8B at f16: 32 layers × 8 KV heads × 128 × 2 (K and V) × 2 bytes = 128 KiB per token.
    assert.equal(kv.oursBytes, 8192 * 128 * 1024);
    assert.equal(kv.diffBytes, 0);
    const w = c.rows.find((r) => r.part === 'weights')!;
    assert.equal(w.diffBytes, w.oursBytes - 4403.49 * MiB);
    assert.match(comparisonMarkdown(c), /\| KV cache \| 1\.0 GiB \| 1\.0 GiB \| \+0 MiB \(\+0%\) \|/);
    assert.match(comparisonText(c).join('\n'), /weights +llama\.cpp: 4\.3 GiB/);
  });

  it("reads the model, dtype, length and version from vLLM's engine line and compares for that model", () => {
    const catalog = testCatalog();
    // The V0 engine line as printed in unslothai/unsloth#2887 (vLLM 0.8.5.post1), shortened after max_seq_len.
    const line =
      "vLLM STDOUT: INFO 07-05 14:58:21 [llm_engine.py:240] Initializing a V0 LLM engine (v0.8.5.post1) with config: model='unsloth/Llama-3.2-3B-Instruct', speculative_config=None, tokenizer='unsloth/Llama-3.2-3B-Instruct', skip_tokenizer_init=False, tokenizer_mode=auto, revision=None, override_neuron_config=None, tokenizer_revision=None, trust_remote_code=False, dtype=torch.bfloat16, max_seq_len=2048, download_dir=None";
    const report = buildRuntimeReport([line, 'Loading model weights took 5.9847 GB']);
    assert.equal(report.model, 'unsloth/Llama-3.2-3B-Instruct');
    assert.equal(report.version, 'v0.8.5.post1');
    assert.equal(report.fileType, 'bfloat16');
    assert.equal(report.maxModelLen.asked, 2048);
    const c = compareWithEstimate(report, catalog, createModelResolver(catalog), { devices: [], source: 'setting' });
    assert.ok(c.ok, c.ok ? '' : c.reason);
    assert.equal(c.modelName, 'Llama 3.2 3B');
    assert.equal(c.quant, 'SAFETENSORS_BF16');
    assert.equal(c.runtime, 'vllm');
    assert.match(comparisonText(c)[0], /^vllm v0\.8\.5\.post1 figures beside our estimate for Llama 3\.2 3B/);
  });

  it('reads the version llama.cpp and Ollama print', () => {
    assert.equal(
      buildRuntimeReport(['main: build = 1330 (48edda3)', 'build: 3923 (becfd387) with MSVC 19.29.30154.0 for x64']).version,
      'b3923',
    );
    assert.equal(buildRuntimeReport(['time=... level=INFO msg="Listening on 127.0.0.1:11434 (version 0.11.6)"']).version, '0.11.6');
  });

  it('says why there is no estimate when the log does not name the model', function () {
    const catalog = testCatalog();
    const report = buildRuntimeReport(corpusLines(this, 'vllm-10517__max-seq-len-vs-kv-cache-3090.log'));
    const c = compareWithEstimate(report, catalog, createModelResolver(catalog), { devices: [], source: 'setting' });
    assert.equal(c.ok, false);
    assert.match(comparisonText(c)[0], /vllm reported weights 15\.0 GiB.*does not say which model/);
  });

  it('never throws and stays bounded on arbitrary lines (property)', () => {
    const pieces = fc.constantFrom(
      'memory_breakdown_print: |',
      ' - CUDA0 (x) | ',
      ' model buffer size = ',
      ' KV buffer size =',
      'offloaded ',
      '/',
      ' layers to GPU',
      'msg="model weights" device=',
      'size="',
      'memory.weights.total=',
      'Available KV cache memory:',
      'estimated maximum model length is ',
      "model='",
      '12345',
      '-7.5',
      ' GiB',
      '=',
      '(',
      '+',
      ' ',
      ',',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(pieces, { maxLength: 30 }).map((a) => a.join('')),
          { maxLength: 20 },
        ),
        (lines) => {
          const report = buildRuntimeReport(lines);
          assert.ok(report.figureLines.length <= lines.length);
          for (const line of lines) assert.ok(parseRuntimeLine(line).length <= 16);
          hasFigures(report);
        },
      ),
      { numRuns: 300 },
    );
  });
});
