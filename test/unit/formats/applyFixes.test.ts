import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyTextEdits, chooseFixes, fixUntilStable } from '../../../server/src/engine/formats/applyFixes';
import type { Finding, TextEdit } from '../../../server/src/engine/types';

const at = (line: number, character: number) => ({ line, character });
const edit = (l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit => ({
  range: { start: at(l1, c1), end: at(l2, c2) },
  newText,
});
const finding = (...fixes: Finding['fixes']): Finding => ({
  range: edit(0, 0, 0, 0, '').range,
  severity: 'error',
  code: 'wont-fit',
  message: '',
  fixes,
});

describe('applying fixes as --fix does', () => {
  it('applies edits back to front, and insertions at one place in their order', () => {
    const text = 'FROM a\nPARAMETER num_ctx 8192\n';
    assert.equal(
      applyTextEdits(text, [edit(1, 18, 1, 22, '4096'), edit(0, 5, 0, 6, 'bb'), edit(2, 0, 2, 0, 'X\n'), edit(2, 0, 2, 0, 'Y\n')]),
      'FROM bb\nPARAMETER num_ctx 4096\nX\nY\n',
    );
  });

  it('replaces the text each edit covers and keeps the rest (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(5), fc.string({ maxLength: 5 })), { maxLength: 6 }),
        (body, raw) => {
          const text = body.replace(/\r/g, '');
          // Non-overlapping spans on a single line, as offsets.
          const flat = text.replace(/\n/g, ' ');
          const spans = raw
            .map(([s, len, t]) => ({ s: Math.min(s, flat.length), e: Math.min(s + len, flat.length), t }))
            .sort((a, b) => a.s - b.s)
            .reduce<{ s: number; e: number; t: string }[]>(
              (kept, x) => (kept.length && x.s < kept[kept.length - 1].e ? kept : [...kept, x]),
              [],
            );
          const edits = spans.map((x) => edit(0, x.s, 0, x.e, x.t));
          let expected = flat;
          for (const x of [...spans].reverse()) expected = expected.slice(0, x.s) + x.t + expected.slice(x.e);
          assert.equal(applyTextEdits(flat, edits), expected);
        },
      ),
    );
  });

  it('inserts before a replacement that starts at the same place, whatever their order', () => {
    assert.equal(applyTextEdits('abc', [edit(0, 0, 0, 1, 'X'), edit(0, 0, 0, 0, '>')]), '>Xbc');
    assert.equal(applyTextEdits('abc', [edit(0, 0, 0, 0, '>'), edit(0, 0, 0, 1, 'X')]), '>Xbc');
    assert.equal(applyTextEdits(' ', [edit(0, 0, 0, 1, ''), edit(0, 0, 0, 0, ''), edit(0, 0, 0, 0, '')]), '');
  });

  it('takes the preferred edit fix of each finding, skips actions, and leaves out a fix that touches a chosen one', () => {
    const ctx = { title: 'context', edits: [edit(1, 0, 1, 4, '4096')] };
    const model = { title: 'model', edits: [edit(0, 5, 0, 9, 'small')], isPreferred: true };
    const kb = { title: 'Open KB', action: { kind: 'openKb' as const, id: 'x' } };
    const clash = { title: 'clash', edits: [edit(1, 2, 1, 6, '1')] };
    const chosen = chooseFixes([finding(kb, ctx, model), finding(ctx), finding(clash), finding(kb)]);
    assert.deepEqual(
      chosen.map((f) => f.title),
      ['model', 'context'],
    );
  });

  it('stops when nothing is left to fix, and after a bounded number of passes when fixes never end', () => {
    let calls = 0;
    const growing = fixUntilStable(
      'a',
      (text) => {
        calls++;
        return [finding({ title: 'more', edits: [edit(0, text.length, 0, text.length, 'a')] })];
      },
      1000,
    );
    assert.equal(growing.text.length, 11);
    assert.equal(calls, 10);
    const bounded = fixUntilStable('a', (text) => [finding({ title: 'double', edits: [edit(0, 0, 0, 0, text)] })], 16);
    assert.ok(bounded.text.length <= 16);
  });
});
