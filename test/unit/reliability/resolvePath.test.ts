import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { resolvePath } from '../../../server/src/io/resolvePath';

describe('resolvePath', () => {
  it('answers as path.resolve for any path of plain, dotted and empty names, from any resolved base', () => {
    const name = fc.constantFrom('a', 'Modelfile', 'b.yaml', '.', '..', '', '...', '.x', 'x.', 'a b', '\\');
    const base = fc.constantFrom('/', '/repo', '/repo/deploy', path.resolve());
    fc.assert(
      fc.property(base, fc.boolean(), fc.array(name, { minLength: 1, maxLength: 6 }), (from, absolute, names) => {
        const p = `${absolute ? '/' : ''}${names.join('/')}`;
        assert.equal(resolvePath(from, p), path.resolve(from, p), JSON.stringify({ from, p }));
      }),
      { numRuns: 2000 },
    );
  });
});
