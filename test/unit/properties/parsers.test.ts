import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { UsageError, numberOption } from '../../../server/src/cli/args';
import { createErrorMatcher } from '../../../server/src/engine/checks/errorLines';
import { HfConfigError, parseHfConfig } from '../../../server/src/engine/configs/hfConfig';
import { parseModelfile } from '../../../server/src/engine/configs/modelfile';
import { modelTokenAt } from '../../../server/src/engine/models/modelTokens';
import { createTermIndex } from '../../../server/src/engine/terms/termIndex';
import { excerpt } from '../../../server/src/engine/text/excerpt';
import { hasProseSpans, proseSpans } from '../../../server/src/engine/text/proseSpans';
import { splitLines } from '../../../server/src/engine/text/words';
import { sanitizeSettings } from '../../../server/src/protocol';
import {
  PROPERTY_RUNS,
  anyText,
  documentOf,
  edgeNumber,
  hfConfigText,
  joinLines,
  lineOf,
  modelfileText,
  whitespace,
} from '../../helpers/arbitraries';
import { testCatalog } from '../../helpers/catalog';
import { assertInside, counted, withinLinearBound } from './bounds';

const catalog = testCatalog();
const glossaryWords = catalog.glossary.flatMap((g) => [g.term, ...g.aliases, ...g.acronyms]);
const errorLinesOfKb = catalog.errors.flatMap((e) => e.printed);
const CODE_WORDS = ['//', '/*', '*/', '#', '"', "'", '`', '"""', "'''", '\\', '--', 'KV cache', 'GGUF', 'x = 1'];
const LANGUAGES = ['python', 'typescript', 'go', 'rust', 'c', 'shellscript', 'dockerfile', 'lua', 'java'];

function run<T extends unknown[]>(name: string, arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> }, body: (...args: T) => void) {
  const c = counted(name, body);
  fc.assert(fc.property(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), c.property as (...a: unknown[]) => void), {
    numRuns: PROPERTY_RUNS,
  });
  assert.ok(c.report() >= PROPERTY_RUNS);
}

describe('property: parsers never throw, stay linear and keep ranges inside the text', function () {
  this.timeout(300_000);

  it('parseModelfile', () => {
    run('parseModelfile', [modelfileText], (text: string) => {
      const mf = withinLinearBound(text.length, () => parseModelfile(text));
      const ranges = [
        ...(mf.from ? [mf.from.keyword, ...(mf.from.model ? [mf.from.model.range] : [])] : []),
        ...mf.parameters.flatMap((p) => [p.key.range, p.value.range]),
        ...mf.problems.map((p) => p.range),
      ];
      assertInside(text, ranges);
      assert.equal(mf.lineCount, splitLines(text).length);
      for (const p of mf.problems) assert.ok(p.message.length < 200, p.message);
    });
  });

  it('parseHfConfig', () => {
    run('parseHfConfig', [hfConfigText], (text: string) => {
      try {
        const info = withinLinearBound(text.length, () => parseHfConfig(text));
        assert.ok(Number.isFinite(info.params) && info.params > 0, `params ${info.params}`);
      } catch (e) {
        if (!(e instanceof HfConfigError)) throw e;
        assert.ok(e.message.length < 300, e.message);
      }
    });
  });

  it('error lines (the KB patterns over log lines)', () => {
    const matcher = createErrorMatcher(catalog.errors);
    const logLine = fc.oneof(
      lineOf([...errorLinesOfKb, 'CUDA out of memory', 'ggml', '100%', 'GPU', 'CPU/GPU', '48%/52%']),
      anyText(300),
      whitespace,
    );
    run('error lines', [logLine], (line: string) => {
      const m = withinLinearBound(line.length, () => matcher.match(line, 0));
      if (m) assertInside(line, [m.range]);
    });
  });

  it('proseSpans', () => {
    run('proseSpans', [joinLines(lineOf(CODE_WORDS)), fc.constantFrom(...LANGUAGES)], (text: string, languageId: string) => {
      assert.ok(hasProseSpans(languageId));
      const lines = splitLines(text);
      const spans = withinLinearBound(text.length, () => proseSpans(lines, languageId));
      assert.equal(spans.length, lines.length);
      spans.forEach((lineSpans, i) =>
        assertInside(
          text,
          lineSpans.map((s) => ({ start: { line: i, character: s.start }, end: { line: i, character: s.end } })),
        ),
      );
    });
  });

  it('the term and phrase index', () => {
    const terms = createTermIndex(catalog.glossary);
    run('term/phrase index', [lineOf(glossaryWords), fc.nat({ max: 400 })], (line: string, character: number) => {
      const all = withinLinearBound(line.length, () => terms.termsInLine(line, 0));
      const at = terms.termAt(line, 0, character);
      assertInside(line, [...all.map((t) => t.range), ...(at ? [at.range] : [])]);
    });
  });

  it('model tokens', () => {
    run(
      'model tokens',
      [lineOf(['llama3.1:8b', 'Qwen/Qwen2.5-7B', 'x.gguf', ':', '/', '-', '.']), fc.nat({ max: 400 })],
      (line: string, character: number) => {
        const t = withinLinearBound(line.length, () => modelTokenAt(line, 0, character));
        if (t) assertInside(line, [t.range]);
      },
    );
  });

  it('settings sanitizing', () => {
    const settingValue = fc.oneof(edgeNumber, edgeNumber.map(Number), fc.jsonValue(), anyText(50));
    const raw = fc.oneof(fc.dictionary(fc.constantFrom('gpu', 'gpuCount', 'vramGB', 'ramGB', 'other'), settingValue), fc.jsonValue());
    run('settings sanitizing', [raw], (value: unknown) => {
      const s = sanitizeSettings(value);
      assert.equal(typeof s.gpu, 'string');
      assert.ok(Number.isInteger(s.gpuCount) && s.gpuCount >= 1, `gpuCount ${s.gpuCount}`);
      for (const v of [s.vramGB, s.ramGB]) assert.ok(v === null || (Number.isFinite(v) && v > 0), `${v}`);
    });
  });

  it('numeric CLI flags', () => {
    run('numeric flags', [fc.oneof(edgeNumber, anyText(30)), fc.boolean()], (raw: string, integer: boolean) => {
      try {
        const n = numberOption('ctx', raw, { integer, min: 0, max: 16_777_216 });
        assert.ok(
          n !== undefined && Number.isFinite(n) && n >= 0 && n <= 16_777_216 && (!integer || Number.isInteger(n)),
          `${raw} -> ${n}`,
        );
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        assert.ok(e.message.length < 150, e.message);
      }
    });
  });

  it('message excerpts', () => {
    run('excerpts', [documentOf(['\u001b[2J', '\u0000', '\r\n', 'x'])], (text: string) => {
      const e = withinLinearBound(text.length, () => excerpt(text, 40));
      assert.ok([...e].length <= 41, `${[...e].length} characters`);
      for (const ch of e) {
        const code = ch.codePointAt(0)!;
        assert.ok(code >= 0x20 && !(code >= 0x7f && code < 0xa0), `control character ${code} in ${JSON.stringify(e)}`);
      }
    });
  });
});
