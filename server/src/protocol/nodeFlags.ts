/**
 * Node flags the language server is started with: by the VS Code client, by `npm run bench`, by the
 * protocol tests, and as the README shows for other editors. Measured with the 1 MB Markdown
 * document of `npm run bench` open and the catalog scaled to 600 terms (RSS after its hovers):
 * - `--max-semi-space-size=1`: V8's young generation stays at 1 MiB per semi-space instead of
 *   growing to 16 (every page it touched stayed resident): about 10 MiB less. The live heap is
 *   under 20 MiB and a hover allocates tens of KiB, so scavenges stay short.
 * - `--v8-pool-size=1`: one V8 background thread instead of four: about 5 MiB less. Background
 *   marking and compiling still run, on that thread.
 * Neither changed hover p99 beyond the noise of interleaved runs, nor slowed edit → diagnostics.
 * Plain `node dist/server.js` works the same without them, with more memory.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1'];
