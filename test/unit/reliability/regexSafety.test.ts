import * as assert from 'node:assert/strict';
import { analyse } from 'scslre';
import { testCatalog } from '../../helpers/catalog';

// Source code is held to the same rule by ESLint (regexp/no-super-linear-backtracking and
// no-super-linear-move in eslint.config.mjs); the error KB's patterns are data, so they are checked here.
describe('regular expressions that run over document text', () => {
  it('error KB patterns have no super-linear backtracking or moves (they run on every log line)', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const entry of testCatalog().errors) {
      for (const source of entry.patterns) {
        checked++;
        const { reports } = analyse({ source, flags: 'i' }, { assumeRejectingSuffix: true });
        if (reports.length) offenders.push(`${entry.id}: /${source}/ (${reports.map((r) => r.type).join(', ')})`);
      }
    }
    assert.ok(checked > 10, `only ${checked} patterns`);
    assert.deepEqual(offenders, []);
  });

  it('the analysis finds the shape that froze the server (so the check above can fail)', () => {
    assert.notEqual(analyse({ source: '^(\\S+)(\\s*)(.*?)\\s*$', flags: '' }).reports.length, 0);
    assert.notEqual(analyse({ source: '\\d+%/\\d+% CPU/GPU', flags: 'i' }, { assumeRejectingSuffix: true }).reports.length, 0);
  });
});
