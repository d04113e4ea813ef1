import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkModelfile } from '../../../server/src/engine/checks/modelfileCheck';
import { assumedRecipeNote, unknownQuantLabel } from '../../../server/src/engine/checks/quantLabel';
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

  it('bartowski _L/_XL labels in file names and hf.co tags resolve to their own catalog entries', () => {
    for (const [ref, id] of [
      ['Qwen3-30B-A3B-Q5_K_L.gguf', 'Q5_K_L'],
      ['hf.co/bartowski/Qwen_Qwen3-30B-A3B-GGUF:Q4_K_L', 'Q4_K_L'],
      ['Qwen_Qwen3-32B-Q3_K_XL.gguf', 'Q3_K_XL'],
      ['hf.co/bartowski/Qwen_Qwen3-32B-GGUF:q6_k_l', 'Q6_K_L'],
    ]) {
      assert.equal(models.resolve(ref)?.quant?.id, id, ref);
      assert.equal(unknownQuantLabel(ref, models), undefined, ref);
    }
  });

  it("unsloth's UD- labels resolve to the UD entry, and the check names the standard recipe it assumes", () => {
    assert.equal(models.resolve('hf.co/unsloth/Qwen3-30B-A3B-GGUF:UD-Q3_K_XL')?.quant?.id, 'UD-Q3_K_XL');
    assert.equal(models.resolve('Qwen3-30B-A3B-UD-Q4_K_XL.gguf')?.quant?.id, 'UD-Q4_K_XL');
    assert.equal(assumedRecipeNote(catalog.quantizations.find((q) => q.id === 'Q4_K_L')!), undefined);
    const findings = check('hf.co/unsloth/Llama-3.1-8B-Instruct-GGUF:UD-Q4_K_XL');
    const info = findings.find((f) => f.code === 'unknown-quantization');
    assert.ok(info, JSON.stringify(findings));
    assert.equal(info.severity, 'information');
    assert.match(info.message, /UD-Q4_K_XL .*standard Q4_K_M recipe/);
  });
});
