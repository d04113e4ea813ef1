import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createErrorMatcher } from '../../../server/src/engine/checks/errorLines';
import { checkLog } from '../../../server/src/engine/checks/logCheck';
import { explainLog, LONG_CONTEXT_TOKENS, longContextLine } from '../../../server/src/engine/logs/explainLog';
import { parseRuntimeLine } from '../../../server/src/engine/logs/runtimeLines';
import { buildRuntimeReport } from '../../../server/src/engine/logs/runtimeReport';
import { MiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';

const catalog = testCatalog();
const explain = (lines: string[]) => explainLog(lines, createErrorMatcher(catalog.errors), catalog.errors).entries.map((e) => e.entry.id);

describe('explainLog: what the figures of a log say', () => {
  it('points a CUDA load at a long context to the long-context entry, on the n_ctx line', () => {
    const lines = [
      'llama_new_context_with_model: n_ctx      = 32768',
      'llama_new_context_with_model: KV self size  = 4096.00 MiB, K (f16): 2048.00 MiB, V (f16): 2048.00 MiB',
    ];
    const long = longContextLine(buildRuntimeReport(lines));
    assert.equal(long?.line, 0);
    assert.equal(long?.entryId, 'cuda-oom-kv-cache-blowup');
    assert.match(long!.text, /32,768 tokens \(KV cache 4096 MiB\)/);
    assert.deepEqual(explain(lines), ['cuda-oom-kv-cache-blowup']);
  });

  it('points a Metal load to the Metal entry, and reads the working set Metal reports', () => {
    const alloc = 'ggml_backend_metal_buffer_from_ptr: allocated buffer, size = 13166.92 MiB, (13166.98 / 49152.00)';
    assert.ok(parseRuntimeLine(alloc).some((f) => f.kind === 'deviceTotal' && f.device === 'Metal' && f.bytes === 49152 * MiB));
    const report = buildRuntimeReport([alloc, 'llama_new_context_with_model: n_ctx      = 65536']);
    assert.equal(report.backend, 'metal');
    assert.deepEqual(report.devices, [{ name: 'Metal', totalBytes: 49152 * MiB }]);
    assert.equal(longContextLine(report)?.entryId, 'metal-out-of-memory');
  });

  it('says nothing of a context below the threshold', () => {
    assert.deepEqual(explain(['llama_new_context_with_model: n_ctx      = 8192']), []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 22 }), (ctx) => {
        const got = longContextLine(buildRuntimeReport([`llama_context: n_ctx         = ${ctx}`]));
        return ctx >= LONG_CONTEXT_TOKENS ? got?.line === 0 : got === undefined;
      }),
    );
  });

  it('adds the long-context entry beside a cudaMalloc failure, once, in line order', () => {
    const lines = [
      'llama_new_context_with_model: n_ctx      = 65536',
      'ggml_backend_cuda_buffer_type_alloc_buffer: allocating 4507.00 MiB on device 0: cudaMalloc failed: out of memory',
    ];
    assert.deepEqual(explain(lines), ['cuda-oom-kv-cache-blowup', 'cudamalloc-failed']);
    // A line of the long-context entry itself explains the log already: no second copy from the figures.
    const withLine = [...lines, 'llama_new_context_with_model: failed to allocate compute buffers'];
    assert.deepEqual(explain(withLine), ['cudamalloc-failed', 'cuda-oom-kv-cache-blowup']);
  });

  it('the editor marks the same long-context line with a hint that opens the entry', () => {
    const lines = ['llama_new_context_with_model: n_ctx      = 32768', 'llama_new_context_with_model: KV self size  = 4096.00 MiB'];
    const findings = checkLog(lines, createErrorMatcher(catalog.errors), { report: buildRuntimeReport(lines), errors: catalog.errors });
    assert.deepEqual(
      findings.map((f) => [f.range.start.line, f.severity, f.kbId]),
      [[0, 'hint', 'cuda-oom-kv-cache-blowup']],
    );
    assert.match(findings[0].message, /^A context of 32,768 tokens \(KV cache 4096 MiB\)/);
    const short = ['llama_context: n_ctx         = 4096'];
    assert.deepEqual(
      checkLog(short, createErrorMatcher(catalog.errors), { report: buildRuntimeReport(short), errors: catalog.errors }),
      [],
    );
  });
});
