import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { countParameters } from '../../../server/src/engine/estimate/tensors';
import {
  calibrationDir,
  computeRows,
  fitRows,
  kvRows,
  modelFromConfig,
  percentile,
  readTsv,
  weightsRows,
} from '../../fixtures/calibration/load';

const root = process.cwd();

describe('estimator against the calibration set', () => {
  it('counts parameters exactly as the published checkpoints', () => {
    const rows = readTsv(path.join(calibrationDir(root), 'official-params.tsv'));
    assert.ok(rows.length >= 5);
    for (const r of rows) assert.equal(countParameters(modelFromConfig(root, r.config).architecture), Number(r.params), r.config);
  });

  it('estimates GGUF file sizes within the bounds `npm run accuracy` reports (median 0.2%, p95 0.5%, every row 1%)', () => {
    const rows = weightsRows(root);
    assert.ok(rows.length >= 40);
    const errors = rows.map((r) => r.error);
    assert.ok(percentile(errors, 50) <= 0.002, `median ${percentile(errors, 50)}`);
    assert.ok(percentile(errors, 95) <= 0.005, `p95 ${percentile(errors, 95)}`);
    for (const r of rows) assert.ok(r.error <= 0.01, `${r.label}: ${(r.error * 100).toFixed(2)}%`);
  });

  it('reproduces the KV cache sizes runtimes printed, to the rounding of the log', () => {
    for (const r of kvRows(root))
      assert.ok(Math.abs(r.estimated - r.expected) / r.expected <= r.rounding, `${r.label}: ${r.estimated} vs ${r.expected}`);
  });

  it('keeps the compute-buffer closed form within 3% of the buffers llama.cpp logged', () => {
    const rows = computeRows(root);
    assert.ok(rows.length >= 4);
    for (const r of rows) assert.ok(r.error <= 0.03, `${r.label}: ${(r.error * 100).toFixed(2)}%`);
  });

  it('agrees with at least 95% of the reported fit / offload / out-of-memory outcomes, as `npm run accuracy` shows', () => {
    const rows = fitRows(root);
    assert.ok(rows.length >= 40, `only ${rows.length} reported outcomes`);
    const disagreeing = rows.filter((r) => !r.agrees);
    const share = (rows.length - disagreeing.length) / rows.length;
    assert.ok(
      share >= 0.95,
      `${(share * 100).toFixed(1)}% agreement over ${rows.length} reports; disagreements:\n` +
        disagreeing.map((r) => `  ${r.label}: reported ${r.expected}, estimated ${r.verdict}`).join('\n'),
    );
  });

  it('covers every kind of outcome: all on the GPU, partial offload, out of memory', () => {
    const kinds = new Set(fitRows(root).map((r) => r.expected));
    for (const k of ['gpu', 'partial', 'oom']) assert.ok(kinds.has(k), k);
  });
});
