import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { catalogSource, createSourceChain, exactWeightsOf, nameSource, type SourceChain } from '../../../server/src/engine/sources/chain';
import { estimateMemory } from '../../../server/src/engine/estimate/estimateMemory';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { createLocalSources } from '../../../server/src/sources/createSources';
import { defaultHfHub, defaultOllamaModels } from '../../../server/src/sources/roots';
import { GiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import {
  denseGqa,
  moe,
  projectorSpec,
  safetensorsHeader,
  slidingWindow,
  tensorSum,
  writeGguf,
  writeHfCache,
  writeLmStudio,
  writeOllamaStore,
  writeSplit,
} from '../../helpers/gguf';

const hardware: Hardware = {
  source: 'setting',
  devices: [{ name: 'GPU 24', vendor: 'nvidia', totalBytes: 24 * GiB, unified: false, bandwidthGBs: 1000 }],
  ramBytes: 64 * GiB,
};

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rlai-sources-'));
}

export function chainFor(root: string, over: { trusted?: boolean; workspace?: string[] } = {}): SourceChain {
  const catalog = testCatalog();
  const resolver = createModelResolver(catalog);
  const local = createLocalSources({
    catalog,
    env: {},
    cwd: root,
    workspaceRoots: over.workspace ?? [root],
    trusted: over.trusted ?? true,
    ollamaModels: path.join(root, 'ollama'),
    hfCache: path.join(root, 'hf'),
    modelsDirs: [path.join(root, 'lmstudio')],
    home: path.join(root, 'home'),
  });
  return createSourceChain([...local.sources, catalogSource(resolver, catalog), nameSource(catalog, resolver)], local.readers);
}

function weightsOf(chain: SourceChain, reference: string, baseDir?: string) {
  const r = chain.resolve({ reference, baseDir });
  assert.ok(r.facts, `no facts for ${reference}: ${r.error?.message}`);
  const f = r.facts;
  const e = estimateMemory({
    model: f.model,
    quant: f.quant!,
    ctx: 4096,
    runtime: 'llama.cpp',
    flashAttention: true,
    parallel: 1,
    hardware,
    exactWeights: exactWeightsOf(f),
  });
  return { facts: f, estimate: e };
}

describe('model sources on disk', () => {
  let root: string;
  beforeEach(() => (root = tempDir()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a GGUF file named by path: exact tensor sum, relative to the config that names it', () => {
    const f = denseGqa();
    fs.mkdirSync(path.join(root, 'models'));
    fs.writeFileSync(path.join(root, 'models', 'my-custom-name.gguf'), writeGguf(f.spec));
    const { facts, estimate } = weightsOf(chainFor(root), './models/my-custom-name.gguf', root);
    assert.equal(facts.provenance.source, 'gguf-file');
    assert.equal(facts.provenance.path, path.join(root, 'models', 'my-custom-name.gguf'));
    assert.equal(estimate.weightsBytes, tensorSum(f.spec.tensors));
    assert.equal(estimate.kvCacheBytes, f.kvBytes(4096));
  });

  it('split files are one model: every part counted once', () => {
    const f = denseGqa();
    const parts = writeSplit(root, 'Big-Model-Q4_K_M', f, 3);
    for (const part of [parts[0], parts[2]]) {
      const { estimate } = weightsOf(chainFor(root), part);
      assert.equal(estimate.weightsBytes, tensorSum(f.spec.tensors));
    }
    fs.rmSync(parts[1]);
    assert.match(chainFor(root).resolve({ reference: parts[0] }).error?.message ?? '', /part 2 of 3 .* is missing/);
  });

  it('a vision projector beside the model counts toward its weights', () => {
    const f = slidingWindow();
    fs.writeFileSync(path.join(root, 'gemma-q8_0.gguf'), writeGguf(f.spec));
    fs.writeFileSync(path.join(root, 'mmproj-gemma-f16.gguf'), writeGguf(projectorSpec()));
    const { facts, estimate } = weightsOf(chainFor(root), path.join(root, 'gemma-q8_0.gguf'));
    assert.equal(estimate.weightsBytes, tensorSum(f.spec.tensors) + tensorSum(projectorSpec().tensors));
    assert.ok(facts.warnings.some((w) => /mmproj-gemma-f16.gguf/.test(w)));
  });

  it('Ollama store: a pulled tag resolves through its manifest to the blob, with num_ctx from the params layer', () => {
    const f = moe();
    const projector = writeGguf(projectorSpec());
    const { modelBlob } = writeOllamaStore(path.join(root, 'ollama'), 'qwen2.5', '32b', writeGguf(f.spec), {
      params: { num_ctx: 16384, stop: ['<|im_end|>'] },
      projector,
    });
    const { facts, estimate } = weightsOf(chainFor(root), 'qwen2.5:32b');
    assert.deepEqual(facts.provenance, { source: 'ollama-store', id: 'qwen2.5:32b', path: modelBlob });
    assert.equal(facts.defaults?.numCtx, 16384);
    assert.deepEqual(facts.defaults?.stop, ['<|im_end|>']);
    assert.equal(estimate.weightsBytes, tensorSum(f.spec.tensors) + tensorSum(projectorSpec().tensors));
    assert.equal(estimate.kvCacheBytes, f.kvBytes(4096));
    // An unpulled tag falls through to the catalog.
    assert.equal(chainFor(root).resolve({ reference: 'qwen2.5:7b' }).facts?.provenance.source, 'catalog');
  });

  it('Hugging Face cache: config.json and the index total_size give the exact checkpoint size', () => {
    const config = fs.readFileSync(path.join('test', 'fixtures', 'calibration', 'configs', 'Qwen2.5-7B.json'), 'utf8');
    writeHfCache(path.join(root, 'hf'), 'Someone/Qwen2.5-7B-Finetune', {
      'config.json': config,
      'model.safetensors.index.json': JSON.stringify({ metadata: { total_size: 15_231_233_024 }, weight_map: {} }),
    });
    const r = chainFor(root).resolve({ reference: 'Someone/Qwen2.5-7B-Finetune' });
    assert.equal(r.facts?.provenance.source, 'hf-cache');
    assert.equal(r.facts?.provenance.id, 'Someone/Qwen2.5-7B-Finetune');
    assert.equal(r.facts?.quant?.id, 'SAFETENSORS_BF16');
    assert.equal(r.facts?.weights?.totalBytes, 15_231_233_024);
  });

  it('Hugging Face cache without an index: the safetensors headers are summed', () => {
    const config = fs.readFileSync(path.join('test', 'fixtures', 'calibration', 'configs', 'Qwen2.5-7B.json'), 'utf8');
    writeHfCache(path.join(root, 'hf'), 'org/small', {
      'config.json': config,
      'model-00001-of-00002.safetensors': safetensorsHeader({ a: { dtype: 'BF16', shape: [10, 10], bytes: 200 } }),
      'model-00002-of-00002.safetensors': safetensorsHeader({
        b: { dtype: 'BF16', shape: [4], bytes: 8 },
        c: { dtype: 'F32', shape: [3], bytes: 12 },
      }),
    });
    assert.equal(chainFor(root).resolve({ reference: 'org/small' }).facts?.weights?.totalBytes, 220);
  });

  it('LM Studio: publisher/repo and a bare file name find the GGUF', () => {
    const f = denseGqa();
    const file = writeLmStudio(path.join(root, 'lmstudio'), 'lmstudio-community/Tiny-GGUF', 'Tiny-Q4_K_M.gguf', writeGguf(f.spec));
    for (const ref of ['lmstudio-community/Tiny-GGUF', 'Tiny-Q4_K_M.gguf']) {
      const { facts, estimate } = weightsOf(chainFor(root), ref);
      assert.equal(facts.provenance.source, 'lmstudio', ref);
      assert.equal(facts.provenance.path, file);
      assert.equal(estimate.weightsBytes, tensorSum(f.spec.tensors));
    }
  });

  it('an untrusted workspace reads no store outside it', () => {
    writeOllamaStore(path.join(root, 'ollama'), 'qwen2.5', '32b', writeGguf(moe().spec));
    const ws = path.join(root, 'ws');
    fs.mkdirSync(ws);
    const r = chainFor(root, { trusted: false, workspace: [ws] }).resolve({ reference: 'qwen2.5:32b' });
    assert.equal(r.facts?.provenance.source, 'catalog');
  });

  it('a path that does not exist is not accepted as a file; its name is all there is', () => {
    const r = chainFor(root).resolve({ reference: './my-model-q4_k_m.gguf', baseDir: root });
    assert.notEqual(r.facts?.provenance.source, 'gguf-file');
    assert.equal(r.error, undefined);
  });
});

describe('bad model files give a clear message and nothing hangs', () => {
  let root: string;
  beforeEach(() => (root = tempDir()));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const errorFor = (reference: string) => {
    const started = Date.now();
    const r = chainFor(root).resolve({ reference, baseDir: root });
    assert.ok(Date.now() - started < 2000, 'resolution took too long');
    assert.equal(r.facts, undefined);
    return r.error?.message ?? '';
  };

  it('a truncated header', () => {
    fs.writeFileSync(
      path.join(root, 'cut.gguf'),
      (() => {
        const b = writeGguf(denseGqa().spec);
        return b.subarray(0, b.length - 400);
      })(),
    );
    assert.match(errorFor('./cut.gguf'), /cut\.gguf: truncated GGUF header/);
  });

  it('counts past the end of the file', () => {
    const b = Buffer.from(writeGguf(denseGqa().spec));
    b.writeBigUInt64LE(10_000n, 8);
    fs.writeFileSync(path.join(root, 'counts.gguf'), b);
    assert.match(errorFor('./counts.gguf'), /counts\.gguf: GGUF declares .* more than the file/);
  });

  it('a directory named .gguf', () => {
    fs.mkdirSync(path.join(root, 'folder.gguf'));
    assert.match(errorFor('./folder.gguf'), /is a folder, not a GGUF file/);
  });

  it('a symlink to /dev/zero', function () {
    if (process.platform === 'win32') this.skip();
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.gguf'));
    assert.match(errorFor('./zero.gguf'), /link to a place outside the folders RunLocalAI reads/);
  });

  it('a FIFO', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(root, 'pipe.gguf');
    execFileSync('mkfifo', [fifo]);
    assert.match(errorFor('./pipe.gguf'), /not a regular file \(a FIFO\)/);
  });

  it('a manifest whose digest tries to leave the store is not followed', () => {
    const dir = path.join(root, 'ollama', 'manifests', 'registry.ollama.ai', 'library', 'evil');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'latest'),
      JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: 'sha256:../../../../etc/passwd' }] }),
    );
    assert.match(chainFor(root).resolve({ reference: 'evil' }).error?.message ?? '', /has no model layer/);
  });
});

describe('where the stores are', () => {
  it("Ollama: OLLAMA_MODELS, else the user's folder and, on Linux, the service's", () => {
    assert.deepEqual(defaultOllamaModels({ OLLAMA_MODELS: '/data/models' }, '/home/me', 'linux'), ['/data/models']);
    assert.deepEqual(defaultOllamaModels({}, '/home/me', 'linux'), ['/home/me/.ollama/models', '/usr/share/ollama/.ollama/models']);
    assert.deepEqual(defaultOllamaModels({}, '/Users/me', 'darwin'), ['/Users/me/.ollama/models']);
  });

  it('Hugging Face: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub', () => {
    assert.equal(defaultHfHub({ HF_HUB_CACHE: '/c', HF_HOME: '/h' }, '/home/me'), '/c');
    assert.equal(defaultHfHub({ HF_HOME: '/h' }, '/home/me'), path.join('/h', 'hub'));
    assert.equal(defaultHfHub({}, '/home/me'), path.join('/home/me', '.cache', 'huggingface', 'hub'));
  });
});
