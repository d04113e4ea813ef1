import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FORMATS } from '../../../server/src/engine/formats/registry';
import { checkParsed } from '../../../server/src/engine/formats/check';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { lowestGrowthRatio } from '../properties/bounds';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4090');

// Pieces of every format, so that random documents reach deep into each reader.
const PIECES = [
  'model: ',
  'max_model_len: ',
  'services:\n  s:\n    image: vllm/vllm-openai\n    command: ',
  'models:\n  m:\n    cmd: ',
  'parameters:\n  model: ',
  'llama-server -m ',
  '-c ',
  '${X}',
  '"',
  "'",
  '\\\n',
  '[*]\n',
  'ctx-size = ',
  'FROM ',
  'PARAMETER num_ctx ',
  '{"model_type": "llama", "num_hidden_layers": ',
  'Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
  '131072',
  '- ',
  '\n  ',
  ': ',
];
const document = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 40 }).map((p) => p.join(''));

describe('every format on any document', () => {
  for (const format of FORMATS) {
    it(`${format.id}: parses and checks without throwing, with ranges inside the document`, () => {
      fc.assert(
        fc.property(document, (text) => {
          const parsed = format.parse(text);
          const result = checkParsed(parsed, { catalog, models, hardware });
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const f of result.findings) assert.ok(f.range.start.line < lines && f.range.end.line < lines, `${f.code} past the end`);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('reads large files in time that grows with their size, not faster', () => {
    const block = 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 8192\n---\n';
    const shell = 'llama-server -m Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 8192 \\\n  -ngl 99\n';
    for (const [format, unit] of [
      ['vllm', block],
      ['command-line', shell],
      ['llamacpp-preset', '[m]\nmodel = x.gguf\nctx-size = 4096\n'],
    ] as const) {
      const f = FORMATS.find((x) => x.id === format)!;
      // Best of three, so that a garbage collection in one run does not decide.
      const time = (n: number) => {
        const text = unit.repeat(n);
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
          const started = process.hrtime.bigint();
          f.parse(text);
          best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
        }
        return best;
      };
      time(500); // warm up
      // 8× the input takes about 8× the time when linear (more with garbage collection on a busy
      // machine); a quadratic reader would take 64×.
      const ratio = lowestGrowthRatio(time, 1000, 8, 32);
      assert.ok(ratio < 32, `${format}: 8× the input took ${ratio.toFixed(1)}× the time`);
    }
  });
});
