/**
 * Glob matching for paths (`**`, `*`, `?`, `{a,b}`), iterative with one backtrack point per star
 * kind, so it runs in O(pattern × path) at worst and never recurses on the input.
 */
export function globMatch(pattern: string, path: string): boolean {
  const alternatives = expandBraces(pattern);
  return alternatives.some((p) => matchOne(p, path));
}

const MAX_ALTERNATIVES = 64;

function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open);
  if (open < 0 || close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const out: string[] = [];
  for (const alt of pattern.slice(open + 1, close).split(',')) {
    for (const rest of expandBraces(tail)) {
      if (out.length >= MAX_ALTERNATIVES) return out;
      out.push(head + alt + rest);
    }
  }
  return out;
}

function matchOne(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let starP = -1;
  let starS = 0;
  let globstar = false;
  while (si < s.length) {
    if (p.startsWith('**', pi)) {
      // `**/` also matches nothing at all.
      pi += p[pi + 2] === '/' ? 3 : 2;
      starP = pi;
      starS = si;
      globstar = true;
      continue;
    }
    const c = p[pi];
    if (c === '*') {
      pi++;
      starP = pi;
      starS = si;
      globstar = false;
      continue;
    }
    if (pi < p.length && (c === '?' ? s[si] !== '/' : c === s[si])) {
      pi++;
      si++;
      continue;
    }
    if (starP >= 0 && (globstar || s[starS] !== '/')) {
      starS++;
      si = starS;
      pi = starP;
      continue;
    }
    return false;
  }
  while (p.startsWith('**', pi) || p[pi] === '*' || p[pi] === '/') {
    if (p[pi] === '/' && !p.startsWith('**', pi + 1)) break;
    pi += p.startsWith('**', pi) ? 2 : 1;
  }
  return pi >= p.length;
}
