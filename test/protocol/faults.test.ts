import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/lspClient';

/** A request must be answered within this long, whatever the document (generous for a busy machine). */
const ANSWER_MS = 5000;

async function answered<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS)),
  );
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(
    Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
    ),
  )
  .join('\n');

const hostile: [string, string, string][] = [
  ['a Modelfile PARAMETER line with 200,000 tabs', 'modelfile', `FROM llama3.1:8b\nPARAMETER num_ctx 8${'\t'.repeat(200_000)}x\n`],
  ['a Modelfile whose FROM is 1 MB long', 'modelfile', `FROM ${'a'.repeat(1_000_000)}\n`],
  ['a 1 MB single line of Markdown', 'markdown', `KV cache ${'word '.repeat(200_000)}`],
  ['binary bytes', 'plaintext', String.fromCharCode(...Array.from({ length: 65_536 }, (_, i) => (i * 7919) % 256))],
  ['100,000 lines', 'markdown', Array(100_000).fill('The KV cache and GGUF and RTX 4090 and llama3.1:8b').join('\n')],
  ['a YAML alias bomb', 'yaml', aliasBomb],
  [
    'a log of 50,000 known error lines',
    'log',
    Array(50_000).fill('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB').join('\n'),
  ],
  ['a Python file named modelfile.py', 'python', 'FROM = 1  # not a Modelfile\n'.repeat(10_000)],
];

describe('fault suite through the real server: hostile documents (issue 11)', function () {
  this.timeout(120_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ settings: { gpu: 'RTX 4090' } });
  });
  after(() => s.stop());

  hostile.forEach(([name, languageId, text], i) => {
    it(`answers hover and diagnostics on ${name}, with at most 501 short diagnostics`, async () => {
      const uri = `file:///faults/${i}/${languageId === 'python' ? 'modelfile.py' : languageId === 'modelfile' ? 'Modelfile' : `doc.${languageId}`}`;
      s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      await answered(
        'hover',
        s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }),
      );
      const report: any = await answered('diagnostics', s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }));
      assert.ok(report.items.length <= 501, `${report.items.length} diagnostics`);
      for (const d of report.items) assert.ok(d.message.length < 2000, `a ${d.message.length}-character message`);
      if (languageId === 'python') assert.equal(report.items.length, 0, 'a Python file was read as a Modelfile');
      s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const health: any = await answered('health', s.connection.sendRequest('runlocalai/health'));
      assert.equal(typeof health.pid, 'number');
    });
  });
});

describe('fault suite: a detection worker that prints garbage', function () {
  this.timeout(30_000);
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ env: { RUNLOCALAI_DETECT_WORKER: path.resolve('test/protocol/fixtures/garbageWorker.cjs') } });
  });
  after(() => s.stop());

  it('reports the failure once, without the garbage, and keeps serving', async () => {
    const changed = await s.waitForNotification('runlocalai/hardwareChanged', (p) => p.hardware.source === 'failed', 15_000);
    assert.match(changed.hardware.note, /not an answer/);
    assert.ok(!JSON.stringify(s.notifications).includes('\\u001b[2J'), 'the worker output reached the client');
    const uri = 'file:///faults/garbage.md';
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: 'The KV cache.' },
    });
    const hover: any = await answered(
      'hover',
      s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 6 } }),
    );
    assert.match(hover.contents.value, /KV cache/);
  });
});

describe('fault suite: GPU counts past their bound in the settings (issue 11, item 2)', function () {
  this.timeout(30_000);
  for (const gpuCount of [1e6, 1e7]) {
    it(`answers a model hover at once with runlocalai.gpuCount ${gpuCount}, using the default count instead`, async () => {
      const s = await startTestServer({ settings: { gpu: 'RTX 4090', gpuCount } });
      try {
        const uri = 'file:///faults/count/Modelfile';
        s.connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'modelfile', version: 1, text: 'FROM llama3.1:8b\n' },
        });
        const started = performance.now();
        const hover: any = await answered(
          'hover',
          s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } }),
        );
        assert.ok(performance.now() - started < 2000, `${(performance.now() - started).toFixed(0)} ms`);
        assert.ok(hover);
        const status: any = await answered('status', s.connection.sendRequest('runlocalai/hardwareStatus'));
        assert.ok(status.hardware.devices.length <= 64, `${status.hardware.devices.length} devices`);
      } finally {
        await s.stop();
      }
    });
  }
});
