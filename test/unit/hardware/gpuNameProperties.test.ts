import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeHardware } from '../../../server/src/engine/hardware/describe';
import { hardwareFromSettings, resolveHardware } from '../../../server/src/engine/hardware/fromSettings';
import { parseGpuSetting } from '../../../server/src/engine/hardware/gpuSetting';
import { isLaptopName, looseMatchGpu, matchGpu, memoryHintFromName, reportedNames } from '../../../server/src/engine/hardware/matchGpu';
import { noHardwareYet } from '../../../server/src/engine/hardware/types';
import { GiB } from '../../../server/src/engine/types';
import { gpuCatalog } from './gpuCatalog';

const RUNS = 10_000;
const catalog = gpuCatalog();

/** Pieces real names are made of, so generated names get near the matcher's decisions. */
const fragment = fc.oneof(
  fc.constantFrom(
    'NVIDIA',
    'GeForce',
    'RTX',
    'rtx',
    'Radeon',
    'RX',
    'AMD',
    'Intel(R)',
    'Arc(TM)',
    'Apple',
    'Tesla',
    'Instinct',
    'Laptop GPU',
    'Max-Q',
    'Mobile',
    'Ti',
    'SUPER',
    'XT',
    'XTX',
    'Max',
    'Pro',
    'Ultra',
    'SXM4',
    'PCIe',
    'HBM3',
    'NVL',
    'Ada Generation',
  ),
  fc.constantFrom('3090', '4060', '4090', '5090', 'A100', 'H100', 'V100', 'M3', 'M4', 'A770', 'B580', '7900', 'MI300X', '8060S', 'GB10'),
  fc.nat({ max: 4096 }).map((n) => `${n}GB`),
  fc.constantFrom('0GB', '99999999999GB', '1e9GB', '-16GB', '16 GB', '2x', 'x2', '×', '*', '(rev a1)', '[', ']', '/', '(', ')', '-'),
  fc.constantFrom(' ', '\t', '\u00a0', '\r\n', ' '.repeat(500), '\t'.repeat(2000)),
  fc.string({ maxLength: 6 }),
);
const nearName = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' '));
const anyName = fc.oneof(nearName, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

let cases = 0;
after(() => console.log(`      GPU name property cases run: ${cases}`));

describe('GPU name matching, properties', () => {
  it(`never throws and only returns catalog GPUs (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(anyName, fc.option(fc.double({ min: -1e12, max: 1e15, noNaN: false })), (name, vram) => {
        cases++;
        const m = matchGpu(name, vram ?? undefined, catalog);
        if (m) assert.ok(catalog.gpus.includes(m.gpu));
        const loose = looseMatchGpu(name, catalog);
        if (loose) assert.ok(catalog.gpus.includes(loose.gpu));
        reportedNames(name);
        isLaptopName(name);
        memoryHintFromName(name);
      }),
      { numRuns: RUNS },
    );
  });

  it(`a size in the name is the size of the match, or there is no match (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        nearName,
        fc.constantFrom(4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 36, 40, 48, 64, 80, 94, 96, 128, 141, 192),
        (name, size) => {
          cases++;
          const m = looseMatchGpu(`${name} ${size}GB`, catalog);
          if (!m) return;
          const sizes =
            m.gpu.unified || m.gpu.vendor === 'apple' ? (m.gpu.unifiedMemoryOptionsGiB ?? [m.gpu.memoryGiB]) : [m.gpu.memoryGiB];
          assert.ok(
            sizes.some((s) => Math.abs(s - size) <= Math.max(0.5, 0.03 * s)),
            `"${name} ${size}GB" resolved to ${m.gpu.id} (${sizes.join('/')} GiB)`,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it(`settings text never throws, counts stay within 1..64, messages stay short (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(anyName, fc.oneof(fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, 2.5)), (gpu, gpuCount) => {
        cases++;
        const parsed = parseGpuSetting(gpu);
        if (parsed.count !== undefined) assert.ok(parsed.count >= 1 && parsed.count <= 999);
        const hw = hardwareFromSettings({ gpu, gpuCount, vramGB: 8 }, catalog);
        if (hw) {
          assert.ok(hw.devices.length >= 0 && hw.devices.length <= 64);
          assert.ok((hw.note ?? '').length < 600, `note of ${hw.note?.length} characters`);
          const d = describeHardware(hw);
          assert.ok(d.summary.length < 600);
        }
        resolveHardware({ gpu, gpuCount, vramGB: null }, catalog, noHardwareYet);
      }),
      { numRuns: RUNS },
    );
  });

  it('an unsized name with variants of different memory resolves to the smallest and says so', () => {
    const families = new Map<string, typeof catalog.gpus>();
    for (const g of catalog.gpus) if (g.family) families.set(g.family, [...(families.get(g.family) ?? []), g]);
    for (const [family, members] of families) {
      for (const driverName of members[0].driverNames ?? []) {
        const m = matchGpu(driverName, undefined, catalog);
        assert.ok(m, `${family}: "${driverName}" matched nothing`);
        const least = (g: (typeof members)[number]) => Math.min(...(g.unifiedMemoryOptionsGiB ?? [g.memoryGiB]));
        const smallest = Math.min(...members.map(least));
        assert.equal(least(m.gpu), smallest, `${family}: "${driverName}" → ${m.gpu.id}`);
        if (new Set(members.map(least)).size > 1) assert.equal(m.sizeAssumed, true, `${family}: "${driverName}" did not say it assumed`);
      }
    }
  });
});

describe('GPU names, hostile lengths', () => {
  // Before: a 50 KB runlocalai.gpu value took 11-17 s per hover (backtracking regular expressions).
  const bounded = (label: string, fn: () => void, ms: number) => {
    const start = performance.now();
    fn();
    const took = performance.now() - start;
    assert.ok(took < ms, `${label} took ${took.toFixed(0)} ms`);
  };

  it('a 200 KB whitespace-laden runlocalai.gpu value is answered at once, quoted short', () => {
    const hostile = ['RTX 4090', ' \t'.repeat(100_000), 'x'].join('');
    assert.ok(hostile.length >= 200_000);
    bounded(
      '200 KB setting',
      () => {
        const hw = resolveHardware({ gpu: hostile, gpuCount: 1, vramGB: null }, catalog, noHardwareYet);
        assert.ok((hw.note ?? '').length < 300, 'the note quotes a short excerpt');
        describeHardware(hw);
        const set = hardwareFromSettings({ gpu: hostile, gpuCount: 1, vramGB: 24 }, catalog);
        assert.ok(set && set.devices[0].name.length <= 200);
        describeHardware(set);
      },
      1000,
    );
  });

  it('time grows no faster than the input: 25 KB to 1.6 MB of digits, spaces and brackets', () => {
    for (const shape of ['1'.repeat(1000) + ' ', ' '.repeat(1000) + '(', '[' + '9 GB '.repeat(200), 'rtx3090 x2 '.repeat(90)]) {
      for (let size = 25_000; size <= 1_600_000; size *= 4) {
        const text = shape.repeat(Math.ceil(size / shape.length)).slice(0, size);
        bounded(
          `${size} characters of ${JSON.stringify(shape.slice(0, 12))}`,
          () => {
            matchGpu(text, undefined, catalog);
            looseMatchGpu(text, catalog);
            reportedNames(text);
            hardwareFromSettings({ gpu: text, gpuCount: 2, vramGB: 16 }, catalog);
            describeHardware({ devices: [{ name: text, vendor: 'unknown', totalBytes: GiB, unified: false }], source: 'detected' });
          },
          // Generous: a linear pass over 1.6 MB takes milliseconds; the old quadratic patterns took minutes.
          1500,
        );
      }
    }
  });
});
