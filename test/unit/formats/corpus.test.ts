import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

// Real configs from public repositories, by format (../shared/corpus/configs/<folder>/, SOURCES.tsv).
const FORMAT_OF_FOLDER: Record<string, string> = {
  modelfile: 'modelfile',
  'llamacpp-cmd': 'command-line',
  vllm: 'vllm',
  localai: 'localai',
  'llama-swap': 'llama-swap',
  compose: 'compose',
  'hf-config': 'hf-config',
};
const MAX_BYTES = 5 * 1024 * 1024;
const configsDir = path.resolve(process.cwd(), '..', 'shared', 'corpus', 'configs');

describe('real configs (../shared/corpus/configs)', function () {
  if (!fs.existsSync(configsDir)) {
    it('needs ../shared/corpus/configs beside the clone', function () {
      console.warn(`    the corpus is absent at ${configsDir}: real configs were not checked`);
      this.skip();
    });
    return;
  }
  const catalog = testCatalog();
  const service = createLanguageService({ catalog });
  // A large machine, so that an error must come from the file's own numbers, not from a small GPU.
  const hardware = gpuHardware(catalog, 'H100 SXM5 80GB', 8, 2048);
  const files = fs
    .readdirSync(configsDir)
    .filter((dir) => FORMAT_OF_FOLDER[dir])
    .flatMap((dir) => fs.readdirSync(path.join(configsDir, dir)).map((f) => ({ dir, file: path.join(configsDir, dir, f) })));

  it('holds configs of every supported format', () => {
    assert.deepEqual([...new Set(files.map((f) => f.dir))].sort(), Object.keys(FORMAT_OF_FOLDER).sort());
  });

  for (const { dir, file } of files) {
    it(`${dir}/${path.basename(file)}`, () => {
      assert.ok(fs.statSync(file).size <= MAX_BYTES);
      const text = fs.readFileSync(file, 'utf8');
      const doc = { uri: `file://${file}`, version: 1, languageId: 'plaintext', getText: () => text };
      const { format, skipped, check } = service.checkDocument(doc, hardware);
      assert.equal(format, FORMAT_OF_FOLDER[dir], `not recognised: ${skipped}`);
      assert.deepEqual(
        check.findings.filter((f) => f.code === 'parse-error' || f.code === 'modelfile-syntax'),
        [],
        'a valid file got a parse error',
      );
      for (const f of check.findings.filter((x) => x.severity === 'error')) justify(f, check.deployments, text);
    });
  }
});

/** An error must follow from the numbers: the total above what is usable, or the file's own settings. */
function justify(
  f: { code: string; message: string; range: { start: { line: number } } },
  deployments: { line: number; totalBytes?: number; usableBytes?: number }[],
  text: string,
): void {
  const line = f.range.start.line + 1;
  switch (f.code) {
    case 'wont-fit':
    case 'vllm-kv-cache-too-small': {
      const d = deployments.find((x) => x.totalBytes !== undefined && x.usableBytes !== undefined && x.totalBytes > x.usableBytes);
      assert.ok(d, `line ${line}: ${f.code} without a deployment needing more than it has: ${f.message}`);
      return;
    }
    case 'tensor-parallel-exceeds-gpus':
    case 'tensor-parallel-heads':
    case 'context-above-trained':
    case 'quantized-v-without-flash-attention': {
      const written = text.split(/\r?\n/)[f.range.start.line] ?? '';
      assert.match(written, /\d|q\d/i, `line ${line}: ${f.code} on a line without the value it judges`);
      return;
    }
    case 'group-wont-fit':
      assert.match(f.message, /more than the/);
      return;
    default:
      assert.fail(`line ${line}: unexpected error ${f.code}: ${f.message}`);
  }
}
