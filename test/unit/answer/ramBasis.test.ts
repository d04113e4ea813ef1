import * as assert from 'node:assert/strict';
import { answerWillItRun } from '../../../server/src/engine/answer/answerWillItRun';
import { resolveHardware } from '../../../server/src/engine/hardware';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { GiB } from '../../../server/src/engine/types';
import { cli } from '../../helpers/cli';
import { testCatalog } from '../../helpers/catalog';

const catalog = testCatalog();
const models = createModelResolver(catalog);
// A machine with 64 GiB of RAM of which 6 GiB happen to be free while a browser runs.
const busy: Hardware = { devices: [], source: 'detected', ramBytes: 64 * GiB, freeRamBytes: 6 * GiB };

function verdict(ramBasis: 'total' | 'available' | undefined) {
  const hardware = resolveHardware({ gpu: 'RTX 4070', gpuCount: 1, vramGB: null, ramBasis }, catalog, busy);
  const r = answerWillItRun({ model: 'llama3.1:70b', quant: 'Q4_K_M', ctx: 8192 }, { catalog, models, hardware });
  assert.ok(r.ok);
  return r.answer.estimate;
}

describe('one RAM figure: runlocalai.ramBasis', () => {
  it('counts total RAM by default, so the verdict does not flip with what else is running', () => {
    const e = verdict(undefined);
    assert.equal(e.ramBasis, 'total');
    assert.equal(e.verdict, 'partial-offload', 'a 70B Q4_K_M model runs from 64 GiB of RAM beside a 12 GB card');
    assert.ok(e.ramLimitBytes! > 60 * GiB);
  });

  it('counts what was free when asked to', () => {
    const e = verdict('available');
    assert.equal(e.ramBasis, 'available');
    assert.equal(e.verdict, 'wont-fit');
    assert.ok(e.ramLimitBytes! <= 6 * GiB);
  });

  it('the CLI takes the same choice as --ram-basis, and refuses other values', async () => {
    assert.equal((await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--ram-basis', 'free'])).code, 2);
    const r = await cli(['estimate', 'llama3.1:8b', '--gpu', 'RTX 4090', '--ram-basis', 'available', '--json']);
    assert.notEqual(r.code, 2, r.err);
  });
});
