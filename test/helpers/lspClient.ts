import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../../server/src/protocol/nodeFlags';

export interface TestServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** Settings the fake client answers workspace/configuration with; change and notify to test refresh. */
  settings: Record<string, unknown>;
  stderr: () => string;
  notifications: { method: string; params: unknown }[];
  /** Every notification and workspace/configuration request from the server, in arrival order: `method uri`. */
  arrivals: string[];
  waitForNotification(method: string, predicate?: (params: any) => boolean, timeoutMs?: number): Promise<any>;
  refreshRequests: () => number;
  /** `window/showDocument` requests the server sent (answered with success). */
  shownDocuments: { uri: string; takeFocus?: boolean }[];
  initializeResult(): unknown;
  stop(): Promise<void>;
}

/** Starts dist/server.js over stdio, with the node flags it ships with, and plays a minimal LSP client with the given capabilities. */
export async function startTestServer(
  options: {
    pullDiagnostics?: boolean;
    pullConfiguration?: boolean;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    /** Answer workspace/configuration this late, to hold the server inside an await. */
    configurationDelayMs?: number;
    /** Hold answers for one document (a scopeUri) until this resolves; the workspace's come at once. */
    documentConfigurationHeld?: Promise<void>;
    /** The answer for a section and scope, where it is not the `settings` of the runlocalai section. */
    configurationFor?: (section: string | undefined, scopeUri: string | undefined) => unknown;
    /** initializationOptions.clientCommands: what the VS Code extension declares; other editors send none. */
    clientCommands?: string[];
    /** The client supports window/showDocument (default true). */
    showDocument?: boolean;
    /** initializationOptions.trusted, as VS Code sends it (absent: the server assumes trusted). */
    trusted?: boolean;
  } = {},
): Promise<TestServer> {
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.resolve('dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  server.stderr!.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  const settings = { gpu: 'auto', gpuCount: 1, vramGB: null, ramGB: null, ...options.settings };
  const notifications: { method: string; params: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let refreshes = 0;
  const arrivals: string[] = [];
  connection.onRequest('workspace/configuration', async (p: { items: { section?: string; scopeUri?: string }[] }) => {
    for (const i of p.items) arrivals.push(`workspace/configuration ${i.scopeUri ?? ''}`);
    if (options.configurationDelayMs) await new Promise((r) => setTimeout(r, options.configurationDelayMs));
    if (options.documentConfigurationHeld && p.items.some((i) => i.scopeUri)) await options.documentConfigurationHeld;
    return p.items.map((i) => options.configurationFor?.(i.section, i.scopeUri) ?? (i.section === 'runlocalai' ? settings : null));
  });
  const shownDocuments: { uri: string; takeFocus?: boolean }[] = [];
  connection.onRequest('window/showDocument', (p: { uri: string; takeFocus?: boolean }) => {
    shownDocuments.push(p);
    waiters.forEach((w) => w());
    return { success: true };
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => {
    refreshes++;
    waiters.forEach((w) => w());
    return null;
  });
  connection.onNotification((method, params) => {
    notifications.push({ method, params });
    arrivals.push(`${method} ${(params as { uri?: string } | undefined)?.uri ?? ''}`);
    waiters.forEach((w) => w());
  });
  connection.listen();
  const pull = options.pullDiagnostics ?? true;
  const initialized = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    initializationOptions:
      options.clientCommands || options.trusted !== undefined
        ? { clientCommands: options.clientCommands, trusted: options.trusted }
        : undefined,
    capabilities: {
      window: { showDocument: { support: options.showDocument ?? true } },
      workspace: { configuration: options.pullConfiguration ?? true, diagnostics: { refreshSupport: pull } },
      textDocument: {
        hover: { contentFormat: ['markdown'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}),
        publishDiagnostics: { versionSupport: true },
      },
    },
  });
  connection.sendNotification('initialized', {});
  return {
    connection,
    process: server,
    settings,
    notifications,
    arrivals,
    stderr: () => stderr,
    refreshRequests: () => refreshes,
    shownDocuments,
    initializeResult: () => initialized,
    waitForNotification(method, predicate = () => true, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = notifications.find((n) => n.method === method && predicate(n.params));
          if (hit) {
            clearTimeout(timer);
            resolve(hit.params);
            return true;
          }
          return false;
        };
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no ${method} notification within ${timeoutMs} ms; got: ${notifications.map((n) => n.method).join(', ')}; stderr: ${stderr}`,
              ),
            ),
          timeoutMs,
        );
        if (!check()) waiters.push(() => void check());
      });
    },
    async stop() {
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) resolve();
        else server.on('exit', () => resolve());
      });
      connection.dispose();
    },
  };
}

/** Opens a document in the server, as an editor does when a file is shown. */
export function openDocument(s: TestServer, uri: string, languageId: string, text: string, version = 1): void {
  s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}
