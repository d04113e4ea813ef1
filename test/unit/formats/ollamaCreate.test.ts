import * as assert from 'node:assert/strict';
import { checkParsed } from '../../../server/src/engine/formats/check';
import { recognise } from '../../../server/src/engine/formats/registry';
import { createModelResolver } from '../../../server/src/engine/models/resolveModel';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { textAt } from '../../helpers/formats';

const catalog = testCatalog();
const models = createModelResolver(catalog);
const hardware = gpuHardware(catalog, 'RTX 4090', 1, 64);

/** Checks a file in /project with a file system that holds exactly `present`. */
function check(name: string, languageId: string, text: string, present: string[] | undefined) {
  const r = recognise({ uri: `file:///project/${name}`, languageId, text });
  assert.ok(r.format, `${name} not recognised`);
  const files = present && {
    isFile: (p: string) => present.includes(p),
    resolve: (base: string, p: string) => (p.startsWith('/') ? p : `${base}/${p.startsWith('./') ? p.slice(2) : p}`),
  };
  const parsed = r.format.parse(text);
  return { parsed, result: checkParsed(parsed, { catalog, models, hardware, baseDir: '/project', files }) };
}

describe('ollama create and run lines', () => {
  const script = 'ollama create coder -f ./modelfiles/Coder.modelfile\nollama run coder\nollama run llama3.1:8b\n';

  it('links ollama create, and a run of the model it creates, to the Modelfile named', () => {
    const { result } = check('setup.sh', 'shellscript', script, ['/project/modelfiles/Coder.modelfile']);
    const built = result.findings.filter((f) => f.code === 'built-from-modelfile');
    assert.equal(built.length, 2, result.findings.map((f) => `${f.code}: ${f.message}`).join('\n'));
    assert.equal(textAt(script, built[0].range), './modelfiles/Coder.modelfile');
    assert.equal(textAt(script, built[1].range), 'coder', 'the run names the created model');
    for (const f of built) {
      assert.equal(f.severity, 'information');
      assert.equal(f.href, 'file:///project/modelfiles/Coder.modelfile');
    }
    assert.ok(!result.findings.some((f) => f.code === 'unknown-model'), 'a created name is not an unknown model');
    // A pulled model is still judged, at Ollama's defaults.
    assert.equal(result.deployments.length, 1);
    assert.equal(result.deployments[0].model, 'Llama 3.1 8B');
  });

  it('says so when the Modelfile cannot be found, or cannot be looked for', () => {
    const missing = check('setup.sh', 'shellscript', script, []).result.findings.find((f) => f.code === 'built-from-modelfile');
    assert.match(missing?.message ?? '', /Coder\.modelfile, which is not found from this file's folder/);
    assert.notEqual(missing?.href?.startsWith('file:'), true);
    const unknown = check('setup.sh', 'shellscript', script, undefined).result.findings.find((f) => f.code === 'built-from-modelfile');
    assert.match(unknown?.message ?? '', /open that Modelfile to check/);
  });

  it('defaults to ./Modelfile, reads --file=, and names a variable it cannot resolve', () => {
    const md = '# Build\n\n```sh\nollama create mine\nollama create other --file=/srv/Other\nollama create v -f "$MODELFILE"\n```\n';
    const { result } = check('README.md', 'markdown', md, ['/project/Modelfile']);
    const [mine, other, v] = result.findings.filter((f) => f.code === 'built-from-modelfile');
    assert.equal(mine.href, 'file:///project/Modelfile');
    assert.equal(textAt(md, mine.range), 'mine');
    assert.match(other.message, /\/srv\/Other, which is not found/);
    assert.match(v.message, /depends on MODELFILE/);
  });

  it('reads ollama create in a Dockerfile RUN line', () => {
    const text = 'FROM ollama/ollama\nCOPY Modelfile /Modelfile\nRUN ollama serve & sleep 3 && ollama create tuned -f /Modelfile\n';
    const { parsed } = check('Dockerfile', 'dockerfile', text, []);
    assert.equal(parsed.deployments[0]?.builtFrom?.path, '/Modelfile');
  });
});
