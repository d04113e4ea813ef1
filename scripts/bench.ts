// `npm run bench`: the language server over stdio against an echo server (scripts/bench/echoServer.ts)
// measured in interleaved rounds in the same run, on seeded inputs, with the catalog scaled to the
// size it will grow to. Machines here are shared and noisy: absolute times mean little, ratios to
// the floor measured beside them travel. Prints each budget as measured / floor / ratio / budget /
// pass and writes test-artifacts/bench.json.
//   --check     exit 1 when a budget fails
//   --compare   also run yaml-language-server on the same YAML and print its figures beside ours
//   --rounds N  interleaved rounds (default 3)
//   --profile DIR  run our server under node --cpu-prof, profiles written to DIR
//   --out FILE  write the JSON there (scripts/bench/readme.ts turns runs into the README's figures)
//   --package   run `npm run package` first: the VSIX is measured, and its production bundles are the ones run
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { llamaSwapDocument, markdownDocument, modelfileDocument, pythonDocument, yamlDocument, type BenchDocument } from './bench/inputs';
import { LspProcess, type ServerCommand } from './bench/lspProcess';
import { scaleCatalog } from './bench/scaledCatalog';
import { buildShippedExtension, measureActivation } from './bench/activation';
import { leftOutHere, LEFT_OUT, measuredEnv } from './bench/measuredEnv';
import { SERVER_NODE_FLAGS } from '../server/src/protocol/nodeFlags';
import { glossaryFileFor, loadCatalogFile } from '../server/src/catalogFile';

const root = path.resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);
const rounds = Number(argv[argv.indexOf('--rounds') + 1]) || 3;
const compare = argv.includes('--compare');
const profileDir = argv.includes('--profile') ? path.resolve(argv[argv.indexOf('--profile') + 1]) : undefined;
const HOVERS_PER_DOCUMENT = 100;
const EDITS_PER_ROUND = 20;
const STARTS_PER_ROUND = 5;
// Ten per round (thirty a run): with five, the one slow open per server and round (its first
// question, answered cold) was a fifth of the samples the median was taken over.
const OPENS_PER_ROUND = 10;

const bundledFile = path.join(root, 'dist', 'catalog.json');
// The compiled catalog with its glossary, which the build writes beside it (glossary.json).
const bundled = loadCatalogFile(bundledFile);
const scaled = scaleCatalog(bundled, { terms: 600, models: 200, gpus: 150 });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-bench-'));
const scaledFile = path.join(tmp, 'catalog.json');
fs.writeFileSync(scaledFile, JSON.stringify(scaled));

const markdown = markdownDocument(bundled, 1024 * 1024);
const yaml = yamlDocument(bundled, 5000);
const python = pythonDocument(bundled, 3000);
const config200 = modelfileDocument(200, 'edit/Modelfile');
const llamaSwap = llamaSwapDocument(bundled, 20);
const hoverDocuments = [markdown, yaml, python];

const settings = { gpu: 'RTX 4090', gpuCount: 1, vramGB: null, ramGB: null };
const echo: ServerCommand = { name: 'echo', args: [path.join(root, 'out', 'scripts', 'bench', 'echoServer.js')] };
// Not a floor of any budget: vscode-languageserver doing nothing, started as ours is (see its file).
const libraryFloor: ServerCommand = {
  name: 'library floor',
  args: [...SERVER_NODE_FLAGS, path.join(root, 'out', 'scripts', 'bench', 'libraryFloorServer.js'), '--stdio'],
};
// Started as the VS Code client starts it: with the same node flags.
const ours: ServerCommand = {
  name: 'runlocalai',
  args: [
    ...SERVER_NODE_FLAGS,
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    path.join(root, 'dist', 'server.js'),
    '--stdio',
  ],
  env: { RUNLOCALAI_CATALOG: scaledFile },
  settings: { runlocalai: settings },
};
const yls: ServerCommand = {
  name: 'yaml-language-server',
  args: [path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
  settings: { yaml: { validate: true, hover: true, completion: true } },
};

/** Evenly spaced jargon positions: the same ones for every server. */
function hoverPositions(doc: BenchDocument) {
  const step = Math.max(1, Math.floor(doc.jargon.length / HOVERS_PER_DOCUMENT));
  return doc.jargon.filter((_, i) => i % step === 0).slice(0, HOVERS_PER_DOCUMENT);
}

type Samples = Record<string, number[]>;
const samples: Record<string, Samples> = { echo: {}, runlocalai: {}, 'yaml-language-server': {}, 'library floor': {} };
const record = (server: string, what: string, value: number | undefined) => {
  if (value === undefined) return;
  (samples[server][what] ??= []).push(value);
};
let emptyHovers = 0;
let hoversAsked = 0;

/** One round: both servers running at once, every request sent to each in turn. */
async function round(index: number): Promise<void> {
  const order = index % 2 === 0 ? [echo, ours] : [ours, echo];
  // The library floor takes part in starts and first diagnostics only: the figures it explains.
  const withLibrary = index % 2 === 0 ? [echo, libraryFloor, ours] : [ours, libraryFloor, echo];
  for (let i = 0; i < STARTS_PER_ROUND; i++) {
    for (const command of withLibrary) {
      const { server, startMs } = await LspProcess.start(command);
      record(command.name, 'start', startMs);
      await server.stop();
    }
  }
  const servers = [];
  for (const command of order) servers.push({ command, ...(await LspProcess.start(command)) });
  const library = await LspProcess.start(libraryFloor);
  for (const doc of hoverDocuments) {
    for (const s of servers) record(s.command.name, `open ${doc.languageId}`, await s.server.open(doc));
    for (const position of hoverPositions(doc)) {
      for (const s of servers) {
        const { ms, empty } = await s.server.hover(doc.uri, position);
        record(s.command.name, `hover ${doc.languageId}`, ms);
        if (s.command === ours) {
          hoversAsked++;
          if (empty) emptyHovers++;
        }
      }
    }
    if (doc === markdown) for (const s of servers) record(s.command.name, 'rss', s.server.rssBytes());
  }
  for (let i = 0; i < OPENS_PER_ROUND; i++) {
    const doc = modelfileDocument(12, `first-${index}-${i}/Modelfile`, 10 + i);
    // Each server takes each place in turn: the one measured right after ours shares the machine
    // with what ours does once its diagnostics are out (preparing the file's hovers).
    const all = [...servers, { command: libraryFloor, server: library.server }];
    for (let k = 0; k < all.length; k++) {
      const s = all[(i + k) % all.length];
      record(s.command.name, 'first diagnostics', await s.server.open(doc));
    }
  }
  await library.server.stop();
  for (const s of servers) await s.server.open(config200);
  const numCtx = config200.text.split('\n')[1];
  for (let i = 0; i < EDITS_PER_ROUND; i++) {
    const text = `PARAMETER num_ctx ${i % 2 === 0 ? 16384 : 32768}`;
    for (const s of servers) record(s.command.name, 'edit', await s.server.edit(config200.uri, 1, i === 0 ? numCtx.length : 23, text));
  }
  for (const s of servers) await s.server.open(llamaSwap);
  // Line 7 is the first model's `-c`: an edit that changes what that model needs.
  const ctxLine = llamaSwap.text.split('\n')[7];
  for (let i = 0; i < EDITS_PER_ROUND; i++) {
    const text = `      -c ${i % 2 === 0 ? 16384 : 32768}`;
    for (const s of servers)
      record(s.command.name, 'edit llama-swap', await s.server.edit(llamaSwap.uri, 7, i === 0 ? ctxLine.length : text.length, text));
  }
  for (const s of servers) await s.server.stop();
}

/** yaml-language-server on the same YAML, the same positions, an edit to the same kind of line. */
async function compareYaml(): Promise<void> {
  const { server, startMs } = await LspProcess.start(yls);
  record(yls.name, 'start', startMs);
  record(yls.name, `open yaml`, await server.open(yaml));
  for (const position of hoverPositions(yaml)) record(yls.name, 'hover yaml', (await server.hover(yaml.uri, position)).ms);
  const line = yaml.text.split('\n')[3];
  for (let i = 0; i < EDITS_PER_ROUND; i++) {
    const text = `  context: ${i % 2 === 0 ? 4096 : 8192}`;
    record(yls.name, 'edit yaml', await server.edit(yaml.uri, 3, i === 0 ? line.length : 15, text));
  }
  record(yls.name, 'rss', server.rssBytes());
  await server.stop();
}

/** Ours on the same YAML edit, for the comparison table. */
async function oursYamlEdit(): Promise<void> {
  const { server } = await LspProcess.start(ours);
  await server.open(yaml);
  const line = yaml.text.split('\n')[3];
  for (let i = 0; i < EDITS_PER_ROUND; i++) {
    const text = `  context: ${i % 2 === 0 ? 4096 : 8192}`;
    record(ours.name, 'edit yaml', await server.edit(yaml.uri, 3, i === 0 ? line.length : 15, text));
  }
  await server.stop();
}

function quantile(values: number[] | undefined, q: number): number {
  if (!values?.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Wall time of one child process run. */
function timeRun(args: string[]): number {
  const t = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore', env: measuredEnv() });
  return performance.now() - t;
}

/**
 * Median wall times of child processes run in interleaved rounds (a, b, a, b, ...), each run once
 * first unmeasured (a first `check` writes its code cache), so that both meet the machine alike.
 */
function timeInterleaved(commands: string[][], rounds: number): number[] {
  for (const args of commands) timeRun(args);
  const times = commands.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) commands.forEach((args, i) => times[i].push(timeRun(args)));
  return times.map((t) => quantile(t, 0.5));
}

/** `runlocalai check` over 1,000 Modelfiles against a node process that only reads them. */
function checkThousand(): { ours: number; floor: number } {
  const dir = path.join(tmp, 'configs');
  const files: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const file = path.join(dir, `m${i}`, 'Modelfile');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, modelfileDocument(10 + (i % 50), 'Modelfile', 100 + i).text);
    files.push(file);
  }
  const list = path.join(tmp, 'files.json');
  fs.writeFileSync(list, JSON.stringify(files));
  const reader = `const fs=require('fs');let n=0;for(const f of JSON.parse(fs.readFileSync(${JSON.stringify(list)},'utf8')))n+=fs.readFileSync(f,'utf8').length;`;
  const cli = path.join(root, 'dist', 'cli.js');
  const [floor, ours] = timeInterleaved(
    [
      ['-e', reader],
      [cli, 'check', ...files, '--gpu', 'RTX 4090'],
    ],
    9,
  );
  return { ours, floor };
}

/** The median time to parse the files, together: the compiled catalog is catalog.json and, beside it, glossary.json. */
function parseTime(...files: string[]): number {
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    for (const text of texts) JSON.parse(text);
    times.push(performance.now() - t);
  }
  return quantile(times, 0.5);
}

function vsixBytes(): number | undefined {
  const file = path.join(root, 'runlocalai.vsix');
  return fs.existsSync(file) ? fs.statSync(file).size : undefined;
}

interface Budget {
  what: string;
  unit: 'ms' | 'MiB';
  measured: number;
  floor?: number;
  /** A ratio to the floor when `floor` is given, else an absolute bound in `unit`. */
  budget: number;
  note?: string;
}

async function main(): Promise<void> {
  if (argv.includes('--package')) {
    // The VSIX as `npm run package` makes it; its production bundles are then the ones measured.
    const r = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'ignore', shell: process.platform === 'win32' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  for (let i = 0; i < rounds; i++) await round(i);
  if (compare) {
    await compareYaml();
    await oursYamlEdit();
  }
  const check = checkThousand();
  // The extension as the VSIX ships it (minified, no source map), not the development build.
  const activation = measureActivation(await buildShippedExtension(root, tmp));
  const vsix = vsixBytes();
  const MiB = 1024 * 1024;
  const p = (server: string, what: string, q: number) => quantile(samples[server][what], q);
  const libraryNote = (what: string) => {
    const library = p(libraryFloor.name, what, 0.5);
    return `vscode-languageserver doing nothing: ${library.toFixed(library < 10 ? 2 : 1)} ms, ${(library / p('echo', what, 0.5)).toFixed(2)}× the echo`;
  };
  const budgets: Budget[] = [
    ...hoverDocuments.map((d) => ({
      what: `hover p99, ${d === markdown ? '1 MB Markdown' : d === yaml ? '5,000-line YAML' : '3,000-line Python'}`,
      unit: 'ms' as const,
      measured: p('runlocalai', `hover ${d.languageId}`, 0.99),
      floor: p('echo', `hover ${d.languageId}`, 0.99),
      budget: 1.5,
    })),
    {
      what: 'first diagnostics after didOpen (Modelfile), p50',
      unit: 'ms',
      measured: p('runlocalai', 'first diagnostics', 0.5),
      floor: p('echo', 'first diagnostics', 0.5),
      budget: 1.2,
      note: libraryNote('first diagnostics'),
    },
    {
      what: 'edit → diagnostics p50, 200-line Modelfile, push',
      unit: 'ms',
      measured: p('runlocalai', 'edit', 0.5),
      budget: 50,
      note: `echo ${p('echo', 'edit', 0.5).toFixed(2)} ms`,
    },
    {
      what: 'edit → diagnostics p50, llama-swap file with 20 models, push',
      unit: 'ms',
      measured: p('runlocalai', 'edit llama-swap', 0.5),
      budget: 100,
      note: `echo ${p('echo', 'edit llama-swap', 0.5).toFixed(2)} ms`,
    },
    {
      what: 'start → initialize result, scaled catalog, p50',
      unit: 'ms',
      measured: p('runlocalai', 'start', 0.5),
      floor: p('echo', 'start', 0.5),
      budget: 1.3,
      note: libraryNote('start'),
    },
    {
      what: 'RSS, 1 MB document open, scaled catalog',
      unit: 'MiB',
      measured: p('runlocalai', 'rss', 0.5) / MiB,
      floor: p('echo', 'rss', 0.5) / MiB,
      budget: 1.6,
    },
    {
      what: 'extension load (require of the shipped extension.js through its code cache, stub vscode), p50',
      unit: 'ms',
      measured: activation ?? NaN,
      budget: 50,
      note: 'activate() itself needs VS Code: not measured here',
    },
    {
      what: 'VSIX size',
      unit: 'MiB',
      measured: vsix === undefined ? NaN : vsix / MiB,
      budget: 2,
      note: vsix ? undefined : 'run with --package, or npm run package first',
    },
    { what: 'dist/catalog.json parse', unit: 'ms', measured: parseTime(bundledFile, glossaryFileFor(bundledFile)), budget: 20 },
    { what: 'scaled catalog.json parse', unit: 'ms', measured: parseTime(scaledFile), budget: 20 },
    { what: 'runlocalai check, 1,000 Modelfiles', unit: 'ms', measured: check.ours, floor: check.floor, budget: 2 },
  ];
  const rows = budgets.map((b) => {
    const ratio = b.floor !== undefined ? b.measured / b.floor : undefined;
    const pass = Number.isFinite(b.measured) && (ratio !== undefined ? ratio <= b.budget : b.measured <= b.budget);
    return { ...b, ratio, pass };
  });
  const fmt = (n: number | undefined, unit = '') => (n === undefined || !Number.isFinite(n) ? '—' : `${n.toFixed(n < 10 ? 2 : 1)}${unit}`);
  console.log(
    `\n${rounds} interleaved rounds, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`,
  );
  for (const name of leftOutHere()) console.log(`${name} is set here: left out of every measured process (${LEFT_OUT[name]})`);
  console.log(`hovers on jargon answered non-empty: ${hoversAsked - emptyHovers}/${hoversAsked}\n`);
  console.log('| budget | measured | floor | ratio | bound | pass |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const bound = r.floor !== undefined ? `≤ ${r.budget}×` : `≤ ${r.budget} ${r.unit}`;
    console.log(
      `| ${r.what} | ${fmt(r.measured, ' ' + r.unit)} | ${fmt(r.floor, ' ' + r.unit)} | ${fmt(r.ratio, '×')} | ${bound} | ${r.pass ? 'yes' : 'NO'}${r.note ? ` (${r.note})` : ''} |`,
    );
  }
  const comparison = compare
    ? [
        ['start → initialize p50', 'start', 0.5],
        ['hover p50, 5,000-line YAML', 'hover yaml', 0.5],
        ['hover p99, 5,000-line YAML', 'hover yaml', 0.99],
        ['edit → diagnostics p50, 5,000-line YAML', 'edit yaml', 0.5],
        ['RSS (MiB)', 'rss', 0.5],
      ].map(([label, key, q]) => {
        const scale = key === 'rss' ? MiB : 1;
        return {
          what: label as string,
          runlocalai: p('runlocalai', key as string, q as number) / scale,
          yamlLanguageServer: p(yls.name, key as string, q as number) / scale,
          echo: p('echo', key as string, q as number) / scale,
        };
      })
    : [];
  if (compare) {
    console.log('\n| same run, ms unless said | RunLocalAI | yaml-language-server | echo floor |');
    console.log('|---|---:|---:|---:|');
    for (const c of comparison) console.log(`| ${c.what} | ${fmt(c.runlocalai)} | ${fmt(c.yamlLanguageServer)} | ${fmt(c.echo)} |`);
  }
  const outFlag = argv.indexOf('--out');
  const out = outFlag >= 0 ? path.resolve(argv[outFlag + 1]) : path.join(root, 'test-artifacts', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        rounds,
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          node: process.version,
          load: os.loadavg(),
          leftOutOfEnv: leftOutHere(),
        },
        catalog: { terms: scaled.glossary.length, models: scaled.models.length, gpus: scaled.gpus.length },
        hovers: { asked: hoversAsked, empty: emptyHovers },
        budgets: rows,
        comparison,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten: ${path.relative(root, out)}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (argv.includes('--check') && rows.some((r) => !r.pass)) {
    console.error(
      `failed: ${rows
        .filter((r) => !r.pass)
        .map((r) => r.what)
        .join('; ')}`,
    );
    process.exit(1);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
