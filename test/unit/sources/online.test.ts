import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createOnlineLookup } from '../../../server/src/sources/online';
import { cli } from '../../helpers/cli';
import { denseGqa, tensorSum, writeGguf } from '../../helpers/gguf';
import { testCatalog } from '../../helpers/catalog';
import { tempDir } from './stores.test';

// A registry and a hub on 127.0.0.1 serving fixtures: nothing in the suite reaches the network.
function fixtureServer(routes: Record<string, Buffer | string>, log: string[]) {
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    const body = routes[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    const buf = Buffer.from(body);
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (m) {
      const part = buf.subarray(Number(m[1]), Number(m[2]) + 1);
      res.writeHead(206, { 'Content-Length': part.length }).end(part);
    } else res.writeHead(200, { 'Content-Length': buf.length }).end(buf);
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('online lookup (opt-in), against a local server', () => {
  let root: string;
  let server: { url: string; close: () => Promise<void> };
  const log: string[] = [];
  const gguf = Buffer.concat([writeGguf(denseGqa().spec), Buffer.alloc(1 << 20)]); // the header, then "tensor data"
  const digest = createHash('sha256').update(gguf).digest('hex');
  const config = fs.readFileSync(path.join('test', 'fixtures', 'calibration', 'configs', 'Qwen2.5-7B.json'), 'utf8');

  before(async () => {
    server = await fixtureServer(
      {
        '/v2/library/tiny-online/manifests/latest': JSON.stringify({
          layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${digest}`, size: gguf.length }],
        }),
        [`/v2/library/tiny-online/blobs/sha256:${digest}`]: gguf,
        '/acme/online-7b/resolve/main/config.json': config,
        '/acme/online-7b/resolve/main/model.safetensors.index.json': JSON.stringify({ metadata: { total_size: 15_231_233_024 } }),
      },
      log,
    );
  });
  after(() => server.close());
  beforeEach(() => {
    root = tempDir();
    log.length = 0;
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const env = () => ({
    RUNLOCALAI_CACHE_DIR: path.join(root, 'cache'),
    HF_ENDPOINT: server.url,
    RUNLOCALAI_OLLAMA_REGISTRY: server.url,
    OLLAMA_MODELS: path.join(root, 'no-store'),
    HF_HUB_CACHE: path.join(root, 'no-hub'),
  });

  it('estimate --online reads an Ollama registry manifest and the blob header by range request, then caches it', async () => {
    const r = await cli(['estimate', 'tiny-online', '--online', '--gpu', 'RTX 4090', '--json'], undefined, env());
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.source.kind, 'online');
    assert.match(j.source.path, new RegExp(`/v2/library/tiny-online/blobs/sha256:${digest} \\(\\d{4}-\\d{2}-\\d{2}\\)`));
    assert.equal(j.weightsBytes, tensorSum(denseGqa().spec.tensors));
    assert.ok(
      log.some((l) => /blobs\/sha256:[0-9a-f]+ bytes=0-\d+/.test(l)),
      log.join('\n'),
    );
    const cached = JSON.parse(
      fs
        .readdirSync(path.join(root, 'cache'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => fs.readFileSync(path.join(root, 'cache', f), 'utf8'))[0],
    );
    assert.equal(cached.kind, 'gguf-header');
    assert.match(cached.date, /^\d{4}-\d{2}-\d{2}T/);
    // A second run answers from the cache without asking the server.
    log.length = 0;
    const again = await cli(['estimate', 'tiny-online', '--online', '--gpu', 'RTX 4090', '--json'], undefined, env());
    assert.equal(JSON.parse(again.out).source.kind, 'online');
    assert.deepEqual(log, []);
  });

  it('estimate --online reads a Hugging Face config.json and safetensors index', async () => {
    const r = await cli(['estimate', 'acme/online-7b', '--online', '--runtime', 'vllm', '--gpu', 'H100 80GB', '--json'], undefined, env());
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.source.kind, 'online');
    assert.equal(j.weightsBytes, 15_231_233_024);
  });

  it('without --online nothing is asked; a failure is one log line and the name answers', async () => {
    const off = await cli(['estimate', 'tiny-online:7b', '--gpu', 'RTX 4090', '--json'], undefined, env());
    assert.equal(JSON.parse(off.out).source.kind, 'name');
    assert.deepEqual(log, []);
    const down = await cli(['estimate', 'broken-thing:7b', '--online', '--gpu', 'RTX 4090', '--json'], undefined, {
      ...env(),
      RUNLOCALAI_OLLAMA_REGISTRY: 'http://127.0.0.1:1',
      HF_ENDPOINT: 'http://127.0.0.1:1',
    });
    assert.equal(JSON.parse(down.out).source.kind, 'name');
    assert.equal(down.err.split('\n').filter((l) => /online lookup of broken-thing:7b failed/.test(l)).length, 1, down.err);
  });

  it('a miss in the editor starts the fetch in the background; the next hover has the answer', async () => {
    const lookup = createOnlineLookup({
      catalog: testCatalog(),
      cacheDir: path.join(root, 'cache'),
      hfEndpoint: server.url,
      ollamaRegistry: server.url,
      log: () => {},
    });
    const readers = undefined as never;
    assert.equal(lookup.source.resolve({ reference: 'tiny-online' }, readers), undefined);
    await lookup.prefetch('tiny-online');
    assert.equal(lookup.source.resolve({ reference: 'tiny-online' }, readers)?.provenance.source, 'online');
  });
});
