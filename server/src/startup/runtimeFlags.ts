import { createRequire } from 'node:module';
import * as util from 'node:util';
import type * as V8 from 'node:v8';

/**
 * V8 flags a bin sets on itself, at run time, before its bundle loads. Given on the command line
 * instead, any V8 flag changes V8's flag hash at start, and Node then refuses the code cache built
 * into it for its own modules: each built-in is compiled from source, 15-25 ms more of every start
 * (`npm run bench`). Set here, after the built-ins the run needs at once are loaded, a flag costs
 * nothing at start. The bundle's own V8 code cache is written and read after this runs, under the
 * same flags (and they are part of its key: codeCache.ts).
 */
export interface RuntimeFlags {
  flags: readonly string[];
  /** Loaded before the flags are set, so that they come from Node's own code cache. */
  builtins: readonly string[];
  /** Node objects built on first touch (stdout's stream and its modules), touched before the flags for the same reason. */
  touch?: () => void;
}

/**
 * The language server stays up beside the editor: its young generation stays at its first size (two
 * 1 MiB semi-spaces). Left to grow, it reaches 16 MiB per semi-space during the hovers of a 1 MB
 * document and the pages it touched stay resident (about 10 MiB of RSS). The live heap is small and
 * a request allocates tens of KiB, so scavenges stay short. V8 reads the growth factor each time the
 * young generation would grow, so setting it after start is as good as at start.
 */
export function serverFlags(bundleBuiltins: readonly string[]): RuntimeFlags {
  return { flags: ['--semi-space-growth-factor=1'], builtins: bundleBuiltins };
}

/**
 * `runlocalai check` is over in a fraction of a second: V8's optimising compiler does not repay
 * itself, and its background compiles kept the process from exiting for about 20 ms. Baseline code
 * (Sparkplug) only: 1,000 Modelfiles checked in 252 ms instead of 293 (interleaved runs), 100 and
 * one as before within noise; past about 3,000 files optimised code would be ahead (4,000: 6% slower).
 */
export function checkFlags(): RuntimeFlags {
  return {
    flags: ['--max-opt=1'],
    builtins: ['node:process'],
    touch: () => {
      // On Windows the CLI writes through Node's streams (elsewhere straight to the descriptors:
      // cli/fdSink.ts); they load some twenty modules on first touch.
      if (process.platform === 'win32') {
        void process.stdout;
        void process.stderr;
      }
      // The arguments' parser, which node:util loads on first use.
      void util.parseArgs;
    },
  };
}

export function applyRuntimeFlags(
  { flags, builtins, touch }: RuntimeFlags,
  load: (id: string) => unknown = createRequire(__filename),
): void {
  for (const id of builtins) load(id);
  touch?.();
  // Required here, not imported: the extension's loader shares this file and never calls it.
  const v8 = load('node:v8') as typeof V8;
  for (const flag of flags) v8.setFlagsFromString(flag);
}
