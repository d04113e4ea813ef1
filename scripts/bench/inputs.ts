// Deterministic inputs for `npm run bench`: the same seed gives the same documents on every machine,
// so two runs differ only by the machine.
import type { Catalog } from '../../server/src/engine/catalog/schema';

/** mulberry32: a small seeded generator, enough to pick words and numbers reproducibly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchDocument {
  uri: string;
  languageId: string;
  text: string;
  /** Positions on glossary terms, where a hover has something to say. */
  jargon: { line: number; character: number }[];
}

const FILLER = 'the of and a to in is it that for on with as was at by this be from or have an'.split(' ');

/** Lines of filler words with a glossary term every few words; records where each term starts. */
function proseLines(catalog: Catalog, random: () => number, count: number, prefix: string, width = 12) {
  const terms = catalog.glossary.map((g) => g.term);
  const lines: string[] = [];
  const jargon: { line: number; character: number }[] = [];
  for (let i = 0; i < count; i++) {
    let line = prefix;
    for (let w = 0; w < width; w++) {
      if (w > 0) line += ' ';
      if (random() < 0.15) {
        jargon.push({ line: i, character: line.length });
        line += terms[Math.floor(random() * terms.length)];
      } else line += FILLER[Math.floor(random() * FILLER.length)];
    }
    lines.push(line);
  }
  return { lines, jargon };
}

/** About `bytes` of Markdown: headings and paragraphs with jargon. */
export function markdownDocument(catalog: Catalog, bytes: number, seed = 1): BenchDocument {
  const random = seeded(seed);
  const lines: string[] = [];
  const jargon: { line: number; character: number }[] = [];
  let size = 0;
  while (size < bytes) {
    const block = proseLines(catalog, random, 8, '', 14);
    lines.push(`## Section ${lines.length}`, '');
    for (const j of block.jargon) jargon.push({ line: j.line + lines.length, character: j.character });
    lines.push(...block.lines, '');
    size += block.lines.reduce((n, l) => n + l.length + 1, 0) + 20;
  }
  return { uri: 'file:///bench/large.md', languageId: 'markdown', text: lines.join('\n'), jargon };
}

/** A YAML config of `count` lines: nested keys with jargon in comments and values. */
export function yamlDocument(catalog: Catalog, count: number, seed = 2): BenchDocument {
  const random = seeded(seed);
  const models = catalog.models;
  const lines: string[] = [];
  const jargon: { line: number; character: number }[] = [];
  const comments = proseLines(catalog, random, count, '', 8);
  for (let i = 0; lines.length < count; i++) {
    const m = models[i % models.length];
    const base = lines.length;
    const comment = comments.lines[base];
    lines.push(`# ${comment}`);
    for (const j of comments.jargon) if (j.line === base) jargon.push({ line: base, character: j.character + 2 });
    lines.push(
      `service_${i}:`,
      `  model: ${m.id}`,
      `  context: ${1024 << Math.floor(random() * 6)}`,
      `  gpu_layers: ${Math.floor(random() * 80)}`,
    );
  }
  return {
    uri: 'file:///bench/config.yaml',
    languageId: 'yaml',
    text: lines.slice(0, count).join('\n'),
    jargon: jargon.filter((j) => j.line < count),
  };
}

/** A Python file of `count` lines, every other one a comment with jargon. */
export function pythonDocument(catalog: Catalog, count: number, seed = 3): BenchDocument {
  const random = seeded(seed);
  const comments = proseLines(catalog, random, count, '# ', 10);
  const lines = comments.lines.map((c, i) => (i % 2 === 0 ? c : `value_${i} = compute(${i}, scale=${(random() * 10).toFixed(2)})`));
  const jargon = comments.jargon.filter((j) => j.line % 2 === 0);
  return { uri: 'file:///bench/module.py', languageId: 'python', text: lines.join('\n'), jargon };
}

/** A Modelfile of about `count` lines: FROM a model too big for the bench's GPU, parameters, a long SYSTEM. */
export function modelfileDocument(count: number, name = 'Modelfile', seed = 4): BenchDocument {
  const random = seeded(seed);
  const lines = ['FROM llama3.1:70b', 'PARAMETER num_ctx 32768', 'PARAMETER temperature 0.7', 'SYSTEM """'];
  while (lines.length < count - 1) lines.push(`You answer question ${lines.length} in ${Math.floor(random() * 90) + 10} words or fewer.`);
  lines.push('"""');
  return { uri: `file:///bench/${name}`, languageId: 'modelfile', text: lines.join('\n'), jargon: [] };
}

/** A llama-swap config with `count` models, each a llama-server command with its context; line 3 holds the first `-c`. */
export function llamaSwapDocument(catalog: Catalog, count: number, seed = 5): BenchDocument {
  const random = seeded(seed);
  const lines = ['macros:', '  server: /opt/llama-server --port ${PORT}', 'models:'];
  const models = catalog.models;
  for (let i = 0; i < count; i++) {
    const m = models[Math.floor(random() * models.length)];
    lines.push(
      `  model-${i}:`,
      '    cmd: |',
      '      ${server}',
      `      -m /models/${m.id}-Q4_K_M.gguf`,
      `      -c ${1024 << Math.floor(random() * 6)}`,
      `      -ngl ${Math.floor(random() * 80)}`,
    );
  }
  return { uri: 'file:///bench/llama-swap.yaml', languageId: 'yaml', text: lines.join('\n'), jargon: [] };
}
