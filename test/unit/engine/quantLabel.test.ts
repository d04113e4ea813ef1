import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkModelfile } from '../../../server/src/engine/checks/modelfileCheck';
import { unknownQuantLabel } from '../../../server/src/engine/checks/quantLabel';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4090');
const check = (from: string) => checkModelfile(parseModelfile(`FROM ${from}\n`), { catalog, models, hardware });

describe('quantization labels in model references', () => {
  it('an unknown label is an information that names the known labels', () => {
    const findings = check('llama3.1:8b-instruct-q9_k_m');
    const info = findings.find((f) => f.code === 'unknown-quantization');
    assert.ok(info, JSON.stringify(findings));
    assert.equal(info.severity, 'information');
    assert.match(info.message, /"q9_k_m" is not a quantization label/);
    for (const known of ['Q4_K_M', 'IQ2_XXS', 'IQ4_NL', 'TQ1_0', 'Q5_1']) assert.match(info.message, new RegExp(`\\b${known}\\b`));
  });

  it('labels the catalog knows, in any case, raise nothing', () => {
    for (const tag of [
      'llama3.1:8b-instruct-q4_K_M',
      'llama3.1:8b-instruct-iq2_xxs',
      'llama3.1:8b-instruct-Q3_K_L',
      'llama3.1:8b',
      'llama3.1:8b-instruct-q4_1',
    ])
      assert.equal(
        check(tag).find((f) => f.code === 'unknown-quantization'),
        undefined,
        tag,
      );
  });

  it('never throws and reports at most a short label, whatever the reference (10,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .array(fc.constantFrom('q', 'iq', 'tq', '4', '_', 'k', 'm', '-', ':', ' ', 'x'.repeat(40)), { maxLength: 40 })
            .map((a) => a.join('')),
        ),
        (ref) => {
          const label = unknownQuantLabel(ref, models);
          if (label !== undefined) assert.ok(label.length <= 16 && ref.includes(label));
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
