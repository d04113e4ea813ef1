import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { COMMANDS } from '../../server/src/cli/cli';
import type { Hardware } from '../../server/src/engine/hardware/types';
import { GiB } from '../../server/src/engine/types';
import { cli } from '../helpers/cli';
import { corpusDir } from '../helpers/corpus';

const DETECTED: Hardware = {
  devices: [{ name: 'NVIDIA GeForce RTX 4090', vendor: 'nvidia', totalBytes: 24 * GiB, unified: false }],
  ramBytes: 64 * GiB,
  source: 'detected',
};

interface Case {
  args: (test: Mocha.Context) => string[];
  code: 0 | 1 | 2;
  /** What the output must show: a pattern of the text, or a check of the parsed JSON. */
  out?: RegExp;
  json?: (parsed: any) => void;
  detected?: Hardware;
}

const log = (test: Mocha.Context, name: string) => path.join(corpusDir(test), 'errors', name);

// Every subcommand, each exit code it can give and each output format, on real files where it reads any
// (the repository's examples, the corpus logs).
const MATRIX: Record<string, Case[]> = {
  'will-it-run': [
    { args: () => ['will-it-run', 'llama3.1:8b', '--gpu', 'RTX 4090'], code: 0, out: /^ {2}FITS$/m },
    { args: () => ['will-it-run', 'llama3.1:8b', '--gpu', 'RTX 4090', '--json'], code: 0, json: (j) => assert.equal(j.verdict, 'fits') },
    { args: () => ['will-it-run', 'llama3.1:70b', '--gpu', 'RTX 4070', '--ram', '16'], code: 1, out: /^ {2}WON'T FIT$/m },
    {
      args: () => ['will-it-run', 'no-such-model-xyz', '--json'],
      code: 2,
      json: (j) => assert.match(j.error.message, /no-such-model-xyz/),
    },
  ],
  estimate: [
    {
      args: () => ['estimate', 'qwen2.5:7b', '--ctx', '8k', '--gpu', 'RTX 4090', '--json'],
      code: 0,
      json: (j) => assert.equal(j.ctx, 8192),
    },
    {
      args: () => ['estimate', '--config', 'examples/hf/config.json', '--runtime', 'vllm', '--gpu', 'RTX 4070', '--json'],
      code: 1,
      json: (j) => assert.equal(j.verdict, 'wont-fit'),
    },
    { args: () => ['estimate', 'llama3.1:8b', '--ctx', '0x10'], code: 2 },
  ],
  check: [
    { args: () => ['check', 'examples/ollama/small.Modelfile', '--gpu', 'RTX 4090'], code: 0 },
    { args: () => ['check', 'examples/ollama/Modelfile', '--gpu', 'RTX 4070'], code: 1, out: /Modelfile:2:6: error \[wont-fit\]/ },
    {
      args: () => ['check', 'examples/vllm', '--gpu', 'RTX 4070', '--format', 'json'],
      code: 1,
      json: (j) => assert.ok(j.files.some((f: any) => f.findings.some((x: any) => x.code === 'vllm-kv-cache-too-small'))),
    },
    {
      args: () => ['check', 'examples/llamacpp/serve.sh', '--gpu', 'RTX 4070', '--format', 'sarif'],
      code: 1,
      json: (j) => assert.ok(j.runs[0].results.some((r: any) => r.ruleId === 'partial-offload' && r.level === 'warning')),
    },
    { args: () => ['check', 'examples/no-such-file.yaml'], code: 2 },
  ],
  explain: [
    {
      args: (t) => ['explain', log(t, 'vllm-10439__no-cache-blocks-compose.log')],
      code: 0,
      out: /No available memory for the cache blocks|cache blocks/i,
    },
    {
      args: (t) => ['explain', log(t, 'llama.cpp-6114__metal-command-r-65k-ctx.log'), '--json'],
      code: 0,
      json: (j) => assert.ok(j.entries.some((e: any) => e.id === 'metal-out-of-memory')),
    },
    { args: () => ['explain', 'examples/README.md'], code: 1 },
    { args: () => ['explain', 'a.log', 'b.log'], code: 2 },
  ],
  gpu: [
    { args: () => ['gpu'], code: 0, out: /RTX 4090/, detected: DETECTED },
    { args: () => ['gpu', '--json'], code: 0, json: (j) => assert.ok(JSON.stringify(j).includes('RTX 4090')), detected: DETECTED },
    { args: () => ['gpu'], code: 1 },
    { args: () => ['gpu', 'extra'], code: 2 },
  ],
  models: [
    { args: () => ['models', 'qwen', 'coder'], code: 0, out: /^Qwen2\.5-Coder 7B /m },
    {
      args: () => ['models', 'llama', '3.1', '--json'],
      code: 0,
      json: (j) => {
        assert.ok(j.some((m: any) => m.id === 'llama3.1-8b'));
        assert.ok(j.every((m: any) => /llama/i.test(m.name)));
      },
    },
    { args: () => ['models', 'zzqqxx'], code: 2 },
  ],
  gpus: [
    { args: () => ['gpus', '3090'], code: 0, out: /3090/ },
    { args: () => ['gpus', 'radeon', '--json'], code: 0, json: (j) => assert.ok(j.length > 0) },
    { args: () => ['gpus', 'voodoo'], code: 2 },
  ],
  define: [
    { args: () => ['define', 'kv', 'cache'], code: 0, out: /KV cache/ },
    { args: () => ['define', 'MoE', '--json'], code: 0, json: (j) => assert.match(j.term, /mixture of experts/i) },
    { args: () => ['define', 'zzz-nothing'], code: 1 },
    { args: () => ['define'], code: 2 },
  ],
};

describe('runlocalai: every subcommand, exit code and format', () => {
  it('the matrix covers every subcommand with exit codes 0 and 2, and a JSON format where it has one', () => {
    assert.deepEqual(Object.keys(MATRIX).sort(), COMMANDS.map((c) => c.name).sort());
    for (const [name, cases] of Object.entries(MATRIX)) {
      const codes = new Set(cases.map((c) => c.code));
      assert.ok(codes.has(0) && codes.has(2), `${name}: exit codes ${[...codes].join(', ')}`);
      const usage = COMMANDS.find((c) => c.name === name)!.usage;
      if (usage.includes('--json') || usage.includes('json'))
        assert.ok(
          cases.some((c) => c.json),
          `${name} has a JSON format but no JSON case`,
        );
    }
  });

  for (const [name, cases] of Object.entries(MATRIX)) {
    cases.forEach((c, i) => {
      it(`${name} #${i + 1}: exit ${c.code}`, async function () {
        const args = c.args(this);
        const r = await cli(args, c.detected);
        assert.equal(r.code, c.code, `${args.join(' ')}\n${r.out}\n${r.err}`);
        if (c.out) assert.match(r.out, c.out);
        if (c.json) c.json(JSON.parse(r.out));
      });
    });
  }
});
