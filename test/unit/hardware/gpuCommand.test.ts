import * as assert from 'node:assert/strict';
import { runCli } from '../../../server/src/cli/cli';
import type { Catalog } from '../../../server/src/engine/catalog/schema';
import { hardwareFromSystemInformation } from '../../../server/src/engine/hardware/fromSystemInformation';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { fixture, gpuCatalog } from './gpuCatalog';

async function gpu(args: string[], hw: Hardware, raw?: unknown) {
  const out: string[] = [];
  const err: string[] = [];
  const catalog = { glossary: [], models: [], quantizations: [], errors: [], ...gpuCatalog() } as Catalog;
  const code = await runCli(['gpu', ...args], {
    catalog,
    detect: async () => hw,
    detectedRaw: () => raw as never,
    io: { out: (l) => out.push(l), err: (l) => err.push(l), readFile: () => Buffer.alloc(0), readNamedText: () => undefined },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runlocalai gpu', () => {
  it('prints each device, what was left out, RAM and CPU', async () => {
    const raw = fixture('laptop-intel-nvidia');
    const { code, out } = await gpu([], hardwareFromSystemInformation(raw, gpuCatalog()));
    assert.equal(code, 0);
    const lines = out.split('\n');
    assert.match(lines[0], /\(detected\)$/);
    assert.match(out, /RTX 4060 Laptop GPU: 8\.0 GiB/);
    assert.match(out, /laptop/);
    assert.match(out, /not used: .*UHD Graphics \(an integrated GPU/);
    assert.match(out, /RAM: 15\.4 GiB/);
  });

  it('--json prints the hardware and the raw systeminformation answers, which read back as a fixture', async () => {
    const raw = fixture('nvidia-4080-super-3060');
    const hw = hardwareFromSystemInformation(raw, gpuCatalog());
    const { code, out } = await gpu(['--json'], hw, raw);
    assert.equal(code, 0);
    const parsed = JSON.parse(out);
    assert.equal(parsed.hardware.devices.length, 2);
    assert.deepEqual(hardwareFromSystemInformation(parsed.raw, gpuCatalog()), hw);
    assert.match(parsed.summary, /\(detected\)$/);
  });

  it('exits 1 when detection failed, and says why', async () => {
    const { code, out } = await gpu([], { devices: [], source: 'failed', note: 'hardware detection timed out after 10 s' });
    assert.equal(code, 1);
    assert.match(out, /timed out after 10 s/);
  });

  it('rejects arguments it does not take', async () => {
    const { code, err } = await gpu(['rtx'], { devices: [], source: 'detected' });
    assert.equal(code, 2);
    assert.match(err, /runlocalai gpu --help/);
  });
});
