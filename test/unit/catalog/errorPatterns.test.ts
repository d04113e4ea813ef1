import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem, loadCatalogFiles } from '../../../server/src/engine/catalog/load';
import type { ErrorEntry } from '../../../server/src/engine/catalog/schema';
import { createErrorMatcher } from '../../../server/src/engine/checks/errorLines';
import { explainLog } from '../../../server/src/engine/logs/explainLog';
import { compilePattern, matchPattern } from '../../../server/src/engine/checks/errorPatterns';
import { readCatalogSources } from '../../../scripts/catalog-files';
import { corpusDir } from '../../helpers/corpus';

// Only the error KB is loaded, so a broken model or GPU file elsewhere cannot hide (or cause)
// a failure here.
function errorEntries(): ErrorEntry[] {
  const sources = readCatalogSources(process.cwd()).filter((f) => f.path.split(path.sep).join('/').startsWith('catalog/errors/'));
  assert.ok(sources.length > 0, 'no files under catalog/errors/');
  const result = loadCatalogFiles(sources);
  if (!result.ok) assert.fail(`error KB is invalid:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.catalog.errors;
}

function matches(entry: ErrorEntry, line: string): boolean {
  const lower = line.toLowerCase();
  return entry.patterns.some((p) => matchPattern(compilePattern(p), lower) !== undefined);
}

/** Real logs from ../shared/corpus/errors and the entry a user hovering them should get. */
const LOG_TO_ENTRY: ReadonlyArray<[string, string]> = [
  ['textgen-943__torch-oom-4gb-webui.log', 'cuda-out-of-memory'],
  ['vllm-783__torch-oom-legacy-form.log', 'cuda-out-of-memory'],
  ['vllm-2140__torch-oom-rtx3090.log', 'cuda-out-of-memory'],
  ['dots.ocr-196__torch-oom-expandable-segments.log', 'cuda-out-of-memory'],
  ['llama.cpp-20431__cudamalloc-model-buffer-144GB.log', 'cudamalloc-failed'],
  ['ollama-9782__runner-terminated-cudamalloc-4gb.log', 'cudamalloc-failed'],
  ['ollama-3237__ggml-cuda-pool-malloc-vmm-gtx1650.log', 'cudamalloc-failed'],
  ['ollama-17089__ggml-cuda-oom-64k-context.log', 'cudamalloc-failed'],
  ['ollama-8447__deepseek-mla-cudamalloc-docker.log', 'cudamalloc-failed'],
  ['llama.cpp-19764__strix-halo-rocm-cudamalloc-98GB.log', 'cudamalloc-failed'],
  ['ollama-4225__64k-ctx-compute-buffer-oom.log', 'cuda-oom-kv-cache-blowup'],
  ['ollama-6860__compute-buffer-small-gpu-multi.log', 'cuda-oom-kv-cache-blowup'],
  ['ik_llama.cpp-749__compute-buffer-280GB-mla.log', 'cuda-oom-kv-cache-blowup'],
  ['ollama-13303__fit-loop-cudamalloc-ministral.log', 'cuda-oom-kv-cache-blowup'],
  ['ollama-6257__metal-insufficient-memory.log', 'metal-out-of-memory'],
  ['product-catalog-generator-10__max-seq-len-colab.log', 'vllm-max-seq-len-exceeds-kv-cache'],
  ['qanything-289__max-seq-len-rtx4090.log', 'vllm-max-seq-len-exceeds-kv-cache'],
  ['vllm-10517__max-seq-len-vs-kv-cache-3090.log', 'vllm-max-seq-len-exceeds-kv-cache'],
  ['tpu-inference-223__v1-kv-cache-needed.log', 'vllm-max-seq-len-exceeds-kv-cache'],
  ['vllm-10439__no-cache-blocks-compose.log', 'vllm-no-cache-blocks'],
  ['vllm-27508__gpt-oss-120b-h100-no-cache-blocks.log', 'vllm-no-cache-blocks'],
  ['qanything-302__no-cache-blocks-3090.log', 'vllm-no-cache-blocks'],
  ['vllm-omni-469__negative-kv-cache-memory-h100.log', 'vllm-no-cache-blocks'],
  ['ollama-10765__offload-zero-layers-3.2GiB.log', 'ollama-running-slowly'],
  ['ollama-9181__partial-offload-4x22GiB-64k-ctx.log', 'ollama-running-slowly'],
  ['ollama-musa-22__insufficient-vram-any-layers-vulkan.log', 'ollama-running-slowly'],
  ['ollama-12071__rocm-amdgpu-not-supported-gfx1103.log', 'rocm-not-detected'],
  ['ollama-for-amd-14__gfx1031-not-supported.log', 'rocm-not-detected'],
  ['ctransformers-139__ggml-cuda-driver-insufficient.log', 'cuda-driver-insufficient'],
  ['faster-whisper-1278__driver-insufficient-535.log', 'cuda-driver-insufficient'],
  ['ollama-7666__ggml-cuda-init-driver-insufficient.log', 'cuda-driver-insufficient'],
  ['llama-cpp-python-839__illegal-instruction.log', 'illegal-instruction-no-avx'],
  ['ollama-644__illegal-instruction-no-avx.log', 'illegal-instruction-no-avx'],
  ['lmstudio-579__unknown-architecture-llama4.log', 'unknown-model-architecture'],
  ['ollama-12984__unknown-architecture-pangu.log', 'unknown-model-architecture'],
  ['ollama-18486__unknown-architecture-mllama.log', 'unknown-model-architecture'],
  ['continue-9668__requires-more-system-memory-qwen3-vl-30b-a3b.log', 'model-requires-more-system-memory'],
  ['ollama-10920__requires-more-system-memory-deepseek-v2.5.log', 'model-requires-more-system-memory'],
  ['ollama-12634__cpu-buffer-alloc-failed.log', 'model-requires-more-system-memory'],
  ['lmstudio-1038__guardrail-nan-memory-rwkv.log', 'lmstudio-insufficient-system-resources'],
  ['lmstudio-1202__guardrail-273GB-estimate.log', 'lmstudio-insufficient-system-resources'],
  ['bitsandbytes-1056__compiled-without-gpu-support.log', 'bitsandbytes-cpu-only'],
  ['bitsandbytes-387__cuda-setup-cc7.0-lib-not-found.log', 'bitsandbytes-cpu-only'],
  // Load logs cut before their error (in the issue titles): the context they set explains them.
  ['ollama-1585__mixtral-32k-ctx-vram-used.log', 'cuda-oom-kv-cache-blowup'],
  ['llama.cpp-6114__metal-command-r-65k-ctx.log', 'metal-out-of-memory'],
];

/**
 * Load logs whose excerpt stops before the error line: no pattern may fire on them (one that did would
 * be too broad); they are explained by the context their figures show (explainLog's long-context rule).
 */
const LOGS_WITHOUT_ERROR_LINE = ['ollama-1585__mixtral-32k-ctx-vram-used.log', 'llama.cpp-6114__metal-command-r-65k-ctx.log'];

function readLog(test: Mocha.Context, name: string): string[] {
  const file = path.join(corpusDir(test), 'errors', name);
  assert.ok(fs.existsSync(file), `corpus log ${name} is missing from ${path.dirname(file)}`);
  return fs.readFileSync(file, 'utf8').split(/\r?\n/);
}

describe('error KB patterns', () => {
  const entries = errorEntries();
  const byId = new Map(entries.map((e) => [e.id, e]));

  it('covers the entries the extension links to by name', () => {
    for (const id of ['cuda-out-of-memory', 'ollama-running-slowly', 'rocm-not-detected']) assert.ok(byId.has(id), `missing ${id}`);
  });

  for (const entry of entries) {
    it(`${entry.id}: its patterns match every line it says is printed`, () => {
      for (const line of entry.printed) assert.ok(matches(entry, line), `no pattern of ${entry.id} matches ${JSON.stringify(line)}`);
    });
  }

  it('a printed line is claimed by another entry only when the two are related', () => {
    for (const owner of entries) {
      for (const line of owner.printed) {
        for (const other of entries) {
          if (other === owner || !matches(other, line)) continue;
          const linked = owner.related.includes(other.id) || other.related.includes(owner.id);
          assert.ok(linked, `${other.id} also matches ${owner.id}'s line ${JSON.stringify(line)} but they are unrelated`);
        }
      }
    }
  });

  it('explains every corpus error log by an entry', function () {
    const listed = new Set(LOG_TO_ENTRY.map(([log]) => log));
    const logs = fs.readdirSync(path.join(corpusDir(this), 'errors')).filter((f) => f.endsWith('.log'));
    assert.ok(logs.length >= 40, `corpus has ${logs.length} logs`);
    const matcher = createErrorMatcher(entries);
    for (const log of logs) {
      assert.ok(listed.has(log), `${log} is in the corpus but not in the table of explained logs`);
      assert.ok(explainLog(readLog(this, log), matcher, entries).entries.length > 0, `${log} is explained by no entry`);
    }
    for (const [, id] of LOG_TO_ENTRY) assert.ok(byId.has(id), `table names unknown entry ${id}`);
  });

  it('each pattern matches one of its own sample lines, and each sample is explained by its entry or a related one', () => {
    const matcher = createErrorMatcher(entries);
    for (const entry of entries) {
      for (const p of entry.patterns) {
        assert.ok(
          entry.samples.some((s) => matchPattern(compilePattern(p), s.line.toLowerCase())),
          `${entry.id}: pattern ${JSON.stringify(p)} matches none of its samples`,
        );
      }
      for (const s of entry.samples) {
        const hit = matcher.match(s.line, 0)?.entry;
        assert.ok(hit, `${entry.id}: sample matched by no entry: ${s.line}`);
        assert.ok(hit === entry || entry.related.includes(hit.id) || hit.related.includes(entry.id), `${entry.id}: sample claimed by ${hit.id}`);
      }
    }
  });

  it('has at least 40 entries, each with a sample from a source and a version', () => {
    assert.ok(entries.length >= 40, `${entries.length} entries`);
    for (const e of entries) for (const s of e.samples) assert.ok(s.version.length > 0 && /^https:\/\//.test(s.source), e.id);
  });

  for (const [log, id] of LOG_TO_ENTRY) {
    it(`${log} is explained as ${id}`, function () {
      const entry = byId.get(id);
      assert.ok(entry, `unknown entry ${id}`);
      const explained = explainLog(readLog(this, log), createErrorMatcher(entries), entries).entries.map((e) => e.entry.id);
      assert.ok(explained.includes(id), `${log} explained as [${explained.join(', ')}], not ${id}: ${entry.patterns.join(' | ')}`);
    });
  }

  for (const log of LOGS_WITHOUT_ERROR_LINE) {
    it(`${log} has no line a pattern matches`, function () {
      for (const line of readLog(this, log)) {
        const hit = entries.find((e) => matches(e, line));
        assert.equal(hit, undefined, `${hit?.id} matches ${JSON.stringify(line)}`);
      }
    });
  }
});
