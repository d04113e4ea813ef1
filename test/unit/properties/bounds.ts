import * as assert from 'node:assert/strict';
import { splitLines } from '../../../server/src/engine/text/words';
import type { Range } from '../../../server/src/engine/types';

/**
 * Time allowed for one call on `size` characters: a generous constant for a busy machine plus
 * 20 µs per character. Linear work stays far below it; quadratic work on the long-whitespace
 * inputs (20,000 characters) goes far above.
 */
export function linearBoundMs(size: number, constantMs = 150): number {
  return constantMs + 0.02 * size;
}

/**
 * Runs `fn`, fails when it took longer than the linear bound for `size`, returns its result.
 * `constantMs` is the work that does not depend on the text (a fit estimate over the catalog).
 * This checks complexity, not speed: a call over the bound runs twice more and the fastest of
 * the three counts, because a garbage collection or a busy shared machine can stall one call,
 * while quadratic work is slow every time.
 */
export function withinLinearBound<T>(size: number, fn: () => T, constantMs = 150): T {
  const bound = linearBoundMs(size, constantMs);
  let fastest = Infinity;
  let result!: T;
  for (let attempt = 0; attempt < 3 && fastest > bound; attempt++) {
    const started = performance.now();
    result = fn();
    fastest = Math.min(fastest, performance.now() - started);
  }
  assert.ok(fastest <= bound, `${fastest.toFixed(0)} ms on ${size} characters (bound ${bound.toFixed(0)} ms), fastest of 3`);
  return result;
}

/** Every range lies inside the text, start before end. */
export function assertInside(text: string, ranges: readonly Range[]): void {
  const lines = splitLines(text);
  for (const r of ranges) {
    for (const p of [r.start, r.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `line ${p.line} of ${lines.length}`);
      assert.ok(
        Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length,
        `character ${p.character} on line ${p.line}`,
      );
    }
    assert.ok(
      r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
      `${JSON.stringify(r)} ends before it starts`,
    );
  }
}

/** Counts cases and prints the count once the property has run, for the run's log. */
export function counted<T extends unknown[]>(name: string, body: (...args: T) => void) {
  let cases = 0;
  return {
    property: (...args: T) => {
      cases++;
      body(...args);
    },
    report: () => {
      console.log(`      fast-check: ${name}: ${cases} cases`);
      return cases;
    },
  };
}

/**
 * Whether `factor`× the input takes less than `maxRatio`× the time of `n` (linear work takes
 * about `factor`×, quadratic `factor`²×). A ratio over the bound is measured again, up to three
 * times in all: a load spike on a shared machine passes, quadratic work fails every time.
 * Returns the lowest ratio seen, for the assertion's message.
 */
export function lowestGrowthRatio(time: (n: number) => number, n: number, factor: number, maxRatio: number): number {
  let lowest = Infinity;
  for (let attempt = 0; attempt < 3 && lowest >= maxRatio; attempt++) {
    const small = Math.max(time(n), 1);
    lowest = Math.min(lowest, time(n * factor) / small);
  }
  return lowest;
}
