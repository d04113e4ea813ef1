/**
 * Names close to what was typed, for "did you mean": the longest shared prefix on letters and
 * digits, with a bonus when the typed key appears whole inside a name ("3090" in "RTX 3090").
 * Linear in the names' total length.
 */
export function nearNames(typed: string, names: readonly string[], limit = 3): string[] {
  const key = typed.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (key.length < 2) return [];
  const seen = new Set<string>();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const k = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    let i = 0;
    while (i < key.length && i < k.length && key[i] === k[i]) i++;
    const contained = key.length >= 3 && (k.includes(key) || (k.length >= 4 && key.includes(k)));
    scored.push({ name, score: i + (contained ? Math.min(key.length, k.length) : 0) });
  }
  return scored
    .filter((s) => s.score >= Math.min(4, key.length))
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length)
    .slice(0, limit)
    .map((s) => s.name);
}
