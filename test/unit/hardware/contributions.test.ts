import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../../server/src/protocol';

const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'));

describe('hardware contributions in package.json', () => {
  it('contributes the commands client/src/hardware registers', () => {
    const source = fs.readFileSync(path.join(process.cwd(), 'client/src/hardware/commands.ts'), 'utf8');
    const registered = [...source.matchAll(/'(runlocalai\.[A-Za-z]+)':/g)].map((m) => m[1]);
    assert.deepEqual(registered.sort(), ['runlocalai.detectHardware', 'runlocalai.showHardware']);
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const id of registered) assert.ok(contributed.has(id), `${id} is registered but not in contributes.commands`);
  });

  it('declares every hardware setting with the default the server assumes', () => {
    const props = pkg.contributes.configuration.properties;
    for (const [key, value] of Object.entries(defaultSettings)) {
      assert.ok(props[`runlocalai.${key}`], `runlocalai.${key} is not declared`);
      assert.deepEqual(props[`runlocalai.${key}`].default, value, `runlocalai.${key} default`);
    }
  });
});
