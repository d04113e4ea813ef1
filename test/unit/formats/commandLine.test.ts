import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { eachCommand, parseCommands } from '../../../server/src/engine/formats/commandLine';

const plainWord = fc.stringMatching(/^[A-Za-z0-9_./:=+-]{1,12}$/);
/** A word and a way of writing it that the shell reads back as the same word. */
const written = fc.tuple(plainWord, fc.constantFrom('plain', 'single', 'double')).map(([w, how]) => ({
  word: w,
  text: how === 'single' ? `'${w}'` : how === 'double' ? `"${w}"` : w,
}));

describe('command-line reader', () => {
  it('reads back words however they are quoted and split over continued lines', () => {
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { maxLength: 12 }), (words, breaks) => {
        const source = words
          .map((w, i) => (i > 0 && breaks[i] ? ` \\\n    ${w.text}` : ` ${w.text}`))
          .join('')
          .trimStart();
        const [cmd, ...rest] = parseCommands(source);
        assert.equal(rest.length, 0);
        assert.deepEqual(
          cmd.words.map((w) => w.text),
          words.map((w) => w.word),
        );
        // Each word's range covers exactly what was written for it.
        cmd.words.forEach((w, i) => assert.equal(source.slice(w.start, w.end), words[i].text));
      }),
    );
  });

  it('never throws, and keeps every word inside the source in order, on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => {
        let last = 0;
        for (const cmd of parseCommands(source)) {
          for (const w of cmd.words) {
            assert.ok(w.start >= last && w.end >= w.start && w.end <= source.length, `word ${w.start}-${w.end} out of order`);
            last = w.end;
          }
        }
      }),
    );
  });

  it('keeps ${VAR}, $VAR and $(...) as written and names them', () => {
    const [cmd] = parseCommands('llama-server -m "${MODELS}/x.gguf" -c $CTX --threads $(nproc)');
    assert.equal(cmd.words[2].text, '${MODELS}/x.gguf');
    assert.deepEqual(cmd.words[2].vars, ['MODELS']);
    assert.deepEqual(cmd.words[4].vars, ['CTX']);
    assert.deepEqual(cmd.words[6].vars, ['$(nproc)']);
  });

  it('ends commands at newlines, ;, && and |, and skips comments', () => {
    const cmds = parseCommands('a 1 # note\nb 2; c 3 && d 4 | e 5');
    assert.deepEqual(
      cmds.map((c) => c.words.map((w) => w.text).join(' ')),
      ['a 1', 'b 2', 'c 3', 'd 4', 'e 5'],
    );
    assert.equal(parseCommands('a\nb', 0, 3, { newlineEndsCommand: false }).length, 1);
  });

  it('reads adversarial input in linear time', () => {
    for (const unit of ['"', "'", '$(', '${', '\\', '\\\n', '(', 'a="$(b ', '# ']) {
      const source = unit.repeat(200_000);
      const started = Date.now();
      parseCommands(source);
      const ms = Date.now() - started;
      assert.ok(ms < 1500, `${JSON.stringify(unit)} × 200k took ${ms} ms`);
    }
  });

  it('joins plain runs, quotes, escapes and variables of one word in order, and caps a huge word at 64 KiB', () => {
    const [cmd] = parseCommands(`llama-server --alias ab'c d'"e$X"f\\ g -m x`);
    assert.deepEqual(
      cmd.words.map((w) => w.text),
      ['llama-server', '--alias', 'abc de$Xf g', '-m', 'x'],
    );
    const huge = 'a'.repeat(100_000);
    const [long] = parseCommands(`run ${huge}'bc' next`);
    assert.equal(long.words[1].text, 'a'.repeat(64 * 1024));
    assert.equal(long.words[1].end, 4 + huge.length + 4, 'the range still covers the word as written');
    assert.equal(long.words[2].text, 'next');
  });

  it('eachCommand visits, one at a time, the commands parseCommands returns', () => {
    const source = 'export A=1\nllama-server -m a.gguf -c 4096 # comment\nvllm serve b; echo "c d"\n';
    const seen: string[][] = [];
    eachCommand(source, 0, source.length, {}, (c) => seen.push(c.words.map((w) => w.text)));
    assert.deepEqual(
      seen,
      parseCommands(source).map((c) => c.words.map((w) => w.text)),
    );
    assert.deepEqual(seen[1], ['llama-server', '-m', 'a.gguf', '-c', '4096']);
  });
});
