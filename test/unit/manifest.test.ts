import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { SERVED_LANGUAGES } from '../../client/src/languages';
import { documentKind } from '../../server/src/engine/languageService';

// package.json and the code must not drift apart: every command, setting and language the code
// uses is declared in the manifest, with the same defaults.
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));

function registeredCommands(): string[] {
  const files = ['client/src/commands/index.ts', 'client/src/hardware/commands.ts'];
  return files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/'(runlocalai\.[A-Za-z]+)':/g)].map((m) => m[1]));
}

describe('extension manifest', () => {
  it('contributes every command the client registers', () => {
    const registered = registeredCommands();
    assert.ok(registered.length >= 6, `found only ${registered.join(', ')}`);
    const contributed = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
    for (const id of registered) assert.ok(contributed.has(id), `${id} is registered but not in contributes.commands`);
  });

  it('activates on every language the client hands to the server', () => {
    for (const l of SERVED_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${l}`), `no onLanguage:${l}`);
  });

  it('hands the server only languages the engine reads', () => {
    for (const l of SERVED_LANGUAGES) assert.ok(documentKind({ uri: 'file:///x', languageId: l }), `the engine does nothing with ${l}`);
  });
});
