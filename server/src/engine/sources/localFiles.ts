import type { Catalog } from '../catalog/schema';
import { readCheckpointFolder } from './checkpoint';
import { readGgufModel } from './ggufFile';
import { SourceError, type ModelFacts, type ModelQuery, type ModelSource, type SourceReaders } from './types';

/** A reference that is written as a path rather than a name. */
export function looksLikePath(reference: string): boolean {
  // ./x, ../x, /x, \x, ~/x, C:\x; or any name of a GGUF file. Asked for every model reference of
  // every config: tests of a few characters, not two regular expressions.
  const first = reference.charCodeAt(0);
  const rooted =
    isSeparator(reference, 0) ||
    (first === DOT && (isSeparator(reference, 1) || (reference.charCodeAt(1) === DOT && isSeparator(reference, 2)))) ||
    (first === TILDE && isSeparator(reference, 1)) ||
    (((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) && reference.charCodeAt(1) === COLON && isSeparator(reference, 2));
  return rooted || (reference.length >= 5 && reference.slice(-5).toLowerCase() === '.gguf');
}

const DOT = 0x2e;
const TILDE = 0x7e;
const COLON = 0x3a;

function isSeparator(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  return code === 0x2f || code === 0x5c;
}

/**
 * Files a config names: `FROM ./x.gguf`, `-m /models/x.gguf` (any GGUF, split or with a
 * projector beside it), `model: /srv/llama` (a folder with config.json), resolved relative to
 * the config. A path that does not exist falls through to the name-based sources.
 */
export function localFileSource(catalog: Pick<Catalog, 'quantizations'>, cwd: string): ModelSource {
  return {
    kind: 'gguf-file',
    resolve(query: ModelQuery, readers: SourceReaders): ModelFacts | undefined {
      const ref = query.reference.trim();
      if (!looksLikePath(ref)) return undefined;
      const path = readers.resolve(query.baseDir ?? cwd, ref);
      if (readers.isDirectory(path)) {
        if (/\.gguf$/i.test(ref)) throw new SourceError(`${ref} is a folder, not a GGUF file`, path);
        return readCheckpointFolder(path, readers.basename(path), { source: 'gguf-file', path }, readers, catalog);
      }
      if (!/\.gguf$/i.test(ref)) return undefined;
      // A name with no folder (Hermes-3-Llama-3.1-8B.Q5_K_M.gguf in prose) is only read when it is there.
      if (!readers.isFile(path)) {
        // Nothing there: the name is all there is. Something that is not a readable file (a device, a FIFO, a link out): say why.
        if (!readers.exists(path)) return undefined;
        readers.open(path);
        return undefined;
      }
      return readGgufModel({ path, projector: 'beside', provenance: { source: 'gguf-file', path } }, readers, catalog);
    },
  };
}
