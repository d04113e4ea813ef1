import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstLongLine } from '../../../server/src/cli/commands/check';

describe('the first line too long for a config', () => {
  it('is the first line, counted from 1, longer than the limit; none when there is none', () => {
    const text = fc
      .array(fc.oneof(fc.constant('\n'), fc.constant('\r\n'), fc.string({ maxLength: 12 })), { maxLength: 30 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 15 }), (t, max) => {
        const index = t.split('\n').findIndex((line) => line.length > max);
        assert.equal(firstLongLine(t, max), index === -1 ? undefined : index + 1);
      }),
    );
    assert.equal(firstLongLine('ab\nabcdef\n', 5), 2);
    assert.equal(firstLongLine('', 0), undefined);
  });
});
