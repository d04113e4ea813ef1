import * as assert from 'node:assert/strict';
import { panelHtml, parsePanelMessage } from '../../../client/src/panel/panelHtml';
import { answerToJson } from '../../../server/src/engine/answer/toJson';
import { answerWillItRun } from '../../../server/src/engine/answer/answerWillItRun';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
function answer(model: string, gpu: string, count = 1) {
  const r = answerWillItRun(
    { model, ctx: 8192 },
    { catalog, models: createModelResolver(catalog), hardware: gpuHardware(catalog, gpu, count, 16) },
  );
  assert.ok(r.ok);
  return answerToJson(r.answer);
}

describe('the Will-it-run panel page', () => {
  it('says where a partial offload puts the model, as the CLI and the diagnostic do', () => {
    const dense = answer('qwen2.5:32b', 'RTX 4070');
    assert.equal(dense.verdict, 'partial-offload');
    assert.match(panelHtml(dense, { nonce: 'n', cspSource: 'c' }), / · \d+ of 64 layers on the GPU, the other \d+ on the CPU<\/p>/);
    const moe = answer('mixtral:8x7b', 'RTX 4070');
    assert.equal(moe.verdict, 'partial-offload');
    assert.ok(moe.offload, 'no offload line');
    assert.ok(panelHtml(moe, { nonce: 'n', cspSource: 'c' }).includes(` · ${moe.offload}</p>`));
    assert.equal(answer('llama3.1:8b', 'RTX 4090').offload, null);
  });

  it('runs only its own nonce’d script and loads nothing remote', () => {
    const html = panelHtml(answer('llama3.1:8b', 'RTX 4090'), { nonce: 'n0nce', cspSource: 'vscode-resource:' });
    assert.match(
      html,
      /Content-Security-Policy" content="default-src 'none'; img-src vscode-resource: data:; style-src 'nonce-n0nce'; script-src 'nonce-n0nce';"/,
    );
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [' nonce="n0nce"']);
    assert.doesNotMatch(html, /https?:\/\//);
  });

  it('says the verdict in one line and draws a bar against usable memory, one per device when split', () => {
    const one = panelHtml(answer('llama3.1:8b', 'RTX 4090'), { nonce: 'n', cspSource: 'c' });
    assert.match(one, /<p id="verdict" class="verdict fits" role="status">Fits<\/p>/);
    assert.equal((one.match(/<svg /g) ?? []).length, 1);
    assert.match(one, /<line [^>]*class="room"/);
    const split = panelHtml(answer('llama3.1:70b', 'RTX 3090', 2), { nonce: 'n', cspSource: 'c' });
    assert.equal((split.match(/<svg /g) ?? []).length, 3, 'one bar for all and one per GPU');
    const wont = answer('llama3.1:70b', 'RTX 4070');
    const html = panelHtml(wont, { nonce: 'n', cspSource: 'c' });
    assert.match(html, /class="verdict wont-fit"/);
    assert.equal((html.match(/<button data-alternative=/g) ?? []).length, wont.alternatives.length);
    assert.ok(wont.alternatives.length > 0);
  });

  it('escapes every value that comes from outside (names, notes, paths)', () => {
    const a = answer('llama3.1:8b', 'RTX 4090');
    const hostile = { ...a, modelName: '<img src=x onerror=alert(1)>', hardware: '"><script>bad()</script>', warnings: ['<b>x</b>'] };
    const html = panelHtml(hostile, { nonce: 'n', cspSource: 'c' });
    assert.doesNotMatch(html, /<img src=x/);
    assert.doesNotMatch(html, /<script>bad/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('accepts only the messages it knows, with indexes in range', () => {
    assert.deepEqual(parsePanelMessage({ type: 'copy' }, 0), { type: 'copy' });
    assert.deepEqual(parsePanelMessage({ type: 'alternative', index: 1 }, 2), { type: 'alternative', index: 1 });
    for (const bad of [
      null,
      'copy',
      { type: 'alternative', index: 2 },
      { type: 'alternative', index: -1 },
      { type: 'alternative', index: '0' },
      { type: 'run', cmd: 'rm' },
    ])
      assert.equal(parsePanelMessage(bad, 2), undefined, JSON.stringify(bad));
  });
});
