// Writes the README's "Performance" figures from `npm run bench` JSON files, so that no figure is
// typed by hand: the last run's budgets table, its comparison with yaml-language-server, and the
// ratio of every budget in each run given.
//   node out/scripts/bench/readme.js run1.json run2.json run3.json   (the last one is tabled in full)
import * as fs from 'node:fs';
import * as path from 'node:path';

interface BudgetRow {
  what: string;
  unit: string;
  measured: number | null;
  floor?: number | null;
  ratio?: number | null;
  budget: number;
  pass: boolean;
  note?: string;
}

export interface BenchJson {
  date: string;
  rounds: number;
  machine: { cpus: number; model?: string; node: string; load: number[]; leftOutOfEnv?: string[] };
  catalog: { terms: number; models: number; gpus: number };
  hovers: { asked: number; empty: number };
  budgets: BudgetRow[];
  comparison: { what: string; runlocalai: number | null; yamlLanguageServer: number | null; echo: number | null }[];
}

const BEGIN = '<!-- bench:begin (written by scripts/bench/readme.ts) -->';
const END = '<!-- bench:end -->';

const num = (n: number | null | undefined, unit = '') =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : `${n.toFixed(n < 10 ? 2 : 1)}${unit}`;
const bound = (r: BudgetRow) => (r.floor !== undefined ? `≤ ${r.budget}×` : `≤ ${r.budget} ${r.unit}`);

/** The Markdown between the README's bench markers. */
export function renderPerformance(runs: BenchJson[]): string {
  const last = runs[runs.length - 1];
  const loads = runs.map((r) => r.machine.load[0].toFixed(1)).join(', ');
  const leftOut = [...new Set(runs.flatMap((r) => r.machine.leftOutOfEnv ?? []))];
  const out: string[] = [
    `Last run: ${last.date.slice(0, 16).replace('T', ' ')} UTC, ${last.rounds} interleaved rounds, ${last.machine.cpus} shared cores (${last.machine.model ?? 'unknown CPU'}), Node ${last.machine.node.replace(/^v/, '')}, load average ${loads} (1 min, at the end of each run: the ratios are only as steady as the machine was). Catalog scaled to ${last.catalog.terms} terms, ${last.catalog.models} models, ${last.catalog.gpus} GPUs; hovers on jargon answered ${last.hovers.asked - last.hovers.empty}/${last.hovers.asked}.${leftOut.length ? ` Measured processes ran without ${leftOut.map((v) => `\`${v}\``).join(', ')}, which this machine sets (see below).` : ''}`,
    '',
    '| budget | measured | floor | ratio | bound | pass |',
    '|---|---:|---:|---:|---:|---|',
    ...last.budgets.map(
      (r) =>
        `| ${r.what} | ${num(r.measured, ' ' + r.unit)} | ${num(r.floor, ' ' + r.unit)} | ${num(r.ratio, '×')} | ${bound(r)} | ${r.pass ? 'yes' : 'NO'}${r.note ? ` (${r.note})` : ''} |`,
    ),
  ];
  if (last.comparison.length) {
    out.push(
      '',
      'Same run, beside the YAML language server on the same 5,000-line YAML (`--compare`):',
      '',
      '| same run, ms unless said | RunLocalAI | yaml-language-server | echo floor |',
      '|---|---:|---:|---:|',
      ...last.comparison.map((c) => `| ${c.what} | ${num(c.runlocalai)} | ${num(c.yamlLanguageServer)} | ${num(c.echo)} |`),
    );
  }
  if (runs.length > 1) {
    out.push(
      '',
      `${runs.length} consecutive runs, each budget's ratio (or measured value where there is no floor):`,
      '',
      `| budget | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | bound |`,
      `|---|${runs.map(() => '---:').join('|')}|---:|`,
      ...last.budgets.map((row) => {
        const cells = runs.map((run) => {
          const r = run.budgets.find((b) => b.what === row.what);
          if (!r) return '—';
          const value = r.floor !== undefined ? num(r.ratio, '×') : num(r.measured, ' ' + r.unit);
          return r.pass ? value : `**${value}**`;
        });
        return `| ${row.what} | ${cells.join(' | ')} | ${bound(row)} |`;
      }),
      '',
      'Bold: over its bound in that run.',
    );
  }
  return out.join('\n');
}

/** Replaces what lies between the markers; the markers must already be in the README. */
export function replaceBetweenMarkers(readme: string, body: string): string {
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${BEGIN} … ${END} section`);
  return `${readme.slice(0, from + BEGIN.length)}\n\n${body}\n\n${readme.slice(to)}`;
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node out/scripts/bench/readme.js bench.json [more runs…]');
    process.exit(2);
  }
  const runs = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as BenchJson);
  const readmePath = path.resolve(__dirname, '..', '..', '..', 'README.md');
  fs.writeFileSync(readmePath, replaceBetweenMarkers(fs.readFileSync(readmePath, 'utf8'), renderPerformance(runs)));
  console.log(`README.md: Performance figures from ${files.join(', ')}`);
}
