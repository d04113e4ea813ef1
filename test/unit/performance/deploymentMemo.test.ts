import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Catalog } from '../../../server/src/engine/catalog/schema';
import { checkParsed, type FileCheck } from '../../../server/src/engine/formats/check';
import { deploymentKey, MAX_REMEMBERED_DEPLOYMENTS, rememberedDeployments } from '../../../server/src/engine/formats/deploymentMemo';
import { inFileLineEndings } from '../../../server/src/engine/formats/lineEndings';
import { modelfileParsed } from '../../../server/src/engine/formats/modelfile';
import type { Deployment } from '../../../server/src/engine/formats/types';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { doc } from '../../helpers/documents';
import { freshCatalog, MEMO_HARDWARE, memoCatalog } from '../../helpers/memoFixtures';

const catalog = memoCatalog;
const HARDWARE = MEMO_HARDWARE;

const REFERENCES = [
  'llama3.1:70b',
  'qwen2.5:32b',
  'qwen2.5:14b-instruct-q8_0',
  'llama3.1:8b',
  'gemma2:27b',
  'no-such-model:7b',
  'llama3.1:8b-q9_z',
  // Named alike by Ollama and by vLLM, which loads other weights for the same answer of the source chain.
  'meta-llama/Llama-3.1-8B-Instruct',
];
const FILES = [
  '/models/Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf',
  '/models/Meta-Llama-3.1-8B-Instruct-Q8_0.gguf',
  '/models/Qwen2.5-32B-Instruct-Q4_K_M.gguf',
  '/models/unknown-thing.gguf',
];

interface Shape {
  pad: number[];
  crlf: boolean;
  system: string;
  ctx?: number;
  gpuLayers?: number;
  kvType?: string;
  flashAttention?: boolean;
  reverse: boolean;
}

const padded = (lines: string[], pad: number[], comment: string) =>
  lines.flatMap((line, i) => [...Array.from({ length: pad[i % pad.length] }, (_, k) => `${comment} note ${k}`), line]);

function modelfile(reference: string, s: Shape): string {
  const settings: string[] = [];
  if (s.ctx !== undefined) settings.push(`PARAMETER num_ctx ${s.ctx}`);
  if (s.gpuLayers !== undefined) settings.push(`PARAMETER num_gpu ${s.gpuLayers}`);
  settings.push('PARAMETER temperature 0.7');
  if (s.reverse) settings.reverse();
  const lines = [`FROM ${reference}`, ...settings, `SYSTEM """${s.system}"""`];
  return padded(lines, s.pad, '#').join(s.crlf ? '\r\n' : '\n') + '\n';
}

function llamaSwap(file: string, s: Shape): string {
  const flags = [`-m ${file}`];
  if (s.ctx !== undefined) flags.push(`-c ${s.ctx}`);
  if (s.gpuLayers !== undefined) flags.push(`-ngl ${s.gpuLayers}`);
  if (s.kvType) flags.push(`--cache-type-k ${s.kvType} --cache-type-v ${s.kvType}`);
  if (s.flashAttention !== undefined) flags.push(`-fa ${s.flashAttention ? 'on' : 'off'}`);
  if (s.reverse) flags.reverse();
  const lines = ['models:', '  chat:', `    cmd: llama-server --port \${PORT} ${flags.join(' ')}`];
  return padded(lines, s.pad, '#').join(s.crlf ? '\r\n' : '\n') + '\n';
}

function commandLine(file: string, s: Shape): string {
  const flags = [`-m ${file}`];
  if (s.ctx !== undefined) flags.push(`--ctx-size ${s.ctx}`);
  if (s.gpuLayers !== undefined) flags.push(`--n-gpu-layers ${s.gpuLayers}`);
  if (s.flashAttention !== undefined) flags.push(`--flash-attn ${s.flashAttention ? 'on' : 'off'}`);
  if (s.reverse) flags.reverse();
  const lines = ['#!/bin/sh', `echo "${s.system.replace(/[^a-z ]/gi, '')}"`, `llama-server ${flags.join(' ')}`];
  return padded(lines, s.pad, '#').join(s.crlf ? '\r\n' : '\n') + '\n';
}

function vllmCommand(reference: string, s: Shape): string {
  const flags = [reference];
  if (s.ctx !== undefined) flags.push(`--max-model-len ${s.ctx}`);
  if (s.kvType === 'q8_0') flags.push('--kv-cache-dtype fp8');
  if (s.gpuLayers !== undefined && s.gpuLayers > 45) flags.push('--dtype float16');
  if (s.reverse) flags.reverse();
  const lines = ['#!/bin/sh', `vllm serve ${flags.join(' ')}`];
  return padded(lines, s.pad, '#').join(s.crlf ? '\r\n' : '\n') + '\n';
}

function compose(reference: string, s: Shape): string {
  const env = ['      OLLAMA_FLASH_ATTENTION: "1"'];
  if (s.ctx !== undefined) env.push(`      OLLAMA_CONTEXT_LENGTH: "${s.ctx}"`);
  if (s.kvType) env.push(`      OLLAMA_KV_CACHE_TYPE: "${s.kvType}"`);
  if (s.reverse) env.reverse();
  const lines = [
    'services:',
    '  ollama:',
    '    image: ollama/ollama',
    '    environment:',
    ...env,
    `    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 5 && ollama run ${reference} && wait"]`,
  ];
  return padded(lines, s.pad, '#').join(s.crlf ? '\r\n' : '\n') + '\n';
}

const shape: fc.Arbitrary<Shape> = fc.record(
  {
    pad: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 }),
    crlf: fc.boolean(),
    system: fc.string({ maxLength: 40 }).map((t) => `You are ${t.replace(/["\\\r\n]/g, ' ')}`),
    ctx: fc.option(fc.constantFrom(2048, 8192, 32768, 65536), { nil: undefined }),
    gpuLayers: fc.option(fc.nat({ max: 90 }), { nil: undefined }),
    kvType: fc.option(fc.constantFrom('f16', 'q8_0', 'q4_0'), { nil: undefined }),
    flashAttention: fc.option(fc.boolean(), { nil: undefined }),
    reverse: fc.boolean(),
  },
  { requiredKeys: ['pad', 'crlf', 'system', 'reverse'] },
);

/** A document in one of the formats, the name of its file and its language. */
const document: fc.Arbitrary<{ text: string; name: string; languageId: string }> = fc.oneof(
  fc.tuple(fc.constantFrom(...REFERENCES), shape).map(([r, s]) => ({ text: modelfile(r, s), name: 'Modelfile', languageId: 'modelfile' })),
  fc.tuple(fc.constantFrom(...FILES), shape).map(([f, s]) => ({ text: llamaSwap(f, s), name: 'config.yaml', languageId: 'yaml' })),
  fc.tuple(fc.constantFrom(...FILES), shape).map(([f, s]) => ({ text: commandLine(f, s), name: 'serve.sh', languageId: 'shellscript' })),
  fc.tuple(fc.constantFrom(...REFERENCES), shape).map(([r, s]) => ({ text: compose(r, s), name: 'compose.yaml', languageId: 'yaml' })),
  fc
    .tuple(fc.constantFrom(...REFERENCES), shape)
    .map(([r, s]) => ({ text: vllmCommand(r, s), name: 'vllm.sh', languageId: 'shellscript' })),
);

let serial = 0;
const open = (d: { text: string; name: string; languageId: string }) => doc(d.text, d.languageId, `file:///w/${++serial}/${d.name}`);

describe('deployment outcomes remembered across documents', () => {
  it('give any document the same findings, lenses and edits as a service that remembers nothing', () => {
    const warm = freshCatalog();
    const warmed = createLanguageService({ catalog: warm });
    fc.assert(
      fc.property(document, document, fc.constantFrom(...HARDWARE), (first, second, hardware) => {
        // The first document warms the memo with its own question; the second may ask the same or another.
        for (const d of [first, second, first]) {
          const fresh = createLanguageService({ catalog: freshCatalog() });
          const a = open(d);
          const b = { ...a };
          assert.deepEqual(warmed.doValidation(a, hardware), fresh.doValidation(b, hardware));
          assert.deepEqual(warmed.codeLenses(a, hardware), fresh.codeLenses(b, hardware));
        }
      }),
      { numRuns: 120 },
    );
    assert.ok(rememberedDeployments(warm) > 0, 'nothing was remembered');
  });

  const models = createModelResolver(catalog);
  const check = (text: string, hardware: Hardware, cat: Catalog): FileCheck =>
    checkParsed(inFileLineEndings(modelfileParsed(parseModelfile(text)), text), { catalog: cat, models, hardware, format: 'modelfile' });

  it('rebuild a hit on the document’s own lines: the same question two lines lower edits two lines lower', () => {
    const cat = freshCatalog();
    const hardware = HARDWARE[1];
    const a = check('FROM llama3.1:70b\nPARAMETER num_ctx 32768\nSYSTEM """one"""\n', hardware, cat);
    assert.equal(rememberedDeployments(cat), 1);
    const b = check('# two\n# lines\nFROM llama3.1:70b\nPARAMETER num_ctx 32768\nSYSTEM """another"""\n', hardware, cat);
    assert.equal(rememberedDeployments(cat), 1, 'the second document asked the same question');
    assert.ok(
      a.findings.some((f) => f.fixes.some((x) => x.edits?.length)),
      'a 70B model on a 12 GB card has fixes',
    );
    assert.deepEqual(
      b.findings.map((f) => [f.range.start.line, ...f.fixes.flatMap((x) => (x.edits ?? []).map((e) => e.range.start.line))]),
      a.findings.map((f) => [f.range.start.line + 2, ...f.fixes.flatMap((x) => (x.edits ?? []).map((e) => e.range.start.line + 2))]),
    );
    assert.deepEqual(
      b.deployments.map((r) => r.line),
      a.deployments.map((r) => r.line + 2),
    );
  });

  it('judge afresh a document where a remembered fix cannot be written', () => {
    const cat = freshCatalog();
    const hardware = HARDWARE[1];
    const text = 'FROM llama3.1:8b\nPARAMETER num_ctx 131072\n';
    const parsed = (canEdit: boolean) => {
      const p = inFileLineEndings(modelfileParsed(parseModelfile(text)), text);
      if (!canEdit) for (const d of p.deployments) d.edit = () => [];
      return p;
    };
    const warm = checkParsed(parsed(true), { catalog: cat, models, hardware, format: 'modelfile' });
    assert.ok(
      warm.findings.some((f) => f.fixes.some((x) => x.edits?.length)),
      'the remembered outcome has edit fixes',
    );
    const readOnly = checkParsed(parsed(false), { catalog: cat, models, hardware, format: 'modelfile' });
    const fresh = checkParsed(parsed(false), { catalog: freshCatalog(), models, hardware, format: 'modelfile' });
    assert.deepEqual(readOnly.findings, fresh.findings);
    const editFixes = (c: FileCheck) => c.findings.flatMap((f) => f.fixes.filter((x) => x.edits?.length)).length;
    // Only the reference rewrites are left: the settings cannot be written in this document.
    assert.ok(editFixes(readOnly) < editFixes(warm), `${editFixes(readOnly)} of ${editFixes(warm)} fixes`);
  });

  it('stay within their bound', () => {
    const cat = freshCatalog();
    for (let ctx = 0; ctx < MAX_REMEMBERED_DEPLOYMENTS + 20; ctx++)
      check(`FROM llama3.1:8b\nPARAMETER num_ctx ${2048 + ctx}\n`, HARDWARE[0], cat);
    assert.equal(rememberedDeployments(cat), MAX_REMEMBERED_DEPLOYMENTS);
  });
});

describe('a deployment’s key', () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } };
  const base = (): Deployment => ({
    runtime: 'ollama',
    label: 'chat',
    model: { value: 'llama3.1:8b', range },
    anchor: range,
    settings: {
      context: { key: 'num_ctx', value: '8192', range },
      gpuLayers: { key: 'num_gpu', value: '20', range },
    },
    env: { OLLAMA_KV_CACHE_TYPE: 'q8_0' },
    group: 'g',
    requestedGpus: { count: 1, gpu: 'RTX 4090', range },
    notes: [],
    edit: () => [],
  });
  const meaning = { catalog, models: {}, hardware: HARDWARE[0], format: 'modelfile', resolved: 'm1' };
  const key = (d: Deployment, m: Partial<typeof meaning> & { env?: Record<string, string>; baseDir?: string } = {}) =>
    deploymentKey(d, { ...meaning, ...m });

  it('is the same for the same meaning at other positions, and differs with anything the check reads', () => {
    const same = base();
    same.anchor = same.model!.range = { start: { line: 9, character: 2 }, end: { line: 9, character: 9 } };
    assert.equal(key(same), key(base()));
    const changes: ((d: Deployment) => void)[] = [
      (d) => (d.settings.context!.value = '8193'),
      (d) => (d.settings.gpuLayers!.value = '21'),
      (d) => (d.settings.context!.key = 'OLLAMA_CONTEXT_LENGTH'),
      (d) => (d.settings.kvType = { key: 'kv', value: 'q8_0', range }),
      (d) => (d.settings.context!.unresolved = 'CTX'),
      (d) => (d.model!.value = 'llama3.1:70b'),
      (d) => (d.runtime = 'llama.cpp'),
      (d) => (d.label = 'other'),
      (d) => (d.group = 'h'),
      (d) => (d.env.OLLAMA_KV_CACHE_TYPE = 'q4_0'),
      (d) => (d.env.CUDA_VISIBLE_DEVICES = '0'),
      (d) => (d.requestedGpus!.count = 2),
      (d) => (d.requestedGpus!.gpu = 'RTX 4070'),
      (d) => d.notes.push('a note'),
      (d) => (d.otherKeys = [{ key: '--threads', value: '8', keyRange: range }]),
    ];
    const keys = new Set([key(base())]);
    for (const change of changes) {
      const d = base();
      change(d);
      keys.add(key(d));
    }
    assert.equal(keys.size, changes.length + 1, 'a change left the key as it was');
    for (const m of [{ hardware: HARDWARE[1] }, { format: 'compose' }, { resolved: 'm2' }, { env: { OLLAMA_CONTEXT_LENGTH: '4096' } }])
      assert.notEqual(key(base(), m), key(base()), JSON.stringify(Object.keys(m)));
  });

  it('writes its context part again whenever the catalog, resolver, hardware or format changes (property)', () => {
    // The context part is remembered for the last context only: keys asked in any order of contexts
    // are the keys each context gives when asked first, in a fresh sequence.
    const other = { ...catalog, models: [...catalog.models] };
    const contexts = [
      {},
      { hardware: HARDWARE[1] },
      { format: 'compose' },
      { models: {} },
      { catalog: other },
      { hardware: { ...HARDWARE[0] } },
    ];
    const first = contexts.map((m) => key(base(), m));
    assert.equal(new Set(first).size, contexts.length - 1, 'a copy of the same hardware is the same hardware');
    assert.equal(first[5], first[0]);
    fc.assert(
      fc.property(fc.array(fc.nat(contexts.length - 1), { maxLength: 20 }), (order) => {
        for (const i of order) assert.equal(key(base(), contexts[i]), first[i]);
      }),
    );
  });

  it('carries the folder only where the reference is a path, and nothing for a config.json', () => {
    const path = base();
    path.model!.value = './model.gguf';
    assert.notEqual(key(path, { baseDir: '/a' }), key(path, { baseDir: '/b' }));
    assert.equal(key(base(), { baseDir: '/a' }), key(base(), { baseDir: '/b' }));
    assert.equal(key(base(), { format: undefined }), undefined);
  });

  it('changes with any setting’s value (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const x = base();
        const y = base();
        x.settings.context!.value = a;
        y.settings.context!.value = b;
        assert.equal(key(x) === key(y), a === b);
      }),
    );
  });
});
