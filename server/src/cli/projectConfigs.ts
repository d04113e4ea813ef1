import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { languageForPath } from '../engine/formats/registry';
import type { DocumentLike } from '../engine/languageService';
import { expandArguments, SMALL_FILE_BYTES, type FolderIO } from './files';

// A project folder is walked for the configs a log may have come from; these bound the walk's reads.
const MAX_CONFIG_FILES = 500;
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;
/** Languages a config format reads (prose and logs are left out: a log does not come from a README). */
const CONFIG_LANGUAGES = new Set(['modelfile', 'dockerfile', 'makefile', 'yaml', 'json', 'shellscript', 'ini', 'systemd']);

/**
 * The files under `dir` (honouring .gitignore) that may hold a config, as documents: at most
 * MAX_CONFIG_FILES files of at most 1 MiB each and MAX_TOTAL_BYTES in all, links not followed. Each
 * walk gives its documents a new `version`, so that a parse cached from an earlier walk is not reused.
 */
export function projectConfigs(dir: string, io: FolderIO, version = 1): DocumentLike[] {
  const docs: DocumentLike[] = [];
  let total = 0;
  for (const { path: file } of expandArguments([dir], io).files) {
    if (docs.length >= MAX_CONFIG_FILES || total >= MAX_TOTAL_BYTES) break;
    const languageId = languageForPath(file.split(path.sep).join('/'));
    if (!languageId || !CONFIG_LANGUAGES.has(languageId)) continue;
    const text = io.readText?.(file, Math.min(SMALL_FILE_BYTES, MAX_TOTAL_BYTES - total));
    if (text === undefined || text.includes('\0')) continue;
    total += text.length;
    docs.push({ uri: pathToFileURL(path.resolve(file)).href, version, languageId, getText: () => text });
  }
  return docs;
}
