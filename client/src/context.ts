import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, FitParamsAvailabilityRequest, SERVER_NODE_FLAGS, type InitializationOptions } from '../../server/src/protocol';
import { SERVED_LANGUAGES } from './languages';
import { WillItRunPanel } from './panel/willItRunPanel';
import { ReportDocuments } from './reports';
import { readHoverSettings, readSettings } from './settings';
import { Watchdog } from './watchdog';

export const documentSelector = SERVED_LANGUAGES.map((language) => ({ language }));

/**
 * Owns the language client, the log channel and every disposable (rust-analyzer's Ctx):
 * commands reach the server only through here, and get a clear message when it is not running.
 */
export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidStartEmitter = new vscode.EventEmitter<LanguageClient>();
  readonly onDidStart = this.onDidStartEmitter.event;
  readonly reports = new ReportDocuments();
  readonly panel = new WillItRunPanel({
    rerun: (params) => Promise.resolve(vscode.commands.executeCommand('runlocalai.willItRun', params)),
    compare: () => Promise.resolve(vscode.commands.executeCommand('runlocalai.compareGpus')),
    confirm: () => Promise.resolve(vscode.commands.executeCommand('runlocalai.confirmWithRuntime')),
    confirmAvailability: async (answer) => this.running?.sendRequest(FitParamsAvailabilityRequest.type, { answer }),
  });
  readonly watchdog: Watchdog;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('RunLocalAI', { log: true });
    this.watchdog = new Watchdog(this);
    this.disposables.push(this.log, this.onDidStartEmitter, this.reports, this.panel, this.watchdog);
    this.disposables.push(vscode.commands.registerCommand('runlocalai.debug.panelState', () => this.panel.state()));
    // Trusting the folder lifts Restricted Mode: the server starts again, now allowed to detect hardware and read model stores.
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()));
  }

  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** The running client, or an error message shown to the user and undefined. */
  clientOrWarn(): LanguageClient | undefined {
    const c = this.running;
    if (!c)
      void vscode.window.showWarningMessage(
        'RunLocalAI: the language server is not running. Run "RunLocalAI: Restart language server" or check "RunLocalAI: Show log".',
      );
    return c;
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      // The memory flags replace the extension host's own execArgv (see nodeFlags.ts).
      run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector,
      outputChannel: this.log,
      synchronize: { configurationSection: 'runlocalai' },
      // The server links hovers and code actions to these commands only because we say we have them;
      // model stores outside the workspace are read, and hardware detected, only when the workspace is trusted.
      initializationOptions: {
        clientCommands: [CLIENT_COMMANDS.openKbEntry, CLIENT_COMMANDS.showTerm],
        trusted: vscode.workspace.isTrusted,
      } satisfies InitializationOptions,
      errorHandler: this.watchdog.errorHandler,
      // Hover text is built by the server from the catalog; only our own command may run from it.
      markdown: { isTrusted: { enabledCommands: [CLIENT_COMMANDS.openKbEntry, CLIENT_COMMANDS.showTerm] }, supportHtml: false },
      middleware: {
        workspace: {
          // Sanitize settings here, with defaults, before the server sees them (vscode-eslint's flow).
          configuration: (params, token, next) =>
            params.items
              .map((item) =>
                item.section === 'runlocalai'
                  ? readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                  : item.section === 'runlocalai.hover'
                    ? readHoverSettings(item.scopeUri)
                    : next({ items: [item] }, token),
              )
              .flat() as unknown[],
        },
      },
    };
    const client = new LanguageClient('runlocalai', 'RunLocalAI', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.log.info(`language server started${vscode.workspace.isTrusted ? '' : ' in Restricted Mode (no hardware detection)'}`);
    this.watchdog.start();
    this.onDidStartEmitter.fire(client);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop().catch((err: unknown) => this.log.error(`stopping the server: ${String(err)}`));
  }

  push(...d: vscode.Disposable[]): void {
    this.disposables.push(...d);
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
