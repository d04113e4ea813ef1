import * as assert from 'node:assert/strict';
import { renderPerformance, replaceBetweenMarkers, type BenchJson } from '../../../scripts/bench/readme';

const run = (hoverRatio: number, load: number): BenchJson => ({
  date: '2026-12-01T15:45:00.000Z',
  rounds: 3,
  machine: { cpus: 2, model: 'AMD EPYC', node: 'v20.20.2', load: [load, 1, 1] },
  catalog: { terms: 600, models: 200, gpus: 150 },
  hovers: { asked: 900, empty: 0 },
  budgets: [
    {
      what: 'hover p99, 1 MB Markdown',
      unit: 'ms',
      measured: hoverRatio * 2,
      floor: 2,
      ratio: hoverRatio,
      budget: 1.5,
      pass: hoverRatio <= 1.5,
    },
    { what: 'VSIX size', unit: 'MiB', measured: null, budget: 2, pass: false, note: 'run with --package' },
  ],
  comparison: [{ what: 'RSS (MiB)', runlocalai: 70, yamlLanguageServer: 140, echo: 47 }],
});

describe('bench figures for the README', () => {
  it('tables the last run in full and every run’s ratio, bold where a run was over its bound', () => {
    const md = renderPerformance([run(1.2, 3), run(1.7, 4), run(1.4, 5)]);
    assert.ok(md.includes('| hover p99, 1 MB Markdown | 2.80 ms | 2.00 ms | 1.40× | ≤ 1.5× | yes |'), md);
    assert.ok(md.includes('| VSIX size | — | — | — | ≤ 2 MiB | NO (run with --package) |'), md);
    assert.ok(md.includes('| hover p99, 1 MB Markdown | 1.20× | **1.70×** | 1.40× | ≤ 1.5× |'), md);
    assert.ok(md.includes('| RSS (MiB) | 70.0 | 140.0 | 47.0 |'), md);
    assert.ok(md.includes('load average 3.0, 4.0, 5.0'), md);
    assert.ok(!md.includes('ran without'), md);
  });

  it('says which variables the measured processes ran without', () => {
    const quiet = { ...run(1.2, 3), machine: { ...run(1.2, 3).machine, leftOutOfEnv: ['NODE_EXTRA_CA_CERTS'] } };
    assert.ok(renderPerformance([run(1.2, 3), quiet]).includes('Measured processes ran without `NODE_EXTRA_CA_CERTS`'));
  });

  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = 'intro\n<!-- bench:begin (written by scripts/bench/readme.ts) -->\nold table\n<!-- bench:end -->\nafter\n';
    const next = replaceBetweenMarkers(readme, 'new table');
    assert.equal(next, 'intro\n<!-- bench:begin (written by scripts/bench/readme.ts) -->\n\nnew table\n\n<!-- bench:end -->\nafter\n');
    assert.equal(replaceBetweenMarkers(next, 'new table'), next, 'writing the same figures twice changes nothing');
    assert.throws(() => replaceBetweenMarkers('no markers here', 'x'), /no <!-- bench:begin/);
  });
});
