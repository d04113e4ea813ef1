// Shared fast-check generators for the parsers' property tests: near-valid inputs (real keys,
// numbers at the edges, long whitespace, deep nesting, mixed line ends, byte-order marks) and
// random ones. Other parsers reuse them: pass your format's keys and line shapes.
import fc from 'fast-check';

/** At least this many cases per parser per run (issue 11). */
export const PROPERTY_RUNS = 10_000;

export const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** Runs of spaces and tabs, mostly short, sometimes thousands long (the shape that froze the server). */
export const whitespace = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('', ' ', '  ', '\t', ' \t ') },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(' ', '\t', ' \t', '\u00a0')).map(([n, s]) => s.repeat(n)),
  },
);

/** Numbers as people and attackers write them: edges, other bases, exponents, signs, garbage. */
export const edgeNumber = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '1',
    '-1',
    '2.5',
    '1e20',
    '1e8',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '',
    '9007199254740993',
    '1e-7',
    '+5',
    '٣',
  ),
  fc.integer().map(String),
  fc.nat({ max: 1 << 20 }).map(String),
  fc.double().map(String),
);

/** Random text: any code point, control characters included. */
export const anyText = (maxLength = 300) =>
  fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'binary-ascii', maxLength }), fc.string({ maxLength }));

/** A word from a vocabulary, or a random one. */
export const token = (vocabulary: readonly string[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...vocabulary) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** Lines joined with mixed line ends, sometimes behind a byte-order mark. */
export const joinLines = (lines: fc.Arbitrary<string>, maxLines = 30) =>
  fc.tuple(fc.boolean(), fc.array(fc.tuple(lines, lineEnd), { maxLength: maxLines }), fc.boolean()).map(([bom, ls, finalBreak]) => {
    const text = ls.map(([l, e]) => l + e).join('');
    return (bom ? '\uFEFF' : '') + (finalBreak ? text : text.replace(/(\r\n|\r|\n)$/, ''));
  });

/** A line made of tokens, numbers and whitespace, in any order. */
export const lineOf = (vocabulary: readonly string[]) =>
  fc.array(fc.oneof(token(vocabulary), edgeNumber, whitespace), { maxLength: 8 }).map((parts) => parts.join(''));

/** A document that is mostly made of the given vocabulary, sometimes random text. */
export const documentOf = (vocabulary: readonly string[]) =>
  fc.oneof({ weight: 4, arbitrary: joinLines(lineOf(vocabulary)) }, { weight: 1, arbitrary: anyText(2000) });

export const MODELFILE_WORDS = [
  'FROM',
  'from',
  'PARAMETER',
  'parameter',
  'TEMPLATE',
  'SYSTEM',
  'ADAPTER',
  'LICENSE',
  'MESSAGE',
  'REQUIRES',
  'num_ctx',
  'num_gpu',
  'temperature',
  'stop',
  'llama3.1:8b',
  'llama3.1:70b',
  'qwen2.5:7b',
  './model.gguf',
  '"""',
  '"',
  '#',
  ' ',
  '{{ .Prompt }}',
];

/** Modelfile lines: instructions with their values, comments, strings, and noise. */
export const modelfileLine = fc.oneof(
  fc
    .tuple(fc.constantFrom('FROM', 'from', 'From'), whitespace, token(MODELFILE_WORDS), whitespace, fc.constantFrom('', '# c', '#'))
    .map((p) => p.join(' ')),
  fc
    .tuple(whitespace, fc.constantFrom('PARAMETER', 'parameter'), whitespace, token(MODELFILE_WORDS), whitespace, edgeNumber, whitespace)
    .map((p) => p.join('')),
  fc
    .tuple(fc.constantFrom('TEMPLATE', 'SYSTEM', 'LICENSE'), whitespace, fc.constantFrom('"""', '"""x"""', '"', ''))
    .map((p) => p.join(' ')),
  lineOf(MODELFILE_WORDS),
);

export const modelfileText = fc.oneof({ weight: 4, arbitrary: joinLines(modelfileLine) }, { weight: 1, arbitrary: anyText(2000) });

export const HF_CONFIG_KEYS = [
  'num_hidden_layers',
  'hidden_size',
  'num_attention_heads',
  'num_key_value_heads',
  'vocab_size',
  'intermediate_size',
  'max_position_embeddings',
  'head_dim',
  'num_local_experts',
  'num_experts_per_tok',
  'moe_intermediate_size',
  'kv_lora_rank',
  'q_lora_rank',
  'qk_rope_head_dim',
  'qk_nope_head_dim',
  'v_head_dim',
  'sliding_window',
  'sliding_window_pattern',
  'first_k_dense_replace',
  'full_attention_interval',
  'linear_conv_kernel_dim',
  'linear_key_head_dim',
  'mamba_expand',
  'tie_word_embeddings',
  'torch_dtype',
  'model_type',
  'layer_types',
  'quantization_config',
  'text_config',
];

/** A JSON value at the edges: huge, fractional, negative, wrong type. */
const edgeJsonValue = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, 1e8, 1e20, 1e308, -1e308, 4096, 32, 128, null, true, 'bfloat16', 'gemma3', 'qwen3', [], {}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.constantFrom('full_attention', 'sliding_attention', 'linear_attention'), { maxLength: 64 }),
);

/** config.json text: real keys with edge values, nested text_config, deep nesting, and random JSON or text. */
export const hfConfigText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.dictionary(fc.constantFrom(...HF_CONFIG_KEYS), edgeJsonValue),
        fc.option(fc.dictionary(fc.constantFrom(...HF_CONFIG_KEYS), edgeJsonValue)),
      )
      .map(([c, text]) => JSON.stringify(text ? { ...c, text_config: text } : c)),
  },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: anyText(500) },
);

/** An edit of a document: replace [start, end) (offsets, clamped to the text) with new text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export const edits = (vocabulary: readonly string[], maxLength = 20) =>
  fc.array(
    fc.record({
      start: fc.nat({ max: 4000 }),
      end: fc.nat({ max: 4000 }),
      text: fc.oneof(lineOf(vocabulary), lineEnd, fc.constant(''), anyText(20)),
    }),
    { maxLength },
  );

export function applyEdit(text: string, edit: TextEdit): string {
  const a = Math.min(edit.start, edit.end, text.length);
  const b = Math.min(Math.max(edit.start, edit.end), text.length);
  return text.slice(0, a) + edit.text + text.slice(b);
}
