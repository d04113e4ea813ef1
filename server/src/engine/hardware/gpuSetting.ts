import { collapseSpaces, MAX_GPU_NAME_CHARS } from './gpuTokens';

/** Most GPUs one setting may describe: enough for any node, small enough that building devices is cheap. */
export const MAX_GPU_COUNT = 64;

export interface GpuSetting {
  /** The GPU name with any count removed ("RTX 3090"), or undefined when the text is too long to be one. */
  name?: string;
  /** A count written with the name ("2x RTX 3090", "RTX 3090 x2"), if any. */
  count?: number;
}

const isCountWord = (w: string) => w.length >= 1 && w.length <= 3 && [...w].every((c) => c >= '0' && c <= '9') && Number(w) >= 1;
const isTimes = (w: string) => w === 'x' || w === 'X' || w === '×' || w === '*';

/** "2x" → 2, "x2" → 2, "×4" → 4; undefined for anything else. */
function countWith(word: string, where: 'before' | 'after'): number | undefined {
  if (word.length < 2) return undefined;
  const sign = where === 'before' ? word[word.length - 1] : word[0];
  const digits = where === 'before' ? word.slice(0, -1) : word.slice(1);
  return isTimes(sign) && isCountWord(digits) ? Number(digits) : undefined;
}

/**
 * Reads `runlocalai.gpu` as people write it: "rtx3090", "2x RTX 3090", "2 x RTX 3090",
 * "RTX 3090 x2", "RTX 3090 × 2". Linear: one pass to collapse spaces, then work on whole words.
 */
export function parseGpuSetting(value: string): GpuSetting {
  const text = collapseSpaces(value, MAX_GPU_NAME_CHARS + 16);
  if (text === undefined) return {};
  const words = text.split(' ').filter(Boolean);
  let count: number | undefined;
  // Leading: "2x RTX 3090", "2 x RTX 3090", "2× RTX 3090".
  const lead = words.length > 1 ? countWith(words[0], 'before') : undefined;
  if (lead !== undefined) {
    count = lead;
    words.shift();
  } else if (words.length > 2 && isCountWord(words[0]) && isTimes(words[1])) {
    count = Number(words[0]);
    words.splice(0, 2);
  } else {
    // Trailing: "RTX 3090 x2", "RTX 3090 x 2".
    const trail = words.length > 1 ? countWith(words[words.length - 1], 'after') : undefined;
    if (trail !== undefined) {
      count = trail;
      words.pop();
    } else if (words.length > 2 && isTimes(words[words.length - 2]) && isCountWord(words[words.length - 1])) {
      count = Number(words[words.length - 1]);
      words.splice(-2, 2);
    }
  }
  const name = words.join(' ');
  if (name.length > MAX_GPU_NAME_CHARS) return {};
  return count === undefined ? { name } : { name, count };
}

/** At most `max` characters of a setting value for a message, on one line. */
export function excerpt(value: string, max = 40): string {
  const collapsed = collapseSpaces(value, max);
  if (collapsed !== undefined) return collapsed;
  let out = '';
  let space = false;
  for (let i = 0; i < value.length && out.length < max - 1; i++) {
    const c = value[i];
    if (c.trim() === '') space = out.length > 0;
    else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return `${out.slice(0, max - 1)}…`;
}
