import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFitParams } from '../../server/src/runtime/llamaFitParams';
import { startTestServer, type TestServer } from '../helpers/lspClient';

// "Confirm with llama.cpp": the server runs llama-fit-params from the PATH, without a shell, only
// when asked and only in a trusted workspace. A stand-in script on PATH plays the tool.
const fixtures = path.resolve('test/protocol/fixtures');
const fake = path.join(fixtures, 'llama-fit-params');
const withFake = (extra: Record<string, string> = {}) => ({ PATH: `${fixtures}${path.delimiter}${process.env.PATH}`, ...extra });

async function answerFor(s: TestServer, model: string): Promise<any> {
  const r: any = await s.connection.sendRequest('runlocalai/willItRun', { model, quant: 'Q4_K_M', ctx: 8192, runtime: 'llama.cpp' });
  assert.ok(r.answer, JSON.stringify(r));
  return r.answer;
}

describe('Confirm with llama.cpp (llama-fit-params)', function () {
  this.timeout(30_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-fit-'));
  const log = path.join(tmp, 'args.txt');
  // A file name a shell would act on: it must reach the tool as one argument and run nothing.
  const hostile = path.join(tmp, 'my model; touch pwned $(touch pwned2).gguf');
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('runs the tool on PATH for a local GGUF with the same context, layers and KV settings, and reads its rows', async () => {
    const s = await startTestServer({ env: withFake({ FAKE_FIT_LOG: log }), settings: { gpu: 'RTX 4090' } });
    try {
      const answer = await answerFor(s, 'llama3.1:8b');
      const local = { ...answer, source: { kind: 'gguf-file', path: hostile } };
      const availability: any = await s.connection.sendRequest('runlocalai/fitParamsAvailability', { answer: local });
      assert.deepEqual(availability, { available: true, tool: fake });
      const r: any = await s.connection.sendRequest('runlocalai/confirmWithRuntime', { answer: local });
      assert.equal(r.error, undefined, r.error);
      assert.deepEqual(r.devices, [
        { name: 'CUDA0', host: false, modelMiB: 4403, contextMiB: 1024, computeMiB: 560 },
        { name: 'Host', host: true, modelMiB: 282, contextMiB: 0, computeMiB: 16 },
      ]);
      const args = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
      assert.deepEqual(args.slice(0, 6), ['--model', hostile, '--ctx-size', '8192', '--n-gpu-layers', '999']);
      assert.deepEqual(args.slice(-2), ['--fit-print', 'on']);
      assert.ok(!fs.existsSync(path.join(process.cwd(), 'pwned')) && !fs.existsSync(path.join(tmp, 'pwned2')), 'a shell ran');
      assert.match(r.commandLine, /^llama-fit-params --model "/);
    } finally {
      await s.stop();
    }
  });

  it('says why it cannot run: a model known only by name, no tool on PATH, an untrusted workspace', async () => {
    const s = await startTestServer({ env: withFake() });
    const bare = await startTestServer({ env: { PATH: tmp } });
    const untrusted = await startTestServer({ env: withFake(), trusted: false });
    try {
      const answer = await answerFor(s, 'llama3.1:8b');
      const byName: any = await s.connection.sendRequest('runlocalai/confirmWithRuntime', { answer });
      assert.equal(byName.available, false);
      assert.match(byName.reason, /local GGUF file.*came from the catalog/);
      const local = { ...answer, source: { kind: 'gguf-file', path: '/m.gguf' } };
      const noTool: any = await bare.connection.sendRequest('runlocalai/confirmWithRuntime', { answer: local });
      assert.match(noTool.reason, /not on the PATH/);
      const restricted: any = await untrusted.connection.sendRequest('runlocalai/confirmWithRuntime', { answer: local });
      assert.match(restricted.reason, /Restricted Mode/);
    } finally {
      await Promise.all([s.stop(), bare.stop(), untrusted.stop()]);
    }
  });

  it('reports a failing tool with what it printed, and one that prints no rows', async () => {
    // The mode comes from the environment the tool inherits.
    const ok = await runFitParams(fake, ['--fit-print', 'on'], 10_000);
    assert.equal(ok.error, undefined);
    assert.equal(ok.devices.length, 2);
    process.env.FAKE_FIT_MODE = 'fail';
    try {
      const r = await runFitParams(fake, [], 10_000);
      assert.match(r.error ?? '', /failed \(exit 1\): error: invalid argument: --fit-print/);
      process.env.FAKE_FIT_MODE = 'silent';
      const silent = await runFitParams(fake, [], 10_000);
      assert.match(silent.error ?? '', /printed no device rows/);
    } finally {
      delete process.env.FAKE_FIT_MODE;
    }
  });

  it('stops a tool that runs past its time limit', async () => {
    process.env.FAKE_FIT_MODE = 'hang';
    try {
      const started = Date.now();
      const r = await runFitParams(fake, [], 300);
      assert.ok(Date.now() - started < 5_000, 'the time limit was not kept');
      assert.match(r.error ?? '', /was stopped: it ran past/);
    } finally {
      delete process.env.FAKE_FIT_MODE;
    }
  });
});
