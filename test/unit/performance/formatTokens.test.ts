import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatTokens } from '../../../server/src/engine/render/format';

// Token counts are grouped by hand on the check's path; the text must stay what en-US formatting gives.
describe('formatTokens', () => {
  const intl = new Intl.NumberFormat('en-US');
  it('writes any whole count as en-US number formatting does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1e6, max: 1e6 })), (n) => {
        assert.equal(formatTokens(n), intl.format(n));
      }),
      { numRuns: 2000 },
    );
    for (const n of [0, -0, 7, 999, 1000, 32768, 131072, 1_000_000, Number.MAX_SAFE_INTEGER, -4096])
      assert.equal(formatTokens(n), intl.format(n));
  });

  it('leaves fractions and non-finite numbers to the formatter', () => {
    for (const n of [1.5, 2048.25, NaN, Infinity, 2 ** 60]) assert.equal(formatTokens(n), intl.format(n));
  });
});
