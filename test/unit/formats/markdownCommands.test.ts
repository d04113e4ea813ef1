import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { markdownCodeRegions } from '../../../server/src/engine/formats/commandLineFormat';
import { createLineIndex } from '../../../server/src/engine/formats/lineIndex';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';
import { checkFile, textAt } from '../../helpers/formats';

const rtx4090 = gpuHardware(testCatalog(), 'RTX 4090', 1, 64);
const COMMAND = 'llama-server -m qwen2.5-7b-instruct-q4_k_m.gguf -c 8192';

describe('Markdown: commands are read from its code, never from its prose', () => {
  it('a README with no code block that names llama-server in its prose has no deployment', () => {
    const text = 'Start llama-server -m other.gguf -c 4096 and wait.\n\nThen ollama run it.\n';
    const { format, parsed } = checkFile('README.md', text, rtx4090, 'markdown');
    assert.equal(format, 'command-line');
    assert.deepEqual(parsed!.deployments, []);
  });

  it('reads a command in an indented code block, in a README with fences or without', () => {
    for (const fence of ['', '```sh\necho hello\n```\n\n']) {
      const text = `${fence}Run it:\n\n    ${COMMAND}\n\nNot this: llama-server -m other.gguf\n`;
      const { parsed } = checkFile('README.md', text, rtx4090, 'markdown');
      assert.equal(parsed!.deployments.length, 1, JSON.stringify(text));
      const d = parsed!.deployments[0];
      assert.match(d.model!.value, /qwen2\.5-7b-instruct-q4_k_m\.gguf$/);
      assert.equal(textAt(text, d.settings.context!.range), '8192');
    }
  });

  it('an indented line that continues a paragraph is prose', () => {
    const text = `Run this, then\n    ${COMMAND}\nis what it says.\n`;
    assert.deepEqual(checkFile('README.md', text, rtx4090, 'markdown').parsed!.deployments, []);
  });

  it('a plain-text document named .md is read as Markdown', () => {
    const text = `Start ${COMMAND} and wait.\n`;
    assert.deepEqual(checkFile('README.md', text, rtx4090, 'plaintext').parsed!.deployments, []);
  });

  it('a shell script is still read whole', () => {
    const { parsed } = checkFile('serve.sh', `#!/bin/sh\n${COMMAND}\n`, rtx4090, 'shellscript');
    assert.equal(parsed!.deployments.length, 1);
  });

  // Documents built from blocks whose kind is known: every region holds only code lines, and every
  // non-blank code line is in a region. (A fence wins at any indentation, as in nested lists, so no
  // generated indented line starts with one.)
  const word = fc.constantFrom('llama-server', '-c', '8192', 'the', 'model', 'run', 'ollama', '`x`', '#', '```js', '~~~');
  const lineOf = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  const block = fc.oneof(
    fc
      .array(lineOf, { minLength: 1, maxLength: 3 })
      .map((lines) => ({ kind: 'prose' as const, lines: lines.map((l) => l.replace(/^[`~]+/, 'x')) })),
    fc.array(lineOf, { minLength: 0, maxLength: 3 }).map((lines) => ({
      kind: 'fenced' as const,
      lines: lines.map((l) => l.replace(/```|~~~/g, 'x')),
    })),
    fc
      .array(lineOf, { minLength: 1, maxLength: 3 })
      .map((lines) => ({ kind: 'indented' as const, lines: lines.map((l) => `    ${l.replace(/^[`~]+/, 'x')}`) })),
  );

  it('holds every code line and no prose line, whatever the blocks (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), fc.boolean(), (blocks, crlf) => {
        const lines: { text: string; code: boolean }[] = [];
        for (const b of blocks) {
          if (lines.length) lines.push({ text: '', code: false });
          if (b.kind === 'fenced') {
            lines.push({ text: '```sh', code: false }, ...b.lines.map((text) => ({ text, code: true })), { text: '```', code: false });
          } else lines.push(...b.lines.map((text) => ({ text, code: b.kind === 'indented' })));
        }
        const eol = crlf ? '\r\n' : '\n';
        const text = lines.map((l) => l.text).join(eol) + eol;
        const index = createLineIndex(text);
        const regions = markdownCodeRegions(index);
        const covered = new Set<number>();
        for (const [from, to] of regions) {
          assert.ok(from <= to && to <= text.length);
          for (let l = index.position(from).line; l < lines.length && index.lineStart(l) < to; l++) covered.add(l);
        }
        lines.forEach((l, i) => {
          if (l.code && l.text.trim()) assert.ok(covered.has(i), `code line ${i} ${JSON.stringify(l.text)} not read`);
          if (!l.code && l.text.trim()) assert.ok(!covered.has(i), `prose line ${i} ${JSON.stringify(l.text)} read as code`);
        });
      }),
    );
  });

  it('never throws and keeps regions in order inside the text, on any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        let last = 0;
        for (const [from, to] of markdownCodeRegions(createLineIndex(text))) {
          assert.ok(from >= last && to >= from && to <= text.length);
          last = to;
        }
      }),
    );
  });
});
