import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** Nodes an expansion may add, at least; a document of aliases of aliases cannot make the readers walk more. */
const MIN_EXPANSION_BUDGET = 10_000;

/**
 * Resolves a document's aliases (`cmd: *shared`) to the nodes they name, and merge keys
 * (`<<: *defaults`, `<<: [*a, *b]`) into the mapping's own items, keys written in the mapping winning
 * and earlier sources winning over later ones, as YAML 1.1 merge keys do. Resolved nodes keep their
 * ranges, which point at the anchor's definition: that is where the value is written.
 *
 * Shared nodes are not copied; the budget caps how many nodes all expansions may add in total, so a
 * "billion laughs" document stays linear for every reader that walks the tree afterwards.
 */
export function resolveAliases(doc: Document.Parsed, maxDepth: number): void {
  const done = new Set<Node>();
  const active = new Set<Node>();
  const anchors = anchorsOf(doc.contents, maxDepth);
  let budget = Math.max(MIN_EXPANSION_BUDGET, 4 * sizeOf(doc.contents, Infinity, maxDepth));

  const target = (node: unknown): Node | undefined => {
    if (!isAlias(node) || budget <= 0) return undefined;
    const found = anchorBefore(anchors, node.source, node.range?.[0] ?? 0);
    // An alias of a mapping it sits in would make the tree a cycle: left as written.
    if (!found || active.has(found)) return undefined;
    // Counted as it is now (earlier aliases inside it already resolved); past the budget, no more aliases resolve.
    const cost = sizeOf(found, budget, maxDepth);
    if (cost > budget) {
      budget = 0;
      return undefined;
    }
    budget -= cost;
    return found;
  };

  const visit = (node: unknown, depth: number): void => {
    if (depth > maxDepth || !node || done.has(node as Node)) return;
    done.add(node as Node);
    active.add(node as Node);
    if (isMap(node)) {
      mergeInto(node, depth);
      for (const p of node.items) {
        const resolved = target(p.value);
        if (resolved) p.value = resolved;
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items = node.items.map((item) => target(item) ?? item);
      for (const item of node.items) visit(item, depth + 1);
    }
    active.delete(node as Node);
  };

  const mergeInto = (map: YAMLMap, depth: number): void => {
    const merges = map.items.filter((p) => isScalar(p.key) && p.key.value === '<<');
    if (!merges.length) return;
    const own = new Set(map.items.filter((p) => !merges.includes(p)).map((p) => keyText(p)));
    const added: Pair[] = [];
    for (const m of merges) {
      const sources = isSeq(m.value) ? m.value.items : [m.value];
      for (const s of sources) {
        const from = target(s) ?? (isMap(s) ? s : undefined);
        if (!isMap(from)) continue;
        // The source's own merges first, so that chains of defaults resolve.
        visit(from, depth + 1);
        for (const p of from.items) {
          const k = keyText(p);
          if (k === undefined || k === '<<' || own.has(k)) continue;
          own.add(k);
          added.push(p as Pair);
        }
      }
    }
    map.items = [...map.items.filter((p) => !merges.includes(p)), ...added] as typeof map.items;
  };

  visit(doc.contents, 0);
}

/** Every anchored node of the tree as parsed (aliases are still leaves), by name, in document order. */
function anchorsOf(root: unknown, maxDepth: number): Map<string, { start: number; node: Node }[]> {
  const out = new Map<string, { start: number; node: Node }[]>();
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object' || depth > maxDepth) continue;
    const anchor = (node as { anchor?: string }).anchor;
    const start = (node as { range?: [number, number, number] }).range?.[0];
    if (anchor && start !== undefined && (isMap(node) || isSeq(node) || isScalar(node))) {
      const list = out.get(anchor) ?? [];
      list.push({ start, node: node as Node });
      out.set(anchor, list);
    }
    if (isMap(node)) for (const p of node.items) stack.push([p.key, depth + 1], [p.value, depth + 1]);
    else if (isSeq(node)) for (const item of node.items) stack.push([item, depth + 1]);
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

/** The node an alias names: the last anchor of that name written before it, as YAML defines. */
function anchorBefore(anchors: Map<string, { start: number; node: Node }[]>, name: string, at: number): Node | undefined {
  const list = anchors.get(name) ?? [];
  // Binary search: many anchors of one name stay linear-logarithmic.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1].node : undefined;
}

function keyText(p: unknown): string | undefined {
  if (!isPair(p) || !isScalar(p.key)) return undefined;
  return String(p.key.value);
}

/** Nodes under a node as the tree stands, counting stopped once past `limit` (so one count costs at most the limit). */
function sizeOf(root: unknown, limit: number, maxDepth: number): number {
  let n = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length && n <= limit) {
    const [node, depth] = stack.pop()!;
    n++;
    if (depth >= maxDepth) continue;
    if (isMap(node)) for (const p of node.items) stack.push([p.value, depth + 1]);
    else if (isSeq(node)) for (const item of node.items) stack.push([item, depth + 1]);
  }
  return n;
}
