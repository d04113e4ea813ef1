import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { calibrationDir, readTsv } from '../../fixtures/calibration/load';
import { resolvedShare } from '../../fixtures/calibration/resolvedShare';
import { hardwareCatalog } from '../catalog/ownCatalog';

/** A resolver that knows two models and one quantization. */
const names = {
  resolve: (ref: string) => (['Model-A', 'Model-B'].includes(ref) ? ({ model: { id: ref } } as never) : undefined),
  quantization: (label: string) => (label === 'Q4_K_M' ? ({ id: label } as never) : undefined),
};

describe('resolved share of a calibration table', () => {
  it('counts a row when its model resolves and it names no quantization', () => {
    assert.deepEqual(resolvedShare([{ config: 'Model-A' }, { config: 'Model-C' }], names), {
      resolved: 1,
      total: 2,
      share: 0.5,
      unresolved: ['Model-C'],
    });
  });

  it('needs the quantization a row names to resolve as well, and names what is missing once', () => {
    const rows = [
      { config: 'Model-A', quant: 'Q4_K_M' },
      { config: 'Model-A', quant: 'Q5_K_L' },
      { config: 'Model-B', quant: 'Q5_K_L' },
      { config: 'Model-A', quant: 'Q5_K_L' },
      { config: 'Model-C', quant: 'Q4_K_M' },
    ];
    const r = resolvedShare(rows, names);
    assert.equal(r.resolved, 1);
    assert.equal(r.share, 0.2);
    assert.deepEqual(r.unresolved, ['Model-A Q5_K_L', 'Model-B Q5_K_L', 'Model-C']);
  });

  it('gives 0, not NaN, for an empty table', () => {
    assert.deepEqual(resolvedShare([], names), { resolved: 0, total: 0, share: 0, unresolved: [] });
  });

  it('every model the calibration tables were measured on resolves to a catalog model', () => {
    const resolver = createModelResolver(hardwareCatalog());
    const tables = ['gguf-file-sizes.tsv', 'kv-cache-logs.tsv', 'compute-buffer-logs.tsv', 'fit-outcomes.tsv'];
    const rows = tables.flatMap((t) => readTsv(path.join(calibrationDir(process.cwd()), t)).map((r) => ({ config: r.config })));
    assert.ok(rows.length >= 100, `only ${rows.length} rows`);
    assert.deepEqual(resolvedShare(rows, resolver).unresolved, []);
  });
});
