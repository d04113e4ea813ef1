import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_PROBLEMS, parameter, parseModelfile } from '../../../server/src/engine/configs/modelfile';
import { marked } from '../../helpers/caret';
import { corpusDir } from '../../helpers/corpus';

describe('parseModelfile', () => {
  it('finds FROM and its model range', () => {
    const { text, range } = marked('# comment\nFROM [[llama3.1:70b]]\n');
    const mf = parseModelfile(text);
    assert.equal(mf.from?.model?.value, 'llama3.1:70b');
    assert.deepEqual(mf.from?.model?.range, range);
  });

  it('reads parameters with key and value ranges; the last of a name wins', () => {
    const { text, range } = marked('FROM x\nPARAMETER num_ctx 4096\nparameter num_ctx [[8192]]\n');
    const mf = parseModelfile(text);
    assert.equal(parameter(mf, 'num_ctx')?.value.value, '8192');
    assert.deepEqual(parameter(mf, 'num_ctx')?.value.range, range);
  });

  it('answers each name with the last PARAMETER of that name in any case, as a scan of them all would (property)', () => {
    const names = ['num_ctx', 'NUM_CTX', 'Num_Gpu', 'num_gpu', 'temperature', 'stop'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), fc.nat(99999)), { maxLength: 8 }), (params) => {
        const mf = parseModelfile(['FROM llama3.1:8b', ...params.map(([n, v]) => `PARAMETER ${n} ${v}`)].join('\n'));
        for (const asked of ['num_ctx', 'num_gpu', 'temperature', 'stop', 'num_batch', 'NUM_CTX']) {
          const all = mf.parameters.filter((p) => p.key.value.toLowerCase() === asked);
          assert.equal(parameter(mf, asked), all[all.length - 1], asked);
        }
      }),
    );
  });

  it('accepts lower-case instructions and skips multi-line strings', () => {
    const mf = parseModelfile('from llama3.2:1b\nsystem """\nFROM not-a-model\nPARAMETER num_ctx 1\n"""\nparameter num_ctx 16384');
    assert.equal(mf.from?.model?.value, 'llama3.2:1b');
    assert.deepEqual(
      mf.parameters.map((p) => p.value.value),
      ['16384'],
    );
    assert.deepEqual(mf.problems, []);
  });

  it('reads the lines outside """ strings, and none inside, whatever the line ends (property)', () => {
    const instruction = fc.record({
      kind: fc.constant('parameter' as const),
      name: fc.constantFrom('num_ctx', 'temperature', 'stop'),
      value: fc.nat(99999),
    });
    const inside = fc.constantFrom('PARAMETER num_gpu 1', 'FROM other-model', 'plain prose', '', '  # not a comment here', 'TEMPLATE x');
    const block = fc.record({
      kind: fc.constant('string' as const),
      opener: fc.constantFrom('SYSTEM', 'TEMPLATE', 'LICENSE'),
      lines: fc.array(inside, { maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(instruction, block), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (parts, eol, leaveOpen) => {
          const lines = ['FROM llama3.1:8b'];
          const expected: { line: number; key: string; value: string }[] = [];
          for (const part of parts) {
            if (part.kind === 'parameter') {
              expected.push({ line: lines.length, key: part.name, value: String(part.value) });
              lines.push(`PARAMETER ${part.name} ${part.value}`);
            } else lines.push(`${part.opener} """`, ...part.lines, '"""');
          }
          const openAt = lines.length;
          if (leaveOpen) lines.push('SYSTEM """ never closed', 'PARAMETER num_ctx 1');
          const mf = parseModelfile(lines.join(eol));
          assert.deepEqual(
            mf.parameters.map((p) => ({ line: p.line, key: p.key.value, value: p.value.value })),
            expected,
          );
          assert.deepEqual(
            mf.problems.map((p) => p.range.start),
            leaveOpen ? [{ line: openAt, character: 7 }] : [],
          );
          assert.equal(mf.lineCount, lines.length);
          assert.deepEqual(mf.end, { line: lines.length - 1, character: lines[lines.length - 1].length });
        },
      ),
    );
  });

  it('stops collecting problems at MAX_PROBLEMS but still counts every line, whatever the line ends', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const junk = Array.from({ length: MAX_PROBLEMS + 200 }, (_, i) => `junk ${i}`);
      const lines = ['FROM llama3.1:8b', 'SYSTEM """', 'inside', '"""', ...junk, 'TEMPLATE """ open', 'PARAMETER num_ctx 1', 'last line'];
      const mf = parseModelfile(lines.join(eol));
      assert.equal(mf.problems.length, MAX_PROBLEMS, JSON.stringify(eol));
      assert.deepEqual(mf.problems[0].range.start, { line: 4, character: 0 });
      assert.equal(mf.lineCount, lines.length);
      assert.deepEqual(mf.end, { line: lines.length - 1, character: 'last line'.length });
      // Lines past the cut-off are not read: neither the string one opens nor the PARAMETER after it.
      assert.deepEqual(mf.parameters, []);
    }
  });

  it('reports an unknown instruction on its keyword and an unclosed string', () => {
    const mf = parseModelfile('FROM x\nFORM y\nTEMPLATE """ {{ .Prompt }}\n');
    assert.equal(mf.problems.length, 2);
    assert.match(mf.problems[0].message, /Unknown Modelfile instruction "FORM"/);
    assert.deepEqual(mf.problems[0].range.start, { line: 1, character: 0 });
    assert.match(mf.problems[1].message, /never closed/);
  });

  it('gives FROM without a model no model, and an empty file nothing', () => {
    assert.equal(parseModelfile('FROM   \n').from?.model, undefined);
    assert.equal(parseModelfile('').from, undefined);
  });

  it('counts lines as LSP does: \\r\\n, \\r and \\n', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const mf = parseModelfile(['# c', 'FROM llama3.1:8b', 'PARAMETER num_ctx 4096'].join(eol));
      assert.equal(mf.from?.line, 1, JSON.stringify(eol));
      assert.deepEqual(mf.problems, []);
      assert.deepEqual(parameter(mf, 'num_ctx')?.value.range, { start: { line: 2, character: 18 }, end: { line: 2, character: 22 } });
    }
  });

  it('parses every real Modelfile of the corpus without problems and finds its FROM', function () {
    const dir = path.join(corpusDir(this), 'configs', 'modelfile');
    const files = fs.readdirSync(dir);
    assert.ok(files.length >= 10, 'corpus Modelfiles are missing');
    for (const f of files) {
      const mf = parseModelfile(fs.readFileSync(path.join(dir, f), 'utf8'));
      assert.ok(mf.from?.model, `${f}: no FROM model found`);
      assert.deepEqual(mf.problems, [], `${f}: unexpected problems`);
    }
  });
});
