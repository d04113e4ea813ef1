import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { applyRuntimeFlags, checkFlags, serverFlags } from '../../../server/src/startup/runtimeFlags';

const MiB = 1024 * 1024;

/** The young generation's size after the child's allocations, with or without the cap. */
function youngGenerationBytes(keepSmall: boolean): number {
  const child = path.join(__dirname, 'runtimeFlagsChild.js');
  const r = spawnSync(process.execPath, [child, ...(keepSmall ? ['--keep-small'] : [])], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout);
}

describe('V8 flags the bins set on themselves at run time', function () {
  this.timeout(30000);

  const recording = (calls: string[]) => (id: string) => {
    calls.push(`load ${id}`);
    return id === 'node:v8' ? { setFlagsFromString: (flags: string) => calls.push(`flags ${flags}`) } : {};
  };

  it('the server: loads its bundle’s built-ins first, then sets the growth factor to 1', () => {
    const calls: string[] = [];
    applyRuntimeFlags(serverFlags(['net', 'node:fs']), recording(calls));
    assert.deepEqual(calls, ['load net', 'load node:fs', 'load node:v8', 'flags --semi-space-growth-factor=1']);
  });

  it('check: touches what it needs first, then caps V8 at baseline code', () => {
    const calls: string[] = [];
    const flags = checkFlags();
    applyRuntimeFlags({ ...flags, touch: () => calls.push('touch') }, recording(calls));
    assert.deepEqual(calls, [...flags.builtins.map((b) => `load ${b}`), 'touch', 'load node:v8', 'flags --max-opt=1']);
  });

  it('stops the young generation from growing past its first size in a process that allocates', () => {
    const grown = youngGenerationBytes(false);
    const kept = youngGenerationBytes(true);
    // Without the cap V8 grows it to 16 MiB per semi-space under this load; with it, two 1 MiB semi-spaces.
    assert.ok(grown > 8 * MiB, `without the cap: ${grown / MiB} MiB`);
    assert.ok(kept <= 2 * MiB, `with the cap: ${kept / MiB} MiB`);
  });
});
