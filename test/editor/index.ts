// The entry that VS Code's extension host loads through extensionTestsPath (from the code-server
// runner and from @vscode/test-electron alike). It runs every *.suite.js next to it with mocha and
// rejects when a test fails, which the editor turns into a non-zero exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';

export async function run(): Promise<void> {
  // mocha 12 is ESM-only.
  const { default: Mocha } = await import('mocha');
  // The extension host sends console.log to the workbench's console, not to the terminal that
  // started the editor; stdout reaches the runner's log, so the spec reporter writes there.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    process.stdout.write(`${format(...args)}\n`);
  };
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const grep = process.env.RUNLOCALAI_EDITOR_GREP;
  if (grep) mocha.grep(grep);
  const suites = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.suite.js'))
    .sort();
  if (suites.length === 0) throw new Error(`no *.suite.js files next to ${__filename}: build the tests first`);
  for (const f of suites) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} in-editor test(s) failed`);
}
