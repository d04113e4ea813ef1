/**
 * KB patterns are literal text matched case-insensitively, with `*` standing for any run of
 * characters on the same line: "unable to allocate CUDA*buffer". Matching is a chain of substring
 * searches, each starting where the previous one ended, so a pattern costs time linear in the line
 * whatever the text (a regular expression could backtrack).
 */
export interface CompiledPattern {
  source: string;
  /** Lower-cased literal parts, in order. */
  fragments: string[];
  /** Characters of literal text: the more a pattern pins down, the more specific its match. */
  literalLength: number;
}

export interface PatternMatch {
  index: number;
  end: number;
  literalLength: number;
}

/** Fewest literal characters a pattern must have, so that none matches almost any line. */
export const MIN_PATTERN_LITERAL = 6;

/** Why a pattern is unusable, or undefined when it is fine. */
export function patternProblem(source: string): string | undefined {
  const fragments = source.split('*');
  if (fragments[0] === '' || fragments[fragments.length - 1] === '')
    return 'starts or ends with "*" (leading and trailing wildcards are implied)';
  if (fragments.some((f) => f === '')) return 'has "**" (an empty part between wildcards)';
  const literal = fragments.reduce((n, f) => n + f.length, 0);
  if (literal < MIN_PATTERN_LITERAL) return `has ${literal} literal characters, fewer than ${MIN_PATTERN_LITERAL}`;
  return undefined;
}

export function compilePattern(source: string): CompiledPattern {
  const fragments = source.toLowerCase().split('*');
  return { source, fragments, literalLength: fragments.reduce((n, f) => n + f.length, 0) };
}

/** Leftmost match of a pattern in a line that is already lower-cased. */
export function matchPattern(p: CompiledPattern, lowerLine: string): PatternMatch | undefined {
  const start = lowerLine.indexOf(p.fragments[0]);
  if (start < 0) return undefined;
  let end = start + p.fragments[0].length;
  for (let i = 1; i < p.fragments.length; i++) {
    const at = lowerLine.indexOf(p.fragments[i], end);
    if (at < 0) return undefined;
    end = at + p.fragments[i].length;
  }
  return { index: start, end, literalLength: p.literalLength };
}
