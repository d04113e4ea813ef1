import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePattern, matchPattern, patternProblem } from '../../../server/src/engine/checks/errorPatterns';
import { createErrorMatcher, MAX_LINE } from '../../../server/src/engine/checks/errorLines';
import { testCatalog } from '../../helpers/catalog';

/** The same question asked with a regular expression, as the reference (small inputs only). */
function reference(pattern: string, line: string): boolean {
  const escaped = pattern
    .split('*')
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(escaped, 'i').test(line);
}

describe('KB error patterns', () => {
  it('match literal text case-insensitively, with * for any run of characters', () => {
    const p = compilePattern('unable to allocate CUDA*buffer');
    assert.ok(matchPattern(p, 'llama_model_load: error loading model: unable to allocate cuda0 buffer'));
    assert.equal(matchPattern(p, 'unable to allocate cpu memory'), undefined);
    // Fragments must appear in order: "buffer" before the prefix does not count.
    assert.equal(matchPattern(p, 'buffer ... unable to allocate cuda'), undefined);
  });

  it('report where the match starts and ends', () => {
    const m = matchPattern(compilePattern('offloaded 0/'), 'load_tensors: offloaded 0/29 layers to GPU');
    assert.deepEqual(m && [m.index, m.end], [14, 26]);
  });

  it('reject patterns that would match almost anything', () => {
    assert.match(patternProblem('*CUDA out of memory') ?? '', /leading and trailing/);
    assert.match(patternProblem('CUDA**memory') ?? '', /empty part/);
    assert.match(patternProblem('ab*cd') ?? '', /literal characters/);
    assert.equal(patternProblem('cudaMalloc failed: out of memory'), undefined);
  });

  it('agree with a regular-expression reference on random lines and patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', 'A', ' ', ':');
    const text = fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(''));
    const fragment = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 3 }), text, (fragments, line) => {
        const pattern = fragments.join('*');
        assert.equal(matchPattern(compilePattern(pattern), line.toLowerCase()) !== undefined, reference(pattern, line));
      }),
      { numRuns: 500 },
    );
  });

  it('stay linear on adversarial lines: a long log of near-misses is matched against every KB pattern quickly', () => {
    const matcher = createErrorMatcher(testCatalog().errors);
    // Every line starts like many patterns and never completes one; a backtracking regex with
    // ".*" gaps would retry each start position.
    const line = 'cuda out of memory occurred when warming '.repeat(200).slice(0, MAX_LINE * 2);
    const lines = Array.from({ length: 500 }, () => line);
    const start = Date.now();
    let hits = 0;
    lines.forEach((l, i) => (hits += matcher.match(l, i) ? 1 : 0));
    assert.equal(hits, 0);
    // 500 lines × 4000 characters × 73 patterns: a linear matcher takes well under a second here.
    assert.ok(Date.now() - start < 5000, `took ${Date.now() - start} ms`);
  });
});
