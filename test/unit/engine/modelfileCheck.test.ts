import * as assert from 'node:assert/strict';
import { checkModelfile } from '../../../server/src/engine/checks/modelfileCheck';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import type { Finding } from '../../../server/src/engine/types';
import { applyEdits } from '../../helpers/edits';
import { marked } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const check = (text: string, hardware: Hardware): Finding[] => checkModelfile(parseModelfile(text), { catalog, models, hardware });
const rtx4070 = gpuHardware(catalog, 'RTX 4070', 1, 16);
const rtx4090 = gpuHardware(catalog, 'RTX 4090');

describe('checkModelfile', () => {
  it("marks a 70B model on a 12 GB card as won't fit, on the model name, with the numbers and the KB link", () => {
    const { text, range } = marked('FROM [[llama3.1:70b]]\n');
    const [f, ...rest] = check(text, rtx4070);
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'wont-fit');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, range);
    assert.match(f.message, /needs \d+\.\d GiB \(weights \d+\.\d GiB \+ KV cache/);
    assert.match(f.message, /RTX 4070/);
    assert.equal(f.href, catalog.errors.find((e) => e.id === 'cuda-out-of-memory')?.url);
    assert.ok(
      f.fixes.some((x) => x.action?.kind === 'openKb' && x.action.id === 'cuda-out-of-memory'),
      'no KB action',
    );
  });

  it('says nothing when the model fits', () => {
    assert.deepEqual(check('FROM llama3.1:8b\nPARAMETER num_ctx 8192\n', rtx4090), []);
  });

  it('puts the error on num_ctx when the context decides it, and its fix makes the file fit', () => {
    const { text, range } = marked('FROM llama3.1:8b\nPARAMETER num_ctx [[131072]]\n');
    const [f] = check(text, rtx4070);
    assert.ok(f && f.code !== 'fits', 'expected a finding for a 128K context on a 12 GB card');
    assert.deepEqual(f.range, range);
    const fix = f.fixes.find((x) => x.title.startsWith('Set num_ctx'));
    assert.ok(fix?.edits, 'no num_ctx fix');
    const fixed = applyEdits(text, fix.edits);
    const value = Number(/num_ctx (\d+)/.exec(fixed)?.[1]);
    assert.ok(value >= 2048 && value < 131072, `fix set num_ctx to ${value}`);
    assert.ok(fix.title.includes(value.toLocaleString('en-US')), `title "${fix.title}" does not name ${value}`);
    assert.deepEqual(
      check(fixed, rtx4070).filter((x) => x.severity === 'error' || x.severity === 'warning'),
      [],
    );
  });

  it('puts the error on num_gpu when more layers are asked for than fit, and offers the count that does', () => {
    const hw = gpuHardware(catalog, 'RTX 4090', 1, 128);
    const { text, range } = marked('FROM llama3.1:70b\nPARAMETER num_gpu [[80]]\n');
    const [f] = check(text, hw);
    assert.equal(f?.code, 'wont-fit');
    assert.deepEqual(f.range, range);
    const fix = f.fixes.find((x) => x.title.startsWith('Set num_gpu'));
    assert.ok(fix?.edits, `no num_gpu fix in ${f.fixes.map((x) => x.title).join(', ')}`);
    const layers = Number(fix.edits[0].newText);
    assert.ok(layers > 0 && layers < 80, `num_gpu ${layers}`);
    const fixed = applyEdits(text, fix.edits);
    assert.notEqual(check(fixed, hw)[0]?.code, 'wont-fit');
  });

  it('puts a too-low num_gpu on num_gpu, says all layers would fit, and offers to raise it', () => {
    const { text, range } = marked('FROM llama3.1:8b\nPARAMETER num_gpu [[10]]\n');
    const [f] = check(text, rtx4090);
    assert.equal(f?.code, 'partial-offload');
    assert.deepEqual(f.range, range);
    assert.match(f.message, /num_gpu 10 keeps 22 of 32 layers on the CPU; 32 would fit on the GPU/);
    const fix = f.fixes.find((x) => x.title.startsWith('Set num_gpu'));
    assert.equal(fix?.edits?.[0].newText, '32');
    assert.deepEqual(check(applyEdits(text, fix!.edits!), rtx4090), []);
  });

  it('says why num_gpu above what fits will not run', () => {
    const [f] = check('FROM llama3.1:70b\nPARAMETER num_gpu 80\n', gpuHardware(catalog, 'RTX 4090', 1, 128));
    assert.match(f.message, /80 GPU layers were asked for; \d+ fit/);
  });

  it('names the smaller quantization that fits as the best fix when no context does', () => {
    const [f] = check('FROM qwen2.5:32b-instruct-q8_0\n', gpuHardware(catalog, 'RTX 4090', 1, 16));
    assert.equal(f.code, 'wont-fit');
    const m = /Best fix: Use qwen2\.5:32b-instruct-(\w+) \((\w+)\) — fits(?:, tightly)?, (\d+\.\d) GiB/.exec(f.message);
    assert.ok(m, f.message);
    assert.notEqual(m[2], 'Q8_0');
    assert.equal(m[1], m[2][0].toLowerCase() + m[2].slice(1), 'the tag is written as Ollama writes it (q2_K)');
    assert.ok(
      catalog.quantizations.some((q) => q.id === m[2]),
      `${m[2]} is a catalog quantization`,
    );
    // The total printed includes the buffers llama.cpp keeps in system RAM; it is far below what Q8_0 needs.
    const needs = Number(/needs (\d+\.\d) GiB/.exec(f.message)?.[1]);
    assert.ok(Number(m[3]) < needs * 0.6, `suggested quantization needs ${m[3]} GiB of ${needs}`);
    assert.ok(f.fixes.some((x) => x.isPreferred && x.edits?.[0].newText === `qwen2.5:32b-instruct-${m[1]}`));
  });

  it('suggests no quantization when none fits (70B on one 12 GB card: even IQ1_S needs more)', () => {
    const [f] = check('FROM llama3.1:70b\n', gpuHardware(catalog, 'RTX 4070', 1, 16));
    assert.equal(f.code, 'wont-fit');
    assert.doesNotMatch(f.message, /would fit/);
  });

  it('appends the num_ctx line after a FROM that ends the file without a newline', () => {
    // Ollama's default context on a 24 GiB card (32,768) is more than 32B at Q4_K_M leaves room for.
    const hw = gpuHardware(catalog, 'RTX 4090', 1, 64);
    const text = 'FROM qwen2.5:32b';
    const [f] = check(text, hw);
    const fix = f.fixes.find((x) => x.title.startsWith('Set num_ctx'));
    assert.ok(fix?.edits, f.fixes.map((x) => x.title).join(', '));
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /^FROM qwen2\.5:32b\nPARAMETER num_ctx \d+$/);
  });

  it('judges a machine without a GPU on the CPU, as information, and says how to set a GPU', () => {
    const cpu = { devices: [], ramBytes: 64 * 1024 ** 3, source: 'detected' as const, note: 'no GPU was detected' };
    const [f] = check('FROM llama3.1:8b\n', cpu);
    assert.equal(f.code, 'cpu-only');
    assert.equal(f.severity, 'information');
    assert.match(f.message, /Runs on the CPU only/);
    assert.match(f.message, /runlocalai\.gpu/);
    const tooBig = check('FROM llama3.1:70b\n', { ...cpu, ramBytes: 16 * 1024 ** 3 })[0];
    assert.equal(tooBig.code, 'wont-fit');
    assert.equal(tooBig.kbId, 'model-requires-more-system-memory', 'without a GPU, running out is about RAM, not CUDA');
    assert.doesNotMatch(tooBig.message, /0 MiB usable/);
    assert.match(tooBig.message, /16\.0 GiB of system RAM for it \(total\)/);
  });

  it('says when num_ctx is above what the model was trained for', () => {
    const [f] = check('FROM llama3.1:8b\nPARAMETER num_ctx 999999999\n', rtx4070);
    assert.match(f.message, /caps num_ctx 999999999 at the trained context 131072/);
  });

  it('warns about an empty Modelfile and an instruction without a model', () => {
    const empty = check('', rtx4090);
    assert.equal(empty[0].code, 'missing-from');
    const { text, range } = marked('[[FROM]]\n');
    const [f] = check(text, rtx4090);
    assert.equal(f.code, 'missing-model');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, range);
  });

  it('rejects num_ctx that is not a whole number, on the value', () => {
    const { text, range } = marked('FROM llama3.1:8b\nPARAMETER num_ctx [[abc]]\n');
    const f = check(text, rtx4090).find((x) => x.code === 'invalid-parameter');
    assert.ok(f);
    assert.deepEqual(f.range, range);
    assert.match(f.message, /num_ctx must be a whole number/);
  });

  it('reports an unknown model as information, not an error', () => {
    const { text, range } = marked('FROM [[./my-own-finetune.gguf]]\n');
    const [f] = check(text, rtx4090);
    assert.equal(f.code, 'unknown-model');
    assert.equal(f.severity, 'information');
    assert.deepEqual(f.range, range);
  });

  it('gives no verdict before the hardware is known', () => {
    assert.deepEqual(check('FROM llama3.1:70b\n', { devices: [], source: 'pending' }), []);
  });
});
