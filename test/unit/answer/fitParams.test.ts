import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitParamsArgs, MAX_FIT_DEVICES, MAX_FIT_OUTPUT_CHARS, parseFitParamsOutput } from '../../../server/src/engine/answer/fitParams';

// As tools/fit-params/fit-params.cpp prints it with --fit-print on: logs on stderr, then one
// "<device> <model MiB> <context MiB> <compute MiB> " row per device and one for the host.
const PRINTED = [
  'llama_model_loader: loaded meta data with 30 key-value pairs',
  'main: printing estimated memory in MiB to stdout (device, model, context, compute) ...',
  'CUDA0 17904 384 898 ',
  'CUDA1 12001 256 512 ',
  'Host 58259 0 12 ',
  '',
].join('\n');

describe('llama-fit-params output and arguments', () => {
  it('reads each device row and the host row', () => {
    const r = parseFitParamsOutput(PRINTED);
    assert.equal(r.truncated, false);
    assert.deepEqual(r.devices, [
      { name: 'CUDA0', host: false, modelMiB: 17904, contextMiB: 384, computeMiB: 898 },
      { name: 'CUDA1', host: false, modelMiB: 12001, contextMiB: 256, computeMiB: 512 },
      { name: 'Host', host: true, modelMiB: 58259, contextMiB: 0, computeMiB: 12 },
    ]);
  });

  it('skips log lines, the fitted "-c … -ngl …" line and rows with words or signs where numbers go', () => {
    const r = parseFitParamsOutput(
      ['-c 4096 -ngl 48', 'CUDA0 1 2', 'CUDA0 -1 2 3', 'CUDA0 1 2 3 4', 'MTL0 100 200 300\r', 'x'.repeat(100) + ' 1 2 3'].join('\n'),
    );
    assert.deepEqual(
      r.devices.map((d) => d.name),
      ['MTL0'],
    );
  });

  it('asks about the same model and settings, every layer as 999, with no shell in between', () => {
    const args = fitParamsArgs({
      modelPath: '/m/a b.gguf',
      ctx: 8192,
      gpuLayers: 33,
      totalLayers: 32,
      kvType: 'q8_0',
      flashAttention: true,
    });
    assert.deepEqual(args, [
      '--model',
      '/m/a b.gguf',
      '--ctx-size',
      '8192',
      '--n-gpu-layers',
      '999',
      '--cache-type-k',
      'q8_0',
      '--cache-type-v',
      'q8_0',
      '--flash-attn',
      'on',
      '--fit-print',
      'on',
    ]);
    const partial = fitParamsArgs({ modelPath: 'm.gguf', ctx: 4096, gpuLayers: 20, totalLayers: 80, kvType: 'fp8' });
    assert.equal(partial[partial.indexOf('--n-gpu-layers') + 1], '20');
    assert.ok(!partial.includes('--cache-type-k'), 'fp8 is not a llama.cpp KV type');
  });

  it('is total and bounded on any output: never throws, at most MAX_FIT_DEVICES rows, every figure a whole number', () => {
    const row = fc
      .tuple(fc.constantFrom('CUDA0', 'Host', 'Vulkan1', 'x'), fc.nat(10 ** 9), fc.nat(10 ** 6), fc.nat(10 ** 6))
      .map(([n, a, b, c]) => `${n} ${a} ${b} ${c} `);
    const line = fc.oneof(row, fc.string({ maxLength: 80 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 120 }), (lines) => {
        const r = parseFitParamsOutput(lines.join('\n'));
        assert.ok(r.devices.length <= MAX_FIT_DEVICES);
        for (const d of r.devices) for (const v of [d.modelMiB, d.contextMiB, d.computeMiB]) assert.ok(Number.isSafeInteger(v) && v >= 0);
        const rows = lines.filter((l) => /^\S+ \d+ \d+ \d+ $/.test(l)).length;
        assert.equal(r.devices.length, Math.min(rows, MAX_FIT_DEVICES));
      }),
    );
  });

  it('reads a huge output in linear time and says it stopped', () => {
    const big = 'CUDA0 1 2 3\n'.repeat(20) + 'a '.repeat(MAX_FIT_OUTPUT_CHARS);
    const started = performance.now();
    const r = parseFitParamsOutput(big + '\n' + ' '.repeat(5_000_000));
    assert.ok(performance.now() - started < 500, 'took too long');
    assert.equal(r.truncated, true);
    assert.equal(r.devices.length, 20);
  });
});
