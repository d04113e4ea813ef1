import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Debian's Neovim (0.7) as a real LSP client, started as the README's "Other editors" snippet
// starts the server: hovers a term, receives a diagnostic on a Modelfile, and opens a KB entry from
// a code action, which runs on the server because Neovim has none of the extension's commands.
describe('the language server in Neovim', function () {
  this.timeout(60_000);
  let seen: {
    steps: {
      started: boolean;
      hover: string;
      diagnostics: { code: string; message: string }[];
      kbAction?: { command: string };
      executed?: boolean;
      shown?: string[];
      kbBuffer?: string;
    };
  };

  before(() => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rla-nvim-'));
    fs.writeFileSync(path.join(work, 'notes.md'), 'The KV cache grows with context.\n');
    fs.writeFileSync(path.join(work, 'Modelfile'), 'FROM llama3.1:70b\nPARAMETER num_ctx 8192\n');
    const out = path.join(work, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${path.resolve('test/neovim/client.lua')}`], {
      env: { ...process.env, SERVER: path.resolve('dist/server.js'), WORK: work, OUT: out },
      timeout: 50_000,
      encoding: 'utf8',
    });
    assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${r.status}, ${r.error?.message ?? ''}): ${r.stderr}${r.stdout}`);
    seen = JSON.parse(fs.readFileSync(out, 'utf8'));
  });

  it('hovers a glossary term', () => {
    assert.equal(seen.steps.started, true);
    assert.match(seen.steps.hover, /### KV cache/);
    assert.doesNotMatch(seen.steps.hover, /command:/, 'no VS Code command links for Neovim');
  });

  it("receives the won't-fit diagnostic on the Modelfile", () => {
    const d = seen.steps.diagnostics.find((x) => x.code === 'wont-fit');
    assert.ok(d, JSON.stringify(seen.steps.diagnostics));
    assert.match(d.message, /RTX 4070/);
  });

  it('opens the KB entry from the code action, through the server', () => {
    assert.equal(seen.steps.kbAction?.command, 'runlocalai.server.openKbEntry');
    assert.equal(seen.steps.executed, true);
    assert.equal(seen.steps.shown?.length, 1);
    assert.match(seen.steps.kbBuffer ?? '', /^# CUDA out of memory/);
  });
});
