import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type DocumentLike } from '../../../server/src/engine/languageService';
import { hoverRegions, type HoverSettings, type InCode, type LineRegions } from '../../../server/src/engine/text/hoverRegions';
import { fenceLanguage, hasProseSpans, proseSpans } from '../../../server/src/engine/text/proseSpans';
import { splitLines } from '../../../server/src/engine/text/words';
import { applyEdit, documentOf, edits } from '../../helpers/arbitraries';
import { testCatalog } from '../../helpers/catalog';
import { gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
const hardware = gpuHardware(catalog, 'RTX 4090');
const LANGUAGES = ['markdown', 'plaintext', 'python', 'yaml', 'typescript', 'html', 'modelfile', 'json'];
const IN_CODE: InCode[] = ['commentsAndStrings', 'everywhere', 'off'];
const vocabulary = ['KV cache', 'GGUF', 'RTX 4090', 'llama3.1:8b', '#', '//', '"', '```python', '```', '<!--', '-->', 'fine-', 'tuning'];
const settings = fc.record({ enabled: fc.boolean(), inCode: fc.constantFrom(...IN_CODE) });

const unprepared = createLanguageService({ catalog });

/** Every hover a document gives, from a language service that has not seen this document before. */
function freshHovers(doc: DocumentLike, hover: HoverSettings) {
  unprepared.forget(doc.uri);
  return allHovers(unprepared, doc, hover);
}

function allHovers(service: ReturnType<typeof createLanguageService>, doc: DocumentLike, hover: HoverSettings) {
  const out: (string | undefined)[] = [];
  splitLines(doc.getText()).forEach((line, n) => {
    for (let c = 0; c <= line.length; c += 4) {
      const h = service.doHover(doc, { line: n, character: c }, hardware, undefined, hover);
      out.push(h && `${JSON.stringify(h.range)} ${h.markdown.slice(0, 60)}`);
    }
  });
  return out;
}

// prepareHover does the first hover's work ahead of it; what a hover answers must not depend on
// whether it ran, with which settings, or on which earlier version.
describe('prepareHover', function () {
  this.timeout(120_000);
  const service = createLanguageService({ catalog });

  it('leaves every hover of every version as a fresh language service gives it', () => {
    let version = 0;
    fc.assert(
      fc.property(
        documentOf(vocabulary),
        fc.constantFrom(...LANGUAGES),
        edits(vocabulary, 3),
        settings,
        settings,
        (initial, languageId, changes, prepared, asked) => {
          const uri = `file:///prepare/${languageId}/doc`;
          let text = initial;
          for (let v = 0; v <= changes.length; v++) {
            if (v > 0) text = applyEdit(text, changes[v - 1]);
            const current = text;
            const doc = { uri, version: ++version, languageId, getText: () => current };
            service.prepareHover(doc, prepared);
            assert.deepEqual(allHovers(service, doc, asked), freshHovers(doc, asked));
          }
          service.forget(uri);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reads a version once: the hovers after it read nothing again', () => {
    let reads = 0;
    const text = '# Notes\n\nThe KV cache grows with the context.\n';
    const doc = { uri: 'file:///prepare/notes.md', version: 1, languageId: 'markdown', getText: () => (reads++, text) };
    service.prepareHover(doc);
    assert.equal(reads, 1);
    assert.match(service.doHover(doc, { line: 2, character: 6 }, hardware)?.markdown ?? '', /### KV cache/);
    assert.equal(reads, 1);
    service.forget(doc.uri);
    service.prepareHover(doc);
    assert.equal(reads, 2, 'a closed document is read again');
  });
});

// Regions are read down to the hovered line only, on demand: what a hover answers must not depend
// on which lines were hovered (so read) before it.
describe('hover regions read on demand', function () {
  this.timeout(120_000);

  it('answer every hover as a top-to-bottom pass does, in any order of hovers', () => {
    const service = createLanguageService({ catalog });
    fc.assert(
      fc.property(
        documentOf(vocabulary),
        fc.constantFrom(...LANGUAGES),
        settings,
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        (text, languageId, hover, picks) => {
          const doc = { uri: `file:///on-demand/${languageId}`, version: 1, languageId, getText: () => text };
          const positions: { line: number; character: number }[] = [];
          splitLines(text).forEach((line, n) => {
            for (let c = 0; c <= line.length; c += 4) positions.push({ line: n, character: c });
          });
          const expected = freshHovers(doc, hover);
          service.forget(doc.uri);
          for (const pick of picks) {
            const k = pick % positions.length;
            const h = service.doHover(doc, positions[k], hardware, undefined, hover);
            assert.equal(h && `${JSON.stringify(h.range)} ${h.markdown.slice(0, 60)}`, expected[k], JSON.stringify(positions[k]));
          }
          service.forget(doc.uri);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('Markdown: fences follow their language until they close, as a whole-file pass over them does', () => {
    const fenceWords = [
      '```',
      '```python',
      '~~~',
      '~~~ts',
      '````',
      '   ```',
      'text # not a comment',
      'x = 1  # a comment',
      '"a string"',
      '"""',
      '/* c */',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.constantFrom(...fenceWords), { maxLength: 3 }).map((w) => w.join(' ')),
          { maxLength: 30 },
        ),
        fc.constantFrom(...IN_CODE),
        (lines, inCode) => {
          assert.deepEqual(hoverRegions(lines, 'markdown', inCode), markdownRegionsByHand(lines, inCode));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Markdown's regions as a whole-file pass finds them: each fence's lines handed to its language at once. */
function markdownRegionsByHand(lines: string[], inCode: InCode): LineRegions[] {
  const out: LineRegions[] = [];
  for (let i = 0; i < lines.length;) {
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open || (open[1][0] === '`' && open[2].includes('`'))) {
      out.push('all');
      i++;
      continue;
    }
    out.push([]);
    const marker = open[1];
    let end = i + 1;
    const closes = (l: string) => {
      const t = l.trim();
      return t.startsWith(marker) && [...t].every((c) => c === marker[0]);
    };
    while (end < lines.length && !closes(lines[end])) end++;
    const body = lines.slice(i + 1, end);
    const language = fenceLanguage(open[2]);
    if (inCode === 'everywhere') out.push(...body.map((): LineRegions => 'all'));
    else if (inCode === 'off' || !language || !hasProseSpans(language)) out.push(...body.map((): LineRegions => []));
    else out.push(...proseSpans(body, language));
    if (end < lines.length) out.push([]);
    i = end + 1;
  }
  return out;
}
