import * as assert from 'node:assert/strict';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

/** Milliseconds one call takes (best of three, so a busy machine does not decide). */
function timed(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('Modelfile parsing of hostile lines (issue 11, item 1)', () => {
  // Before the fix these took 5 s (50k) to 46 s (200k): the backtracking was quadratic.
  const shapes: [string, (n: number) => string][] = [
    ['PARAMETER value followed by a run of tabs', (n) => `FROM llama3.1:8b\nPARAMETER num_ctx 8${'\t'.repeat(n)}x\n`],
    ['FROM followed by a run of spaces', (n) => `FROM llama3.1:8b${' '.repeat(n)}x\n`],
    ['FROM with spaces before a comment', (n) => `FROM llama3.1:8b${' '.repeat(n)}# note ${' '.repeat(n)}\n`],
    ['PARAMETER name followed by whitespace only', (n) => `FROM x\nPARAMETER num_ctx${' \t'.repeat(n)}\n`],
  ];
  for (const [name, make] of shapes) {
    it(`parses a 200,000-character ${name} in linear time`, () => {
      const small = timed(() => parseModelfile(make(20_000)));
      const large = timed(() => parseModelfile(make(200_000)));
      // Linear: ten times the input, about ten times the time; quadratic would be a hundred (and seconds).
      assert.ok(large < 50 * Math.max(small, 2), `20k: ${small.toFixed(1)} ms, 200k: ${large.toFixed(1)} ms`);
      assert.ok(large < 500, `200k took ${large.toFixed(0)} ms`);
    });
  }

  it('still reads the value and the comment-free FROM of such lines', () => {
    const mf = parseModelfile(`FROM llama3.1:8b   # the base\nPARAMETER num_ctx   4096${'\t'.repeat(1000)}\n`);
    assert.equal(mf.from?.model?.value, 'llama3.1:8b');
    assert.deepEqual(mf.from?.model?.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } });
    assert.equal(mf.parameters[0].value.value, '4096');
    assert.deepEqual(mf.parameters[0].value.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 24 } });
  });

  it('never quotes a line it does not recognise, and quotes values only in short, printable excerpts', () => {
    const token = 'npm_SECRETTOKEN0123456789abcdef';
    const mf = parseModelfile(`//registry.npmjs.org/:_authToken=${token}\nregistry=https://x\nFROM llama3.1:8b\n`);
    assert.equal(mf.problems.length, 2);
    for (const p of mf.problems) assert.ok(!p.message.includes(token) && !p.message.includes('registry'), p.message);

    const service = createLanguageService({ catalog: testCatalog() });
    const hw = gpuHardware(testCatalog(), 'RTX 4090');
    const huge = `FROM ${'a'.repeat(1_000_000)}\nPARAMETER num_ctx 8\u001b[2J${'x'.repeat(100_000)}\n`;
    const findings = service.doValidation(doc(huge, 'modelfile'), hw);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(f.message.length < 400, `a ${f.message.length}-character message`);
      assert.ok(!f.message.includes('\u001b'), 'a terminal escape reached a message');
    }
  });
});
