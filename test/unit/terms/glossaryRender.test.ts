import * as assert from 'node:assert/strict';
import { runCli } from '../../../server/src/cli/cli';
import { renderGlossaryEntry, renderGlossaryHover } from '../../../server/src/engine/render/glossaryHover';
import { findTerm, termChoices } from '../../../server/src/engine/terms/lookup';
import { createTermIndex } from '../../../server/src/engine/terms/termIndex';
import { createLanguageService } from '../../../server/src/engine/languageService';
import { doc, gpuHardware } from '../../helpers/documents';
import { glossaryProblems } from '../../../scripts/catalog-check/glossary';
import { testCatalog } from '../../helpers/catalog';

const catalog = testCatalog();
const terms = createTermIndex(catalog.glossary);
const entry = (id: string) => {
  const e = terms.byId(id);
  assert.ok(e, id);
  return e;
};

describe('glossary entries and their rendering', () => {
  it('keeps angle-bracket placeholders visible in hovers', () => {
    const md = renderGlossaryHover(entry('gguf'), terms, catalog);
    assert.ok(md.includes('`llama-server -hf <user>/<model>:Q4_K_M`'), 'placeholder inside code stays as written');
    const plain = renderGlossaryHover({ ...entry('gguf'), example: 'run -hf <user>/<model> now' }, terms, catalog);
    assert.ok(plain.includes('-hf &lt;user&gt;/&lt;model&gt; now'), plain);
  });

  it('keeps placeholders visible in the hover a Markdown document shows', () => {
    const service = createLanguageService({ catalog, links: 'command' });
    const text = 'Download a GGUF first.';
    const hover = service.doHover(
      doc(text, 'markdown'),
      { line: 0, character: text.indexOf('GGUF') + 1 },
      gpuHardware(catalog, 'RTX 3090'),
    );
    assert.ok(hover, 'no hover on GGUF');
    // The example's command keeps its placeholders, and nothing renders them as HTML tags.
    assert.ok(hover.markdown.includes('-hf <user>/<model>:Q4_K_M`'), hover.markdown);
    assert.doesNotMatch(hover.markdown, /-hf \/:Q4_K_M/);
  });

  it('shows a Modelfile line as a Modelfile, not a shell command', () => {
    const md = renderGlossaryHover(entry('num-ctx'), terms, catalog);
    assert.match(md, /```modelfile\nFROM llama3\.1:8b\nPARAMETER num_ctx 8192\n```/);
    assert.doesNotMatch(md, /```(sh|bash)\n[^`]*PARAMETER num_ctx/);
  });

  it('separates perplexity from KL divergence, ggml from llama.cpp, shared GPU memory from unified memory', () => {
    assert.equal(terms.termAt('the KLD of a quant', 0, 5)?.entry.id, 'kl-divergence');
    assert.equal(terms.termAt('the KL divergence', 0, 5)?.entry.id, 'kl-divergence');
    assert.equal(terms.termAt('the perplexity', 0, 5)?.entry.id, 'perplexity');
    assert.equal(terms.termAt('built on ggml', 0, 10)?.entry.id, 'ggml');
    assert.equal(terms.termAt('built on llama.cpp', 0, 10)?.entry.id, 'llama.cpp');
    assert.equal(terms.termAt('shared GPU memory in Task Manager', 0, 2)?.entry.id, 'shared-gpu-memory');
    assert.match(entry('shared-gpu-memory').definition, /Windows/);
  });

  it('renders the full entry with every section', () => {
    const md = renderGlossaryEntry(entry('kv-cache'), terms, catalog);
    for (const h of ['# KV cache', '## Deeper dive', '## Practical example', '## Workflow example', '## Sources'])
      assert.ok(md.includes(h), h);
    assert.match(md, /When it doesn't work/);
  });

  it('lists terms and aliases for the picker, most-met terms first', () => {
    const choices = termChoices(catalog.glossary);
    assert.ok(choices.some((c) => c.name === 'KV cache' && c.id === 'kv-cache'));
    assert.ok(choices.some((c) => c.name === 'key-value cache' && c.id === 'kv-cache'));
    const tiers = choices.map((c) => c.tier);
    assert.deepEqual(
      tiers,
      [...tiers].sort((a, b) => a - b),
    );
    assert.ok(
      choices.every((c) => c.summary.length > 20 && c.summary.length <= 400),
      'one-line definitions',
    );
  });

  it('finds a term by id, name, alias or acronym, folding case and hyphens', () => {
    assert.equal(findTerm(catalog.glossary, 'kv-cache').entry?.id, 'kv-cache');
    assert.equal(findTerm(catalog.glossary, 'Key Value Cache').entry?.id, 'kv-cache');
    assert.equal(findTerm(catalog.glossary, 'MoE').entry?.id, 'moe');
    assert.equal(findTerm(catalog.glossary, 'zzz-nothing').entry, undefined);
  });

  it('runlocalai define prints the entry, and fails clearly for an unknown term', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    const deps = { catalog, io, detect: () => Promise.reject(new Error('not needed')) } as unknown as Parameters<typeof runCli>[1];
    assert.equal(await runCli(['define', 'flash', 'attention'], deps), 0);
    assert.match(out.join('\n'), /^# flash attention/m);
    assert.equal(await runCli(['define', 'zzz-nothing'], deps), 1);
    assert.match(err.join('\n'), /no glossary term "zzz-nothing"/);
    assert.equal(await runCli(['define'], deps), 2);
  });

  it('catalog:check finds an incomplete entry and two terms claiming one name', () => {
    const bad = { ...entry('kv-cache'), id: 'copy', example: 'no numbers, no hardware', aliases: ['key-value cache'], related: ['nope'] };
    const problems = glossaryProblems({ ...catalog, glossary: [...catalog.glossary, bad] });
    assert.ok(problems.some((p) => /copy: the practical example has no number/.test(p)));
    assert.ok(problems.some((p) => /copy: the practical example names no hardware/.test(p)));
    assert.ok(problems.some((p) => /"key-value cache" is also a name of/.test(p)));
    assert.ok(problems.some((p) => /related term "nope" does not exist/.test(p)));
    assert.deepEqual(glossaryProblems(catalog), []);
    assert.ok(glossaryProblems({ ...catalog, glossary: catalog.glossary.slice(0, 299) }).some((p) => /below the minimum of 300/.test(p)));
  });
});
