// Runs first (suites load in name order), before the other suites open files.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { closeAll, extension, openExisting, openFile, waitFor } from './helpers';

describe('activation', () => {
  after(closeAll);

  it('runs the installed VSIX, not a source folder', () => {
    const installedIn = process.env.RUNLOCALAI_TEST_EXTENSIONS_DIR;
    assert.ok(installedIn, 'the runner did not pass RUNLOCALAI_TEST_EXTENSIONS_DIR, so the tests cannot tell what they test');
    const rel = path.relative(installedIn, extension().extensionPath);
    assert.ok(
      !rel.startsWith('..') && !path.isAbsolute(rel),
      `the extension runs from ${extension().extensionPath}, outside ${installedIn}`,
    );
  });

  // onLanguage:plaintext fires at startup (the workbench makes plaintext models of its own), so the
  // extension may already be active; what counts is that it is active with a Markdown file open.
  it('is active once a Markdown file is open', async () => {
    const editor = await openExisting('notes.md');
    assert.equal(editor.document.languageId, 'markdown');
    await waitFor('the extension to activate after notes.md opened', () => extension().isActive);
  });

  it('gives a Modelfile its contributed language', async () => {
    for (const name of ['Modelfile', 'coder.Modelfile']) {
      const editor = await openFile(`lang/${name}`, 'FROM llama3.1:8b\n');
      assert.equal(editor.document.languageId, 'modelfile', `${name} opened as ${editor.document.languageId}`);
    }
  });
});
