import * as assert from 'node:assert/strict';
import { panelHtml, parsePanelMessage } from '../../../client/src/panel/panelHtml';
import { compareGpus } from '../../../server/src/engine/answer/compareGpus';
import { answerWillItRun } from '../../../server/src/engine/answer/answerWillItRun';
import { answerToJson } from '../../../server/src/engine/answer/toJson';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4070', 1, 32);
const options = { nonce: 'n', cspSource: 'c' };

function answer() {
  const r = answerWillItRun({ model: 'llama3.1:8b', quant: 'Q4_K_M', ctx: 8192, runtime: 'llama.cpp' }, { catalog, models, hardware });
  assert.ok(r.ok);
  return answerToJson(r.answer);
}

describe('the panel: Compare GPUs and Confirm with llama.cpp', () => {
  it('offers Compare GPUs always, and Confirm with llama.cpp enabled only when it can run, saying why not', () => {
    const a = answer();
    const none = panelHtml(a, options);
    assert.match(none, /<button id="compare">Compare GPUs…<\/button>/);
    assert.doesNotMatch(none, /id="confirm"/, 'no availability known: no button');
    const on = panelHtml(a, { ...options, confirm: { available: true, tool: '/usr/bin/llama-fit-params' } });
    assert.match(on, /<button id="confirm" title="[^"]*">Confirm with llama.cpp<\/button>/);
    const off = panelHtml(a, { ...options, confirm: { available: false, reason: 'Llama 3.1 8B came from <the catalog>' } });
    assert.match(off, /<button id="confirm" disabled aria-describedby="confirm-why">/);
    assert.match(off, /<span id="confirm-why" class="why">Llama 3\.1 8B came from &lt;the catalog&gt;<\/span>/);
  });

  it('shows one table row per GPU with verdict, total and usable memory, needs, layers and tokens/s', () => {
    const c = compareGpus({ model: 'llama3.1:70b', quant: 'Q4_K_M', ctx: 8192 }, ['RTX 4090', 'H100 80GB', 'No Such GPU'], {
      catalog,
      models,
      hardware,
    });
    assert.ok(c.ok);
    const html = panelHtml(answer(), { ...options, comparison: c.result });
    const table = /<table class="comparison">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const rows = [...table.matchAll(/<tr( class="current")?><th scope="row">([^<]*)<\/th>((?:<td[^>]*>[^<]*<\/td>){6})<\/tr>/g)];
    assert.equal(rows.length, 3, table);
    assert.equal(rows[0][1], ' class="current"');
    assert.match(rows[2][2], /H100/);
    assert.match(rows[2][3], /Fits.*80\.0 GiB.*of 80/);
    assert.match(html, /Not in the catalog: No Such GPU/);
  });

  it("puts llama.cpp's per-device figures beside ours, and its error when it failed", () => {
    const a = answer();
    const html = panelHtml(a, {
      ...options,
      confirmation: {
        commandLine: 'llama-fit-params --model m.gguf',
        devices: [
          { name: 'CUDA0', host: false, modelMiB: 4403, contextMiB: 1024, computeMiB: 560 },
          { name: 'Host', host: true, modelMiB: 282, contextMiB: 0, computeMiB: 16 },
        ],
      },
    });
    assert.match(html, /<th scope="row">CUDA0<\/th><td>4,403 MiB<\/td><td>1,024 MiB<\/td><td>560 MiB<\/td><td>5,987 MiB<\/td>/);
    assert.match(html, /RunLocalAI, on the GPU/);
    assert.match(html, /On the GPUs: llama\.cpp 5,987 MiB, RunLocalAI [\d.]+ GiB \([+-]\d+% ours against theirs\)/);
    const failed = panelHtml(a, { ...options, confirmation: { commandLine: 'x', devices: [], error: 'exit 1: <b>bad</b>' } });
    assert.match(failed, /role="alert">exit 1: &lt;b&gt;bad&lt;\/b&gt;/);
  });

  it('accepts compare and confirm messages and nothing they do not carry', () => {
    assert.deepEqual(parsePanelMessage({ type: 'compare', extra: 1 }, 0), { type: 'compare' });
    assert.deepEqual(parsePanelMessage({ type: 'confirm' }, 0), { type: 'confirm' });
    assert.equal(parsePanelMessage({ type: 'confirmed' }, 0), undefined);
  });
});
