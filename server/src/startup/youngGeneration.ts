import { createRequire } from 'node:module';
import type * as V8 from 'node:v8';

/**
 * Keeps V8's young generation at its first size (two 1 MiB semi-spaces) for the life of the
 * language server, which stays up beside the editor: left to grow, it reaches 16 MiB per
 * semi-space during the hovers of a 1 MB document and the pages it touched stay resident (about
 * 10 MiB of RSS, `npm run bench`). The live heap is small and a request allocates tens of KiB, so
 * scavenges stay short.
 *
 * `--max-semi-space-size=1` on the command line did this, but any V8 flag given at start changes
 * V8's flag hash, and Node then refuses the code cache built into it for its own modules: each
 * built-in was compiled from source, 15-25 ms more of every start. Set here, after the built-ins
 * the bundle loads at start are loaded, the flag costs nothing at start. V8 reads the growth factor
 * each time the young generation would grow, so setting it now is as good as at start.
 *
 * The bundle's V8 code cache is written and read after this runs, under the same flag hash.
 */
export function keepYoungGenerationSmall(builtins: readonly string[], load: (id: string) => unknown = createRequire(__filename)): void {
  for (const id of builtins) load(id);
  // Required here, not imported: the CLI's and the extension's loaders share this file and never call it.
  (load('node:v8') as typeof V8).setFlagsFromString('--semi-space-growth-factor=1');
}
