import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogConfigs, logLinkMarkdown } from '../../server/src/lsp/logLinks';

describe("the language server's configs for log links", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-logconfigs-'));
  fs.mkdirSync(path.join(root, 'deploy'));
  fs.writeFileSync(path.join(root, 'deploy', 'serve.yaml'), 'model: meta-llama/Llama-3.1-8B-Instruct\n');
  fs.writeFileSync(path.join(root, 'README.md'), '# not a config\n');
  fs.writeFileSync(path.join(root, '.gitignore'), 'build/\n');
  fs.mkdirSync(path.join(root, 'build'));
  fs.writeFileSync(path.join(root, 'build', 'Modelfile'), 'FROM llama3.1:70b\n');
  const serveUri = pathToFileURL(path.join(root, 'deploy', 'serve.yaml')).href;

  it('reads the workspace configs (not prose, not ignored folders), open documents first and winning', () => {
    let now = 0;
    const configs = new LogConfigs(
      () => [root],
      () => true,
      () => now,
    );
    const open = { uri: serveUri, version: 3, languageId: 'yaml', getText: () => 'model: Qwen/Qwen2.5-7B-Instruct\n' };
    const got = configs.candidates([open]);
    assert.deepEqual(
      got.map((d) => d.uri),
      [serveUri],
    );
    assert.equal(got[0].getText(), open.getText(), 'the open text, not the file');
    // Rescanned only after a while: a file added meanwhile appears later, not on every hover.
    fs.writeFileSync(path.join(root, 'Modelfile'), 'FROM llama3.2:1b\n');
    const before = configs.candidates([]);
    assert.equal(before.length, 1);
    now += 60_000;
    const rescanned = configs.candidates([]);
    assert.equal(rescanned.length, 2);
    // A parse cached from the earlier walk must not answer for the file as it is now.
    assert.ok(
      rescanned.every((d) => d.version > before[0].version),
      'a new walk, a new version',
    );
  });

  it('reads nothing from disk in an untrusted workspace', () => {
    const configs = new LogConfigs(
      () => [root],
      () => false,
    );
    assert.deepEqual(configs.candidates([]), []);
  });

  it('the hover link survives file names and model names with markup in them', () => {
    const md = logLinkMarkdown({
      uri: 'file:///w/deploy%20(prod)/serve.yaml',
      line: 4,
      reasons: ['same model name (<img src=x>[a](b))'],
    });
    assert.match(md, /\]\(file:\/\/\/w\/deploy%20%28prod%29\/serve\.yaml#L5\)/);
    assert.doesNotMatch(md, /<img/);
    assert.match(md, /&lt;img src=x&gt;\\\[a\\\]\(b\)/);
  });
});
