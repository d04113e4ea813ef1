import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusDir } from '../../helpers/corpus';

/** Runs `fn` from `dir` with CI set as given, restoring both. */
function from<T>(dir: string, ci: string | undefined, fn: () => T): T {
  const cwd = process.cwd();
  const saved = process.env.CI;
  process.chdir(dir);
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
  try {
    return fn();
  } finally {
    process.chdir(cwd);
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
}

// A stand-in for mocha's `this` that records the skip instead of ending the test.
class Skipped extends Error {}
const context = {
  skip(): never {
    throw new Skipped();
  },
} as unknown as Mocha.Context;

describe('the corpus helper (issue 11, item 8)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runlocalai-corpus-'));
  const lone = path.join(root, 'lone', 'clone');
  const beside = path.join(root, 'ci', 'clone');
  fs.mkdirSync(lone, { recursive: true });
  fs.mkdirSync(beside, { recursive: true });
  fs.mkdirSync(path.join(root, 'ci', 'shared', 'corpus'), { recursive: true });

  it('skips in a clone on its own', () => {
    assert.throws(() => from(lone, undefined, () => corpusDir(context)), Skipped);
  });

  it('fails with CI=true when the corpus is missing', () => {
    assert.throws(() => from(lone, 'true', () => corpusDir(context)), /shared corpus is missing/);
  });

  it('returns the corpus beside the clone, with or without CI', () => {
    const expected = fs.realpathSync(path.join(root, 'ci', 'shared', 'corpus'));
    assert.equal(fs.realpathSync(from(beside, 'true', () => corpusDir(context))), expected);
    assert.equal(fs.realpathSync(from(beside, undefined, () => corpusDir(context))), expected);
  });
});
