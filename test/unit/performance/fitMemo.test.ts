import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Catalog } from '../../../server/src/engine/catalog/schema';
import {
  answerFit,
  computeFit,
  MAX_REMEMBERED_ANSWERS,
  rememberedFitAnswers,
  type FitQuestion,
} from '../../../server/src/engine/checks/fit';
import { BoundedMemo } from '../../../server/src/engine/checks/memo';
import { checkParsed, type FileCheck } from '../../../server/src/engine/formats/check';
import { MAX_REMEMBERED_SEARCHES, rememberedFixSearches } from '../../../server/src/engine/formats/editFixes';
import { inFileLineEndings } from '../../../server/src/engine/formats/lineEndings';
import { modelfileParsed } from '../../../server/src/engine/formats/modelfile';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { doc } from '../../helpers/documents';
import { MEMO_HARDWARE, memoCatalog } from '../../helpers/memoFixtures';

const catalog = memoCatalog;
const HARDWARE = MEMO_HARDWARE;

const question: fc.Arbitrary<FitQuestion> = fc.record(
  {
    model: fc.constantFrom(...catalog.models),
    quant: fc.option(fc.constantFrom(...catalog.quantizations), { nil: undefined }),
    ctx: fc.option(fc.constantFrom(0, 2048, 4096, 8192, 32768, 131072), { nil: undefined }),
    runtime: fc.constantFrom('ollama' as const, 'llama.cpp' as const, 'vllm' as const),
    gpuLayers: fc.option(fc.nat({ max: 100 }), { nil: undefined }),
    kvType: fc.option(fc.constantFrom('f16' as const, 'q8_0' as const, 'q4_0' as const), { nil: undefined }),
    parallel: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    flashAttention: fc.option(fc.boolean(), { nil: undefined }),
    env: fc.option(fc.record({ OLLAMA_CONTEXT_LENGTH: fc.constantFrom('2048', '8192') }), { nil: undefined }),
  },
  { requiredKeys: ['model', 'runtime'] },
);

describe('fit answers remembered per question and hardware', () => {
  it('equal a fresh computation for any question, asked once or again', () => {
    fc.assert(
      fc.property(question, fc.constantFrom(...HARDWARE), (q, hw) => {
        const fresh = computeFit(q, catalog, hw);
        const first = answerFit(q, catalog, hw);
        assert.deepEqual(first, fresh);
        // The same question again, as a new object: the remembered answer, still equal.
        assert.deepEqual(answerFit({ ...q }, catalog, hw), fresh);
      }),
      { numRuns: 300 },
    );
  });

  it('change with the hardware, a setting or the environment', () => {
    const model = catalog.models.find((m) => m.id === 'llama3.1-8b')!;
    const q: FitQuestion = { model, runtime: 'ollama', ctx: 32768 };
    const [big, small] = HARDWARE;
    assert.notEqual(answerFit(q, catalog, big).estimate.usableBytes, answerFit(q, catalog, small).estimate.usableBytes);
    // The same hardware as another object: the same answer.
    assert.deepEqual(answerFit(q, catalog, { ...small, devices: [...small.devices] }), answerFit(q, catalog, small));
    // Less memory on the same card: a different answer.
    const less: Hardware = { ...small, devices: small.devices.map((d) => ({ ...d, totalBytes: d.totalBytes / 2 })) };
    assert.equal(answerFit(q, catalog, less).estimate.usableBytes < answerFit(q, catalog, small).estimate.usableBytes, true);
    assert.equal(answerFit({ ...q, ctx: 4096 }, catalog, big).ctx, 4096);
    assert.equal(answerFit(q, catalog, big).ctx, 32768);
    const unset: FitQuestion = { model, runtime: 'ollama' };
    const byEnv = answerFit({ ...unset, env: { OLLAMA_CONTEXT_LENGTH: '16384' } }, catalog, big);
    assert.equal(byEnv.ctx, 16384);
    assert.notEqual(answerFit(unset, catalog, big).ctx, 16384);
  });

  it('stay within their bound however many questions are asked', () => {
    const model = catalog.models[0];
    for (let ctx = 1; ctx <= MAX_REMEMBERED_ANSWERS + 50; ctx++) answerFit({ model, runtime: 'llama.cpp', ctx }, catalog, HARDWARE[0]);
    assert.equal(rememberedFitAnswers(catalog), MAX_REMEMBERED_ANSWERS);
  });

  it('are asked afresh for another catalog', () => {
    const copy: Catalog = { ...catalog, quantizations: [...catalog.quantizations] };
    assert.equal(rememberedFitAnswers(copy), 0);
    answerFit({ model: catalog.models[0], runtime: 'ollama' }, copy, HARDWARE[0]);
    assert.equal(rememberedFitAnswers(copy), 1);
  });
});

describe('a bounded memo', () => {
  it('drops the least recently used entry when full', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    assert.equal(memo.get('a'), 1);
    memo.set('c', 3);
    assert.equal(memo.size, 2);
    assert.equal(memo.get('b'), undefined, 'b was used least recently');
    assert.equal(memo.get('a'), 1);
    assert.equal(memo.get('c'), 3);
  });

  it('keeps exactly the most recently used entries, for any gets and sets (its newest key left in place)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(9)), { maxLength: 60 }),
        (limit, ops) => {
          const memo = new BoundedMemo<number>(limit);
          // The reference: keys by last use, oldest first.
          let order: { key: string; value: number }[] = [];
          for (const [isSet, key, value] of ops) {
            const at = order.findIndex((e) => e.key === key);
            if (isSet) {
              if (at >= 0) order.splice(at, 1);
              order.push({ key, value });
              if (order.length > limit) order = order.slice(1);
              memo.set(key, value);
            } else {
              const expected = at >= 0 ? order[at].value : undefined;
              if (at >= 0) order.push(...order.splice(at, 1));
              assert.equal(memo.get(key), expected);
            }
            assert.equal(memo.size, order.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

// The fix search of a file that does not fit is remembered for the next file asking the same, and
// rebuilt as that file's own edits: checked here against the same file checked with no memory at all.
describe('fix searches remembered across documents', () => {
  const REFERENCES = ['llama3.1:70b', 'qwen2.5:32b', 'qwen2.5:14b-instruct-q8_0', 'llama3.1:8b', 'gemma2:27b'];
  const models = createModelResolver(catalog);

  const check = (text: string, hardware: Hardware, remembered: boolean, cat: Catalog = catalog): FileCheck =>
    checkParsed(inFileLineEndings(modelfileParsed(parseModelfile(text)), text), {
      catalog: cat,
      models,
      hardware,
      format: remembered ? 'modelfile' : undefined,
    });

  /** A Modelfile asking one question, laid out with `pad` comment lines before each instruction. */
  const modelfile = (reference: string, ctx: number | undefined, gpuLayers: number | undefined, pad: number[], crlf: boolean) => {
    const lines = [`FROM ${reference}`];
    if (ctx !== undefined) lines.push(`PARAMETER num_ctx ${ctx}`);
    if (gpuLayers !== undefined) lines.push(`PARAMETER num_gpu ${gpuLayers}`);
    lines.push('PARAMETER temperature 0.7');
    const padded = lines.flatMap((line, i) => [...Array.from({ length: pad[i % pad.length] }, (_, k) => `# note ${k}`), line]);
    return padded.join(crlf ? '\r\n' : '\n') + '\n';
  };

  it('give each document its own ranges, and the same findings as a search from scratch', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERENCES),
        fc.option(fc.constantFrom(2048, 8192, 32768, 65536), { nil: undefined }),
        fc.option(fc.nat({ max: 90 }), { nil: undefined }),
        fc.constantFrom(...HARDWARE.slice(0, 3)),
        fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (reference, ctx, gpuLayers, hardware, padA, padB, crlf) => {
          const a = modelfile(reference, ctx, gpuLayers, padA, false);
          const b = modelfile(reference, ctx, gpuLayers, padB, crlf);
          const rememberedA = check(a, hardware, true);
          const rememberedB = check(b, hardware, true);
          assert.deepEqual(rememberedA.findings, check(a, hardware, false).findings);
          assert.deepEqual(rememberedB.findings, check(b, hardware, false).findings);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('move a fix with its document: the same question two lines lower edits two lines lower', () => {
    const hardware = HARDWARE[1];
    const a = check('FROM llama3.1:70b\nPARAMETER num_ctx 32768\n', hardware, true);
    const b = check('# two\n# lines\nFROM llama3.1:70b\nPARAMETER num_ctx 32768\n', hardware, true);
    const fixesA = a.findings.flatMap((f) => f.fixes.filter((x) => x.edits?.length));
    const fixesB = b.findings.flatMap((f) => f.fixes.filter((x) => x.edits?.length));
    assert.ok(fixesA.length > 0, 'a 70B model on a 12 GB card has fixes');
    assert.deepEqual(
      fixesB.map((f) => f.title),
      fixesA.map((f) => f.title),
    );
    for (let i = 0; i < fixesA.length; i++)
      assert.deepEqual(
        fixesB[i].edits!.map((e) => e.range.start.line),
        fixesA[i].edits!.map((e) => e.range.start.line + 2),
      );
  });

  it('stay within their bound', () => {
    const copy: Catalog = { ...catalog, models: [...catalog.models] };
    const hardware = HARDWARE[1];
    for (let ctx = 0; ctx < MAX_REMEMBERED_SEARCHES + 20; ctx++)
      check(`FROM llama3.1:70b\nPARAMETER num_ctx ${8192 + ctx * 1024}\n`, hardware, true, copy);
    assert.equal(rememberedFixSearches(copy), MAX_REMEMBERED_SEARCHES);
  });
});

// The server warms the config check after start-up on a made-up Modelfile: it must run the check
// (answers are remembered) and change nothing a real document is told.
describe('the config check warmed up on a made-up Modelfile', () => {
  it('runs the check and leaves real documents’ findings as they were', () => {
    const copy: Catalog = { ...catalog, quantizations: [...catalog.quantizations], models: [...catalog.models] };
    const warmed = createLanguageService({ catalog: copy });
    const cold = createLanguageService({ catalog: { ...catalog, quantizations: [...catalog.quantizations], models: [...catalog.models] } });
    warmed.prepareValidation(3);
    assert.ok(rememberedFitAnswers(copy) > 0, 'no fit was answered');
    assert.ok(rememberedFixSearches(copy) > 0, 'no fix search ran');
    const text = 'FROM llama3.1:70b\nPARAMETER num_ctx 32768\n';
    const hardware = HARDWARE[0];
    assert.deepEqual(warmed.doValidation(doc(text, 'modelfile'), hardware), cold.doValidation(doc(text, 'modelfile'), hardware));
  });
});
