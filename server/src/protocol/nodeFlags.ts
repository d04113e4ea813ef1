/**
 * Node flags the language server is started with: by the VS Code client, by `npm run bench`, by the
 * protocol tests, and as the README shows for other editors. `--v8-pool-size=1`: one V8 background
 * thread instead of four, about 5 MiB less RSS with the 1 MB Markdown document of `npm run bench`
 * open; background marking and compiling still run, on that thread. Neither hover p99 nor edit →
 * diagnostics moved beyond the noise of interleaved runs.
 *
 * No V8 flag belongs here: one given at start changes V8's flag hash, and Node then compiles each
 * of its own modules from source instead of taking them from the code cache built into it, 15-25
 * ms of every start. The server caps its young generation itself, at run time
 * (server/src/startup/runtimeFlags.ts). Plain `node dist/server.js` works the same without this
 * flag, with a little more memory.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1'];
