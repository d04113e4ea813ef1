import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ACTIVATION_LANGUAGES, SERVED_LANGUAGES } from '../../client/src/languages';
import { gpuChoices } from '../../server/src/engine/answer/gpuChoices';
import { documentKind } from '../../server/src/engine/languageService';
import { gpuSettingSuggestions } from '../../server/src/protocol/gpuSettingSchema';
import { testCatalog } from '../helpers/catalog';

// package.json and the code must not drift apart: every command, setting and language the code
// uses is declared in the manifest, with the same defaults.
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));

/** VS Code 1.100's accepted extension categories (its product's list; vsce checks the same). */
const VSCODE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];
/** Source-code languages: opening one must not start a server process. */
const CODE_LANGUAGES = ['python', 'typescript', 'javascript', 'go', 'rust', 'c', 'cpp', 'java', 'csharp', 'lua', 'powershell'];

function registeredCommands(): string[] {
  const files = ['client/src/commands/index.ts', 'client/src/hardware/commands.ts'];
  return files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/'(runlocalai\.[A-Za-z]+)':/g)].map((m) => m[1]));
}

/** `[text](command:id?args)` links in a walkthrough description. */
function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:(runlocalai\.[A-Za-z]+)/g)].map((m) => m[1]);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('extension manifest', () => {
  it('contributes every command the client registers', () => {
    const registered = registeredCommands();
    assert.ok(registered.length >= 9, `found only ${registered.join(', ')}`);
    for (const id of registered) assert.ok(contributed.has(id), `${id} is registered but not in contributes.commands`);
    for (const id of ['runlocalai.compareGpus', 'runlocalai.confirmWithRuntime', 'runlocalai.pickGpu'])
      assert.ok(registered.includes(id), `${id} is not registered`);
  });

  it('activates on the config languages and prose only, never on source code', () => {
    const onLanguage = (manifest.activationEvents as string[]).filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice(11));
    assert.deepEqual([...onLanguage].sort(), [...ACTIVATION_LANGUAGES].sort());
    for (const l of CODE_LANGUAGES) assert.ok(!onLanguage.includes(l), `opening ${l} would start a server`);
    for (const l of ['markdown', 'plaintext', 'modelfile', 'yaml']) assert.ok(onLanguage.includes(l), `no onLanguage:${l}`);
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/Modelfile'));
  });

  it('still serves code languages once active, and hands the server only languages the engine reads', () => {
    for (const l of ACTIVATION_LANGUAGES)
      assert.ok((SERVED_LANGUAGES as readonly string[]).includes(l), `${l} activates but is not served`);
    for (const l of ['python', 'typescript', 'rust']) assert.ok((SERVED_LANGUAGES as readonly string[]).includes(l), `${l} not served`);
    for (const l of SERVED_LANGUAGES) assert.ok(documentKind({ uri: 'file:///x', languageId: l }), `the engine does nothing with ${l}`);
  });

  it("offers the catalog's GPU names for runlocalai.gpu while accepting any text (npm run catalog:gpu-setting)", () => {
    const gpu = manifest.contributes.configuration.properties['runlocalai.gpu'];
    assert.equal(gpu.type, 'string');
    assert.equal(gpu.enum, undefined, 'a top-level enum makes the Settings editor a drop-down that refuses other names');
    const wanted = gpuSettingSuggestions(gpuChoices(testCatalog()));
    assert.deepEqual(gpu.anyOf, wanted.anyOf, 'package.json is out of date with the catalog: run npm run catalog:gpu-setting');
    const [names, free] = gpu.anyOf;
    assert.equal(names.enum.length, testCatalog().gpus.length + 2);
    assert.equal(names.enumDescriptions.length, names.enum.length);
    assert.ok(names.enum.includes('GeForce RTX 4090'));
    assert.deepEqual(free, { type: 'string' });
  });

  it('has an icon of at least 128×128 that scripts/make-icon.mjs reproduces byte for byte', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const { width, height } = pngSize(manifest.icon);
    assert.ok(width >= 128 && height >= 128, `${width}×${height}`);
    const check = spawnSync(process.execPath, ['scripts/make-icon.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
    assert.match(fs.readFileSync('.vscodeignore', 'utf8'), /^!images\/icon\.png$/m);
  });

  it('lists only categories VS Code accepts, AI and Machine Learning among them', () => {
    for (const c of manifest.categories) assert.ok(VSCODE_CATEGORIES.includes(c), `${c} is not a VS Code category`);
    assert.ok(manifest.categories.includes('AI'));
    assert.ok(manifest.categories.includes('Machine Learning'));
  });

  it('walks a first run through hardware, an example config, a hover and Will it run?, with Markdown pages in the VSIX', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    const steps = walkthrough.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
    assert.deepEqual(
      steps.map((s) => s.id),
      ['detectHardware', 'openExample', 'hoverTerm', 'willItRun'],
    );
    const shipped = fs.readFileSync('.vscodeignore', 'utf8');
    assert.match(shipped, /^!media\/walkthrough\/\*\.md$/m);
    for (const s of steps) {
      assert.match(s.media.markdown, /^media\/walkthrough\/[\w-]+\.md$/);
      assert.ok(fs.readFileSync(s.media.markdown, 'utf8').startsWith('# '), `${s.media.markdown} is missing or has no title`);
      const links = commandLinks(s.description);
      assert.ok(links.length > 0, `${s.id} has no command to run`);
      for (const id of [...links, ...s.completionEvents.map((e) => e.replace(/^onCommand:/, ''))])
        assert.ok(contributed.has(id), `${s.id} names ${id}, which is not contributed`);
    }
  });

  it('packages without a prompt: no repository URL is invented, and vsce is told so', () => {
    assert.equal(manifest.repository, undefined);
    assert.match(manifest.scripts.package, /vsce package .*--allow-missing-repository/);
  });
});
