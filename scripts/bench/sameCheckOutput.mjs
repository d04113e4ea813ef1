// Whether two builds of `runlocalai check` answer byte for byte alike: standard output, standard
// error and exit code, in text, JSON and SARIF, on the same files with the same hardware. A speed-up
// of the check command is kept only when this says so.
//   node scripts/bench/sameCheckOutput.mjs BASE/cli.js NEW/cli.js PATH... [@LIST]
// A PATH is a file, a folder or a glob, as `check` takes them; @LIST reads one path a line.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const [base, candidate, ...named] = process.argv.slice(2);
if (!base || !candidate || named.length === 0) {
  console.error('usage: node scripts/bench/sameCheckOutput.mjs BASE/cli.js NEW/cli.js PATH... [@LIST]');
  process.exit(2);
}
const paths = named.flatMap((p) => (p.startsWith('@') ? fs.readFileSync(p.slice(1), 'utf8').split('\n').filter(Boolean) : [p]));

const variants = [
  ['--gpu', 'RTX 4090'],
  ['--gpu', 'RTX 4090', '--format', 'json'],
  ['--gpu', 'RTX 4090', '--format', 'sarif'],
  ['--vram', '8', '--verbose'],
  ['--gpu', 'RTX 3090', '--gpus', '2', '--format', 'json'],
];

const run = (cli, args) => {
  // No code cache: both builds start the same way, and no cache file is written by the comparison.
  const r = spawnSync(process.execPath, [cli, 'check', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, RUNLOCALAI_CODE_CACHE: '0' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

let differ = 0;
for (const flags of variants) {
  const args = [...paths, ...flags];
  const a = run(base, args);
  const b = run(candidate, args);
  const same = a.status === b.status && a.stdout === b.stdout && a.stderr === b.stderr;
  console.log(
    `${same ? 'same' : 'DIFFERENT'}  ${flags.join(' ')}: exit ${a.status}/${b.status}, ${a.stdout.length} characters out, ${a.stderr.length} err`,
  );
  if (!same) {
    differ++;
    for (const stream of ['stdout', 'stderr']) {
      if (a[stream] === b[stream]) continue;
      const la = a[stream].split('\n');
      const lb = b[stream].split('\n');
      const i = la.findIndex((l, k) => l !== lb[k]);
      console.log(`  ${stream} line ${i + 1}:\n    base: ${la[i]}\n    new:  ${lb[i]}`);
    }
  }
}
process.exit(differ ? 1 : 0);
