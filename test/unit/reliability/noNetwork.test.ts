import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as dns from 'node:dns';
import * as net from 'node:net';
import * as path from 'node:path';
import { takeNetworkAttempts } from '../../helpers/noNetwork';

describe('no network at run time (the guard every test runs under)', () => {
  afterEach(() => void takeNetworkAttempts());

  it('refuses a connection to a public address and a DNS lookup, in this process', () => {
    // Never try the address for real: without the guard this test stops before connecting.
    assert.ok((globalThis as { runlocalaiNetworkAttempts?: unknown }).runlocalaiNetworkAttempts, 'the guard is not loaded');
    assert.throws(() => net.connect(443, '203.0.113.7'), /network access attempted in a test: 203\.0\.113\.7:443/);
    assert.throws(() => dns.lookup('huggingface.co', () => undefined), /DNS huggingface\.co/);
    assert.deepEqual(takeNetworkAttempts(), ['203.0.113.7:443', 'DNS huggingface.co']);
  });

  it('allows loopback (the protocol tests talk to servers on 127.0.0.1)', async () => {
    const server = net.createServer((s) => s.end()).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve, reject) => net.connect(port, '127.0.0.1', resolve).once('error', reject));
    server.close();
    assert.deepEqual(takeNetworkAttempts(), []);
  });

  it('is loaded into the processes the tests start', () => {
    // The child exits before connecting when the guard is missing, so no packet ever leaves for real.
    const probe =
      "if (!globalThis.runlocalaiNetworkAttempts) { console.error('guard not loaded'); process.exit(3); } require('node:net').connect(80, '198.51.100.1')";
    const r = spawnSync(process.execPath, ['-e', probe], {
      encoding: 'utf8',
      env: { ...process.env, RUNLOCALAI_NO_NETWORK_QUIET: '' },
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /network access attempted in a test: 198\.51\.100\.1:80/);
    assert.ok(process.env.NODE_OPTIONS?.includes(path.join('out', 'test', 'helpers', 'noNetwork.js')));
  });
});
