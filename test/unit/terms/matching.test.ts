import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/engine/languageService';
import type { HoverSettings } from '../../../server/src/engine/text/hoverRegions';
import { caret } from '../../helpers/caret';
import { testCatalog } from '../../helpers/catalog';
import { doc, gpuHardware } from '../../helpers/documents';

const catalog = testCatalog();
// Hovers link to the full entry where the client runs our commands, as VS Code does.
const service = createLanguageService({ catalog, links: 'command' });
const hw = gpuHardware(catalog, 'RTX 3090');

/** The glossary id hovered at the caret, or undefined (model, GPU and key hovers excluded). */
function termAt(marked: string, languageId = 'markdown', hover?: HoverSettings): string | undefined {
  const { text, position } = caret(marked);
  const h = service.doHover(doc(text, languageId), position, hw, undefined, hover);
  const m = h && /\[Open the full entry\]\(command:runlocalai\.showTerm\?([^)]+)\)/.exec(h.markdown);
  return m ? (JSON.parse(decodeURIComponent(m[1])) as { id: string }[])[0].id : undefined;
}

function rangeAt(marked: string, languageId = 'markdown') {
  const { text, position } = caret(marked);
  return service.doHover(doc(text, languageId), position, hw)?.range;
}

describe('term matching', () => {
  describe('line wraps', () => {
    it('matches a term wrapped onto the next line, from either half, with a range over both lines', () => {
      assert.equal(termAt('Quantize the K|V\ncache to save memory.'), 'kv-cache');
      assert.equal(termAt('Quantize the KV\nca|che to save memory.'), 'kv-cache');
      assert.deepEqual(rangeAt('Quantize the K|V\ncache to save memory.'), {
        start: { line: 0, character: 13 },
        end: { line: 1, character: 5 },
      });
    });

    it('matches a term hyphenated across the break', () => {
      assert.equal(termAt('Before you fine-\ntu|ning anything, measure.'), 'fine-tuning');
    });

    it('joins wrapped comments in code, but never across a blank line or into code', () => {
      assert.equal(termAt('# shrink the KV\n# ca|che first\nx = 1', 'python'), 'kv-cache');
      assert.equal(termAt('/* the K|V\n * cache */', 'c'), 'kv-cache');
      assert.equal(termAt('The KV\n\nca|che', 'markdown'), undefined);
      assert.equal(termAt('kv = 1  # the\ncache = 2  # ca|che', 'python'), undefined);
    });
  });

  describe('spelling variants', () => {
    it('matches British spellings and closed-up hyphenated names', () => {
      assert.equal(termAt('quantis|ation of the weights'), 'quantization');
      assert.equal(termAt('the tokenis|er splits text'), 'tokenizer');
      assert.equal(termAt('before pre|training ends'), 'pretraining');
      assert.equal(termAt('a mixture-of-exp|erts model'), 'moe');
    });

    it('matches plurals of the last word', () => {
      assert.equal(termAt('two KV cach|es'), 'kv-cache');
    });
  });

  describe('longest match wins', () => {
    it('prefers the longer term that contains a shorter one', () => {
      assert.equal(termAt('turn on flash atten|tion'), 'flash-attention');
      assert.equal(termAt('grouped-query atten|tion saves memory'), 'gqa');
      assert.equal(termAt('a quantized K|V cache'), 'kv-cache-quantization');
      assert.equal(termAt('the KV ca|che'), 'kv-cache');
    });
  });

  describe('identifiers in code', () => {
    it('never splits an identifier: lora_rank is not LoRA, and use_lora is nothing', () => {
      assert.notEqual(termAt('x = config.lora_ra|nk', 'python', { enabled: true, inCode: 'everywhere' }), 'lora');
      assert.equal(termAt('use_lo|ra = True', 'python', { enabled: true, inCode: 'everywhere' }), undefined);
      assert.equal(termAt('kv_cac|he_dtype = "fp8"', 'python', { enabled: true, inCode: 'everywhere' }), undefined);
    });
  });

  describe('short and ambiguous forms', () => {
    it('matches short forms the catalog marks safe, in their own case', () => {
      assert.equal(termAt('use R|AG for documents'), 'rag');
      assert.equal(termAt('an Mo|E model'), 'moe');
      assert.equal(termAt('the K|V heads'), 'kv-heads');
    });

    it('leaves ordinary English words alone', () => {
      for (const marked of [
        'a r|ag doll',
        'heavy me|tal music',
        'a ball of ya|rn',
        'do not re|act',
        'a wooden ru|ler',
        'count from ze|ro',
        'a paper cl|ip',
        'a baby in a co|t',
        'in Ja|n 2025',
        'keep it dr|y',
        'a length of ro|pe',
      ])
        assert.equal(termAt(marked), undefined, marked);
    });

    it('does not match a short form the catalog leaves unsafe (UMA)', () => {
      assert.equal(termAt('the U|MA design'), undefined);
      assert.equal(termAt('unified mem|ory'), 'unified-memory');
    });
  });

  describe('where hovers appear', () => {
    const on: HoverSettings = { enabled: true, inCode: 'commentsAndStrings' };

    it('reads reStructuredText, AsciiDoc, LaTeX and plain text everywhere', () => {
      for (const lang of ['restructuredtext', 'asciidoc', 'latex', 'plaintext'])
        assert.equal(termAt('the K|V cache', lang), 'kv-cache', lang);
    });

    it('reads HTML text and comments, not tags or scripts', () => {
      assert.equal(termAt('<p>the K|V cache</p>', 'html'), 'kv-cache');
      assert.equal(termAt('<!-- the K|V cache -->', 'html'), 'kv-cache');
      assert.equal(termAt('<div class="K|V cache">x</div>', 'html'), undefined);
      assert.equal(termAt('<script>const s = "K|V cache";</script>', 'html'), undefined);
    });

    it('reads only comments of YAML, TOML, INI and PowerShell (and strings of PowerShell)', () => {
      assert.equal(termAt('# the K|V cache\nkey: 1', 'yaml'), 'kv-cache');
      assert.equal(termAt('name: K|V cache', 'yaml'), undefined);
      assert.equal(termAt('# the K|V cache', 'toml'), 'kv-cache');
      assert.equal(termAt('; the K|V cache\n[a]', 'ini'), 'kv-cache');
      assert.equal(termAt('<# the K|V\ncache #>', 'powershell'), 'kv-cache');
      assert.equal(termAt('Write-Host "K|V cache"', 'powershell'), 'kv-cache');
      assert.equal(termAt('$KV = 1 # K|V cache', 'powershell'), 'kv-cache');
    });

    it('follows a Markdown fence language: comments of a shell block, nothing in an unknown one', () => {
      const md = (body: string, info: string) => `Text.\n\n\`\`\`${info}\n${body}\n\`\`\`\n`;
      assert.equal(termAt(md('# grow the K|V cache\nllama-server -c 8192', 'sh'), 'markdown', on), 'kv-cache');
      assert.equal(termAt(md('echo K|V cache', 'sh').replace('echo K|V cache', 'echo KV | cache'), 'markdown', on), undefined);
      assert.equal(termAt(md('K|V cache', ''), 'markdown', on), undefined);
      assert.equal(termAt(md('K|V cache', 'json'), 'markdown', on), undefined);
      assert.equal(termAt(md('K|V cache', ''), 'markdown', { enabled: true, inCode: 'everywhere' }), 'kv-cache');
    });

    it('reads a notebook Markdown cell and a Python cell like any document of its language', () => {
      let n = 0;
      // Each cell of a notebook is its own document with its own URI.
      const cell = (text: string, languageId: string) => ({
        uri: `vscode-notebook-cell:/nb.ipynb#W${++n}`,
        version: 1,
        languageId,
        getText: () => text,
      });
      const hover = (marked: string, lang: string) => {
        const { text, position } = caret(marked);
        return service.doHover(cell(text, lang), position, hw)?.markdown ?? '';
      };
      assert.match(hover('The K|V cache', 'markdown'), /### KV cache/);
      assert.match(hover('x = 1  # the K|V cache', 'python'), /### KV cache/);
      assert.equal(hover('K|V = 1', 'python'), '');
    });

    it('honours runlocalai.hover.inCode and runlocalai.hover.enabled', () => {
      assert.equal(termAt('K|V = load()', 'python', on), undefined);
      assert.equal(termAt('K|V = load()', 'python', { enabled: true, inCode: 'everywhere' }), 'kv-cache');
      assert.equal(termAt('kv_cache = GG|UF()', 'python', { enabled: true, inCode: 'everywhere' }), 'gguf');
      assert.equal(termAt('x = GG|UF()', 'python', { enabled: true, inCode: 'commentsAndStrings' }), undefined);
      assert.equal(termAt('x = 1  # GG|UF', 'python', { enabled: true, inCode: 'off' }), undefined);
      assert.equal(termAt('the GG|UF file', 'markdown', { enabled: true, inCode: 'off' }), 'gguf');
      assert.equal(termAt('the GG|UF file', 'markdown', { enabled: false, inCode: 'everywhere' }), undefined);
    });
  });
});
