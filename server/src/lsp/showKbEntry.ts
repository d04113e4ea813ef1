import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { KbEntry } from '../protocol';

/**
 * Shows a KB entry in an editor that has no RunLocalAI extension: the entry is written as a
 * Markdown file under the temp folder and opened with `window/showDocument`, so it reads offline
 * in the editor's own buffer. Clients without showDocument get the title and web page in a message.
 */
export async function showKbEntry(
  connection: Connection,
  id: string,
  entry: KbEntry | undefined,
  canShowDocument: boolean,
): Promise<boolean> {
  if (!entry) {
    void connection.window.showWarningMessage(`RunLocalAI: no KB entry "${id}".`);
    return false;
  }
  if (!canShowDocument) {
    void connection.window.showInformationMessage(`RunLocalAI: ${entry.title}: ${entry.url}`);
    return true;
  }
  const dir = path.join(os.tmpdir(), `runlocalai-kb-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The id comes from the catalog (a slug), never from a document; keep it a plain file name anyway.
  const file = path.join(dir, `${id.replace(/[^a-z0-9.+-]/gi, '-')}.md`);
  fs.writeFileSync(file, entry.markdown, { mode: 0o600 });
  const shown = await connection.window.showDocument({ uri: pathToFileURL(file).toString(), takeFocus: true });
  return shown.success;
}
