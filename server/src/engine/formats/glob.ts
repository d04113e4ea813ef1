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
  // Two backtrack points: the last `*` (stays within a folder) and the last `**` (crosses folders).
  let starP = -1;
  let starS = 0;
  let globP = -1;
  let globS = 0;
  while (si < s.length) {
    if (p.startsWith('**', pi)) {
      // `**/` also matches no folder at all.
      pi += p[pi + 2] === '/' ? 3 : 2;
      globP = pi;
      globS = si;
      starP = -1;
      continue;
    }
    const c = p[pi];
    if (c === '*') {
      pi++;
      starP = pi;
      starS = si;
      continue;
    }
    if (pi < p.length && (c === '?' ? s[si] !== '/' : c === s[si])) {
      pi++;
      si++;
      continue;
    }
    if (starP >= 0 && s[starS] !== '/') {
      si = ++starS;
      pi = starP;
      continue;
    }
    if (globP >= 0) {
      starP = -1;
      si = ++globS;
      pi = globP;
      continue;
    }
    return false;
  }
  while (pi < p.length && (p[pi] === '*' || (p[pi] === '/' && p.startsWith('**', pi + 1)))) pi++;
  return pi >= p.length;
}
