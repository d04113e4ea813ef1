import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatTokens } from '../../../server/src/engine/render/format';

const intl = new Intl.NumberFormat('en-US');

describe('formatTokens', () => {
  it('writes every integer as en-US Intl.NumberFormat does', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => assert.equal(formatTokens(n), intl.format(n))));
    for (const n of [0, -0, 7, 999, 1000, -1000, 131072, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER])
      assert.equal(formatTokens(n), intl.format(n), String(n));
  });

  it('writes fractions and huge numbers as en-US Intl.NumberFormat does', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (n) => assert.equal(formatTokens(n), intl.format(n))));
  });

  // An Intl.NumberFormat maps ICU's number data into the language server (several MiB of RSS, the
  // bench's memory budget): integers are neither formatted by one nor need one built.
  it('uses no Intl.NumberFormat for integers', () => {
    const original = Intl.NumberFormat;
    const format = Object.getOwnPropertyDescriptor(original.prototype, 'format')!;
    let used = 0;
    Intl.NumberFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.NumberFormat>) {
        used++;
        return new target(...args);
      },
    });
    Object.defineProperty(original.prototype, 'format', {
      ...format,
      get(this: Intl.NumberFormat) {
        used++;
        return format.get!.call(this);
      },
    });
    try {
      for (const n of [0, 512, 8192, 131072, -42]) formatTokens(n);
    } finally {
      Intl.NumberFormat = original;
      Object.defineProperty(original.prototype, 'format', format);
    }
    assert.equal(used, 0);
  });
});
