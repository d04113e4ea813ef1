import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EditFix } from '../../../server/src/engine/formats/editFixes';
import { languageForPath } from '../../../server/src/engine/formats/registry';
import { parseTargetFile, targetHardware } from '../../../server/src/engine/formats/target';
import type { Fix } from '../../../server/src/engine/types';
import { GiB } from '../../../server/src/engine/types';
import { testCatalog } from '../../helpers/catalog';
import { applyEdits } from '../../helpers/edits';
import { checkFile } from '../../helpers/formats';

const catalog = testCatalog();
const examples = path.resolve('examples');
const DOES_NOT_FIT = new Set(['wont-fit', 'partial-offload', 'group-wont-fit', 'vllm-kv-cache-too-small']);
/** A config.json describes the model's architecture, not how it is served: there is nothing in it to edit. */
const NOTHING_TO_EDIT = new Set(['hf-config']);
const isEditFix = (f: Fix): f is EditFix => 'promise' in f && Array.isArray(f.edits);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

describe('examples/: every config that does not fit offers an edit that makes it fit', () => {
  const declared = parseTargetFile(fs.readFileSync(path.join(examples, '.runlocalai.yaml'), 'utf8'));
  const target = targetHardware(declared.settings!, catalog, { devices: [], source: 'setting', ramBytes: 8 * GiB }, 'examples');
  const hardware = target.hardware!;
  let misfits = 0;

  for (const file of files(examples)) {
    const name = path.relative(examples, file);
    const languageId = languageForPath(file);
    if (!languageId) continue;
    const text = fs.readFileSync(file, 'utf8');
    const before = checkFile(name, text, hardware, languageId);
    const failing = before.result.findings.filter((f) => DOES_NOT_FIT.has(f.code));
    if (!before.format || failing.length === 0 || NOTHING_TO_EDIT.has(before.format)) continue;
    misfits += failing.length;

    it(`${name}: each finding's best fix makes it fit, and the message names it`, () => {
      for (const f of failing) {
        const best = f.fixes.filter(isEditFix).find((x) => x.isPreferred);
        assert.ok(best, `${f.code} offers no edit that fits: ${f.message}\n${f.fixes.map((x) => x.title).join('\n')}`);
        assert.ok(f.message.includes(`Best fix: ${best.title}.`), f.message);
        const fixed = applyEdits(text, best.edits);
        const after = checkFile(name, fixed, hardware, languageId);
        const count = (r: typeof before) => r.result.findings.filter((x) => x.code === f.code).length;
        assert.ok(count(after) < count(before), `"${best.title}" left ${f.code} in place:\n${fixed}`);
        if (f.code !== 'group-wont-fit') assert.ok(best.promise.verdict === 'fits' || best.promise.verdict === 'tight');
      }
    });
  }

  it('has configs that do not fit (the walk found them)', () => {
    assert.ok(misfits >= 8, `only ${misfits} findings that do not fit in examples/`);
  });
});
