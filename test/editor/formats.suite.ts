import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAll, codeValue, openFile, ourDiagnostics, repoRoot, setSetting, waitFor } from './helpers';

// One file of every config format, each running a model too large for a 12 GB card with 16 GiB
// of RAM: the editor must show the diagnostic on the model line and a code lens with the verdict.
const BIG_GGUF = 'Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf';
const FILES: { name: string; language: string; text: string; modelLine: number }[] = [
  { name: 'formats/Modelfile', language: 'modelfile', text: 'FROM llama3.1:70b\n', modelLine: 0 },
  { name: 'formats/serve.sh', language: 'shellscript', text: `#!/bin/sh\nllama-server -m ${BIG_GGUF} -c 8192\n`, modelLine: 1 },
  {
    name: 'formats/Dockerfile',
    language: 'dockerfile',
    text: `FROM ghcr.io/ggml-org/llama.cpp:server\nCMD ["llama-server", "-m", "/models/${BIG_GGUF}", "-c", "8192"]\n`,
    modelLine: 1,
  },
  { name: 'formats/preset.ini', language: 'ini', text: `[llama-70b]\nmodel = /models/${BIG_GGUF}\nctx-size = 8192\n`, modelLine: 1 },
  { name: 'formats/serve.yaml', language: 'yaml', text: 'model: meta-llama/Llama-3.1-8B-Instruct\nmax_model_len: 131072\n', modelLine: 0 },
  {
    name: 'formats/localai.yaml',
    language: 'yaml',
    text: `name: big\nbackend: llama-cpp\ncontext_size: 8192\nparameters:\n  model: ${BIG_GGUF}\n`,
    modelLine: 4,
  },
  {
    name: 'formats/llama-swap.yaml',
    language: 'yaml',
    text: `models:\n  big:\n    cmd: llama-server --port \${PORT} -m /m/${BIG_GGUF} -c 8192\n`,
    modelLine: 2,
  },
  {
    name: 'formats/docker-compose.yml',
    language: 'dockercompose',
    text: 'services:\n  ollama:\n    image: ollama/ollama\n    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 3 && ollama run llama3.1:70b"]\n',
    modelLine: 3,
  },
  {
    name: 'formats/config.json',
    language: 'json',
    text: fs.readFileSync(path.join(repoRoot, 'test/fixtures/calibration/configs/Meta-Llama-3.1-70B.json'), 'utf8'),
    modelLine: -1,
  },
];

describe('every config format in the editor', () => {
  before(async () => {
    await setSetting('ramGB', 16);
    await setSetting('gpu', 'RTX 4070');
  });
  afterEach(closeAll);
  after(async () => {
    await setSetting('ramGB', undefined);
    await setSetting('gpu', undefined);
  });

  for (const f of FILES) {
    it(`${f.name} (${f.language}): a won't-fit diagnostic and a code lens with the verdict`, async () => {
      const { document } = await openFile(f.name, f.text);
      if (document.languageId !== f.language) {
        // Some editors give compose files plain YAML; the server reads both.
        assert.ok(f.language === 'dockercompose' && document.languageId === 'yaml', `language ${document.languageId}`);
      }
      const d = await waitFor(`a wont-fit diagnostic in ${f.name}`, () =>
        ourDiagnostics(document.uri).find((x) => codeValue(x) === 'wont-fit'),
      );
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      if (f.modelLine >= 0) assert.equal(d.range.start.line, f.modelLine, `diagnostic on line ${d.range.start.line}: ${d.message}`);
      const lenses = await waitFor(`a code lens in ${f.name}`, async () => {
        const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
        const ours = (all ?? []).filter((l) => l.command?.command === 'runlocalai.willItRun');
        return ours.length ? ours : undefined;
      });
      assert.match(lenses[0].command!.title, /GiB of .*GiB · Won't fit/);
    });
  }
});
