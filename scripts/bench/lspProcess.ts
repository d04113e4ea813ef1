// One language server under measurement: spawned over stdio, driven by a minimal push-mode client
// (no pull diagnostics, as editors without LSP 3.17 pull support), timed from this side of the pipe.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { BenchDocument } from './inputs';
import { measuredEnv } from './measuredEnv';

export interface ServerCommand {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Settings answered to workspace/configuration, by section. */
  settings?: Record<string, unknown>;
}

export class LspProcess {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  private readonly waiters = new Map<string, { version: number; resolve: () => void }[]>();
  private versions = new Map<string, number>();

  private constructor(readonly command: ServerCommand) {
    this.process = spawn(process.execPath, command.args, { stdio: ['pipe', 'pipe', 'ignore'], env: measuredEnv(command.env) });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section ? (command.settings?.[i.section] ?? null) : null)),
    );
    this.connection.onRequest(() => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      const list = this.waiters.get(p.uri) ?? [];
      // Servers that leave out the version (yaml-language-server) answer the latest change.
      const version = p.version ?? this.versions.get(p.uri) ?? 0;
      const ready = list.filter((w) => version >= w.version);
      this.waiters.set(
        p.uri,
        list.filter((w) => version < w.version),
      );
      ready.forEach((w) => w.resolve());
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** Spawns the server and returns it with the time from spawn to the initialize result. */
  static async start(command: ServerCommand): Promise<{ server: LspProcess; startMs: number }> {
    const t = performance.now();
    const server = new LspProcess(command);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } },
      },
    });
    const startMs = performance.now() - t;
    await server.connection.sendNotification('initialized', {});
    return { server, startMs };
  }

  private diagnostics(uri: string, version: number): Promise<void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }

  /** didOpen, and the time until the first diagnostics for it (undefined: none came within `timeoutMs`). */
  async open(doc: BenchDocument, timeoutMs = 5000): Promise<number | undefined> {
    this.versions.set(doc.uri, 1);
    const t = performance.now();
    const first = this.diagnostics(doc.uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text },
    });
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    return (await Promise.race([first, timeout])) === 'timeout' ? undefined : performance.now() - t;
  }

  /** Replaces one line's text and times until diagnostics for the new version arrive. */
  async edit(uri: string, line: number, oldLength: number, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const t = performance.now();
    const updated = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: oldLength } }, text }],
    });
    await updated;
    return performance.now() - t;
  }

  async hover(uri: string, position: { line: number; character: number }): Promise<{ ms: number; empty: boolean }> {
    const t = performance.now();
    const result = await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    return { ms: performance.now() - t, empty: !result };
  }

  /** Resident set size of the server process in bytes (Linux /proc). */
  rssBytes(): number {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.process.once('exit', r));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const killer = setTimeout(() => this.process.kill(), 1000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}
