import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../../server/src/engine/languageService';
import type { Hardware } from '../../../server/src/engine/hardware/types';
import { GiB } from '../../../server/src/engine/types';
import { createLocalSources } from '../../../server/src/sources/createSources';
import { testCatalog } from '../../helpers/catalog';
import { doc } from '../../helpers/documents';
import { denseGqa, str, writeGguf } from '../../helpers/gguf';
import { tempDir } from './stores.test';

const catalog = testCatalog();
const gpu = (gib: number): Hardware => ({
  source: 'setting',
  devices: [{ name: `GPU ${gib}`, vendor: 'nvidia', totalBytes: gib * GiB, unified: false, bandwidthGBs: 1000 }],
  ramBytes: 0.5 * GiB,
});

describe('verdicts from a name alone', () => {
  const service = createLanguageService({ catalog });
  const findings = (hw: Hardware) => service.doValidation(doc('FROM some-new-model:13b\nPARAMETER num_ctx 4096\n', 'modelfile'), hw);

  it('says "can\'t tell from the name" when the limit is inside the estimate\'s error range', () => {
    // Find the usable memory at which the estimate is right at the limit, then ask just below it.
    const fits = findings(gpu(80));
    assert.deepEqual(
      fits.map((f) => f.code),
      [],
    );
    let lo = 1;
    let hi = 80;
    while (hi - lo > 0.05) {
      const mid = (lo + hi) / 2;
      if (findings(gpu(mid)).length === 0) hi = mid;
      else lo = mid;
    }
    const near = findings(gpu(lo * 0.97));
    assert.equal(near[0]?.code, 'cannot-tell', JSON.stringify(near));
    assert.equal(near[0].severity, 'information');
    assert.match(near[0].message, /Can't tell from the name: .* ±\d+%/);
  });

  it('never gives an error diagnostic from a guess, even far over the limit', () => {
    const far = findings(gpu(1));
    assert.ok(far.length > 0);
    assert.ok(
      far.every((f) => f.severity !== 'error'),
      JSON.stringify(far),
    );
    assert.match(far[0].message, /source: name some-new-model:13b, approximate ±\d+%/);
  });

  it('escapes a model name read from a file in the hover', () => {
    const root = tempDir();
    try {
      const spec = denseGqa().spec;
      spec.metadata = spec.metadata.map(([k, v]) => (k === 'general.name' ? [k, str('[click](command:evil)')] : [k, v]));
      fs.writeFileSync(path.join(root, 'x.gguf'), writeGguf(spec));
      const local = createLocalSources({ catalog, env: {}, cwd: root, workspaceRoots: [root], trusted: false });
      const s = createLanguageService({ catalog, sources: { local: local.sources, readers: local.readers } });
      const text = 'Run ./x.gguf here.';
      const hover = s.doHover(doc(text, 'markdown', `file://${root}/notes.md`), { line: 0, character: 7 }, gpu(24));
      assert.ok(hover, 'no hover on ./x.gguf');
      assert.match(hover.markdown, /GGUF file/);
      assert.ok(!hover.markdown.includes('[click](command:evil)'), hover.markdown);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
