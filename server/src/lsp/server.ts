import {
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  DidOpenTextDocumentNotification,
  type Connection,
  Message,
  type DidOpenTextDocumentParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogSource } from '../catalogFile';
import { answerWillItRun } from '../engine/answer/answerWillItRun';
import { willItRunChoices } from '../engine/answer/choices';
import { quantChoices } from '../engine/answer/quantChoices';
import { answerToJson } from '../engine/answer/toJson';
import { renderWillItRunMarkdown } from '../engine/render/willItRunMarkdown';
import type { Hardware } from '../engine/hardware/types';
import { createLanguageService, documentKind, type LanguageService } from '../engine/languageService';
import type { ActionLinkStyle } from '../engine/render/actionLink';
import { describeHardware, resolveHardware } from '../engine/hardware';
import type { HardwareService } from '../hardware/hardwareService';
import {
  CatalogChoicesRequest,
  DetectHardwareRequest,
  HardwareChangedNotification,
  HardwareStatusRequest,
  HealthRequest,
  KbEntryRequest,
  QuantChoicesRequest,
  SERVER_COMMANDS,
  WillItRunRequest,
  type HardwareStatus,
  type InitializationOptions,
  type RunLocalAISettings,
  type WillItRunResult,
} from '../protocol';
import { toCodeAction, toCodeLens, toDiagnostic } from './convert';
import { showKbEntry } from './showKbEntry';
import { SettingsCache } from './settings';
import { HoverSettingsCache } from './hoverSettings';
import type { HoverSettings } from '../engine/text/hoverRegions';
import { registerCatalogHandlers } from './catalogHandlers';
import { registerAnswerHandlers } from './answerHandlers';
import { folderPaths, sanitizeSourceSettings, ServerModelSources } from './modelSources';
import { TargetFiles } from './targetFile';
import { LogConfigs, logLinkActions, logLinkMarkdown } from './logLinks';
import { questionOfParams } from './questionParams';

// Long enough to fold a burst of keystrokes into one validation, short enough that diagnostics
// follow an edit within the 50 ms budget of `npm run bench` (validation itself takes a few ms).
const PUSH_DEBOUNCE_MS = 25;
// Hover regions of a version are computed when typing has paused this long (at once after an
// open): the first hover after it then finds them ready, and a burst of keystrokes costs one pass.
const HOVER_PREP_DELAY_MS = 250;

/** How long after a file's first diagnostics its own settings are asked for. */
const OWN_SETTINGS_DELAY_MS = 50;
/** Opens read and not yet dispatched: a burst of them is the most there can be (each is dispatched in turn). */
const MAX_PUBLISHED_AT_READ = 1024;

/**
 * Config checks run after start-up on a made-up Modelfile, one per turn of the event loop: enough
 * for V8 to optimise the check's code before a first real file. After the first (cold, 10-20 ms)
 * a round is a memo hit of 30-100 µs: 400 rounds are 45-70 ms of idle time in all. In-process, a
 * Modelfile's check after 40 rounds took 60-70 µs, after 400 about 30 (scaled catalog).
 */
const VALIDATION_WARM_UP_ROUNDS = 400;

const RESTRICTED: Hardware = {
  devices: [],
  source: 'failed',
  note: 'Restricted Mode: hardware detection does not run in an untrusted folder; trust it, or set runlocalai.gpu',
};

export interface ServerOptions {
  connection: Connection;
  /** Read on first use: initialize answers before the catalog is parsed. */
  catalog: CatalogSource;
  hardware: HardwareService;
}

export interface StartedServer {
  /** Each message as it is read, before the library queues it (lsp/peekingReader.ts). */
  onMessageRead(message: Message): void;
}

/** Wires LSP requests to the engine. Handlers stay thin: find the document, ask, convert. */
export function startServer({ connection, catalog, hardware }: ServerOptions): StartedServer {
  const documents = new TextDocuments(TextDocument);
  const modelSources = new ServerModelSources(catalog, (m) => connection.console.warn(m));
  // Created on first use after initialize, when the client has said which of our commands it can
  // run: creating it reads the catalog, which the client should not wait for at start.
  let links: ActionLinkStyle = 'web';
  let languageService: LanguageService | undefined;
  const service = (): LanguageService =>
    (languageService ??= createLanguageService({
      catalog: catalog(),
      logger: { log: (m) => connection.console.log(m) },
      links,
      sources: modelSources.options(),
    }));
  let workspaceRoots: string[] = [];
  let trusted = false;
  /** Reads runlocalai.sources.* and runlocalai.lookup.online and rebuilds the readers. */
  const configureSources = async () => {
    const s = await settings.get('');
    const raw = {
      ollamaModels: s['sources.ollamaModels'],
      hfCache: s['sources.hfCache'],
      modelsDirs: s['sources.modelsDirs'],
      online: s['lookup.online'],
    };
    const roots = modelSources.configure({ workspaceRoots, trusted, settings: sanitizeSourceSettings(raw), env: process.env });
    connection.console.log(
      `model sources read from: ${roots.join(', ') || 'nothing'}${trusted ? '' : ' (untrusted workspace: stores not read)'}`,
    );
  };
  const targets = new TargetFiles(catalog, (m) => connection.console.warn(m));
  const logConfigs = new LogConfigs(
    () => workspaceRoots,
    () => trusted,
  );
  /** For a log line: the config it most likely came from (open documents first, then the workspace). */
  const logLink = (doc: TextDocument, line: number, hw: Hardware) =>
    doc.languageId === 'log' || doc.languageId === 'plaintext'
      ? service().linkLog(doc, logConfigs.candidates(documents.all()), hw, line)
      : undefined;
  let canPullConfig = false;
  let pullDiagnostics = false;
  let canRefreshDiagnostics = false;
  let canShowDocument = false;
  let clientCommands = new Set<string>();
  let initOptions: InitializationOptions = {};
  const settings = new SettingsCache(
    connection,
    () => canPullConfig,
    () => initOptions.settings,
  );
  const hoverSettings = new HoverSettingsCache(
    connection,
    () => canPullConfig,
    () => ((initOptions as { settings?: { hover?: unknown } })?.settings ?? {}).hover,
  );
  // Hardware is derived from settings and detection; remember the object per settings so that
  // the engine's per-version cache sees the same hardware until something changes.
  let hardwareCache = new Map<string, Hardware>();
  // The same settings object (the cache's answer) asks again on every request: known without writing it out.
  let hardwareBySettings = new WeakMap<RunLocalAISettings, Hardware>();

  // Every request about a document passes here: runlocalai.formats applies to it, and a
  // repository's .runlocalai.yaml wins over this machine (configs are judged where they deploy).
  const hardwareFor = async (uri: string): Promise<Hardware> => hardwareWith(uri, await settings.get(uri));
  const hardwareWith = (uri: string, s: RunLocalAISettings): Hardware => {
    service().setFormats(s.formats);
    const own = hardwareOf(s);
    return targets.hardwareFor(uri, own) ?? own;
  };
  const hardwareOf = (s: RunLocalAISettings): Hardware => {
    const same = hardwareBySettings.get(s);
    if (same) return same;
    const key = JSON.stringify(s);
    let hw = hardwareCache.get(key);
    if (!hw) {
      hw = resolveHardware(s, catalog(), trusted ? hardware.current() : RESTRICTED);
      hardwareCache.set(key, hw);
    }
    hardwareBySettings.set(s, hw);
    return hw;
  };
  const status = async (uri?: string): Promise<HardwareStatus> => {
    const hw = uri ? await hardwareFor(uri) : hardwareOf(await settings.get(''));
    return { hardware: hw, ...describeHardware(hw) };
  };

  const environmentChanged = async () => {
    hardwareCache = new Map();
    hardwareBySettings = new WeakMap();
    if (pullDiagnostics && canRefreshDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) void pushDiagnostics(d);
    void connection.sendNotification(HardwareChangedNotification.type, await status());
  };
  hardware.onDidChange(() => void environmentChanged());

  /** The document is still open at this version: nothing awaited meanwhile closed or replaced it. */
  const isCurrent = (doc: TextDocument) => documents.get(doc.uri)?.version === doc.version;

  const publish = (doc: TextDocument, hw: Hardware) =>
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: service().doValidation(doc, hw).map(toDiagnostic) });
  // A config's first diagnostics, published as its didOpen is read (openedNow), by version and
  // hardware: the open's own turn, a setImmediate and the library's dispatch later, publishes again
  // only if something changed between (a configuration change read before it, say).
  const publishedAtRead = new Map<string, { version: number; hardware: Hardware }>();
  const openedNow = (p: DidOpenTextDocumentParams) => {
    if (pullDiagnostics || publishedAtRead.size >= MAX_PUBLISHED_AT_READ) return;
    const doc = TextDocument.create(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
    const known = documentKind(doc) ? settings.known(doc.uri) : undefined;
    if (!known) return;
    const hw = hardwareWith(doc.uri, known.settings);
    publish(doc, hw);
    publishedAtRead.set(doc.uri, { version: doc.version, hardware: hw });
  };
  const pushDiagnostics = async (doc: TextDocument) => {
    if (pullDiagnostics || !documentKind(doc)) return;
    // Judged at once with the settings known now (the workspace's, asked for at start), not after
    // a workspace/configuration round trip per file; judged again only if the file's own differ.
    const known = settings.known(doc.uri);
    const atRead = publishedAtRead.get(doc.uri);
    publishedAtRead.delete(doc.uri);
    if (known) {
      const hw = hardwareWith(doc.uri, known.settings);
      if (atRead?.version !== doc.version || atRead.hardware !== hw) publish(doc, hw);
    }
    if (known?.exact) return;
    // The file's own settings are asked for a little later: files opened together (a restored
    // session) all get diagnostics first, before the round trips that only confirm them.
    if (known) await new Promise((resolve) => setTimeout(resolve, OWN_SETTINGS_DELAY_MS));
    if (known && !isCurrent(doc)) return;
    const own = await settings.get(doc.uri);
    // Closed while the settings were asked for: publishing now would bring back diagnostics the
    // close cleared, and validating would cache the document again. A newer version pushes its own.
    if (!isCurrent(doc) || (known && (own === known.settings || JSON.stringify(own) === JSON.stringify(known.settings)))) return;
    publish(doc, hardwareWith(doc.uri, own));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfig = !!caps.workspace?.configuration;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    canRefreshDiagnostics = !!caps.workspace?.diagnostics?.refreshSupport;
    canShowDocument = !!caps.window?.showDocument?.support;
    initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    clientCommands = new Set(
      Array.isArray(initOptions.clientCommands) ? initOptions.clientCommands.filter((c) => typeof c === 'string') : [],
    );
    links = clientCommands.has('runlocalai.openKbEntry') ? 'command' : 'web';
    // Editors without a trust model do not send the flag; VS Code always does.
    trusted = initOptions.trusted !== false;
    workspaceRoots = folderPaths([...(params.workspaceFolders ?? []).map((f) => f.uri), params.rootUri]);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SERVER_COMMANDS.openKbEntry] },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'RunLocalAI', version: '0.1.0' },
    };
  });

  // In Restricted Mode (an untrusted folder) the server runs nothing: no hardware detection.
  connection.onInitialized(() => {
    if (trusted) hardware.start();
    void configureSources();
    void hoverSettings.get('');
    // The catalog's indexes, built after initialize has answered (start-up time is the client's
    // wait) and before the first hover is likely to need them.
    setImmediate(() => service().prepare());
    // Then the config check, once cold and a few times from its memo, between whatever requests arrive meanwhile.
    const warmUp = (left: number) => {
      if (left <= 0) return;
      service().prepareValidation();
      setImmediate(() => warmUp(left - 1));
    };
    setImmediate(() => warmUp(VALIDATION_WARM_UP_ROUNDS));
  });

  connection.onDidChangeConfiguration((params) => {
    // Editors without workspace/configuration (some Neovim and Helix setups) push settings here.
    const pushed = (params.settings as { runlocalai?: unknown } | null)?.runlocalai;
    if (!canPullConfig && pushed !== undefined) initOptions = { ...initOptions, settings: pushed };
    settings.clear();
    hoverSettings.clear();
    void hoverSettings.get('');
    void configureSources().then(environmentChanged);
  });

  registerCatalogHandlers(connection, service, () => hardwareFor(''));
  registerAnswerHandlers(connection, {
    catalog,
    service,
    settings: () => settings.get(''),
    hardware: () => hardwareFor(''),
    trusted: () => trusted,
  });

  connection.onHover(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    // In the moments after a file opens, before the client has answered for the file itself, a
    // hover is judged with the workspace's settings rather than wait for two round trips (as its
    // first diagnostics are); the file's own are asked for and used from then on. Editors wait
    // longer than those round trips before a pointer's first hover (VS Code: 300 ms).
    const own = settings.known(doc.uri);
    const likely = hoverSettings.likely(doc.uri);
    let hw: Hardware;
    let hoverOptions: HoverSettings;
    if (own && likely) {
      hw = hardwareWith(doc.uri, own.settings);
      hoverOptions = likely;
      if (!own.exact) void settings.get(doc.uri);
      if (!hoverSettings.known(doc.uri)) void hoverSettings.get(doc.uri);
    } else {
      [hw, hoverOptions] = await Promise.all([hardwareFor(doc.uri), hoverSettings.get(doc.uri)]);
      if (!isCurrent(doc)) return null;
    }
    const hover = service().doHover(doc, params.position, hw, token, hoverOptions);
    if (!hover) return null;
    const link = logLink(doc, params.position.line, hw);
    const markdown = link ? `${hover.markdown}\n\n${logLinkMarkdown(link)}` : hover.markdown;
    return { contents: { kind: 'markdown', value: markdown }, range: hover.range };
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const hw = doc ? await hardwareFor(doc.uri) : undefined;
    // Validate what is open now: the document may have changed or closed while settings were asked for.
    const current = documents.get(params.textDocument.uri);
    const items = current && hw ? service().doValidation(current, hw, token).map(toDiagnostic) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    // A client may send a request without a range (or with diagnostics it trimmed): answer nothing, never throw.
    if (!doc || !params.range?.start || !params.range.end) return [];
    const hw = await hardwareFor(doc.uri);
    if (!isCurrent(doc)) return [];
    const fixes = service().getFixes(doc, params.range, hw);
    const actions = fixes.map((f) => toCodeAction(f, doc.uri, params.context.diagnostics, clientCommands));
    return [...actions, ...logLinkActions(logLink(doc, params.range.start.line, hw))];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== SERVER_COMMANDS.openKbEntry) return undefined;
    const id = (params.arguments?.[0] as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return false;
    return showKbEntry(connection, id, service().kbEntry(id), canShowDocument);
  });

  connection.onCodeLens(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const lenses = service().codeLenses(doc, await hardwareFor(doc.uri));
    return lenses.map((l) => toCodeLens(l, doc.uri));
  });

  connection.onRequest(HealthRequest.type, () => ({
    pid: process.pid,
    uptimeMs: Math.round(process.uptime() * 1000),
    detection: hardware.current().source,
  }));
  connection.onRequest(HardwareStatusRequest.type, () => status());
  connection.onRequest(DetectHardwareRequest.type, async () => {
    if (trusted) await hardware.refresh();
    return status();
  });
  connection.onRequest(KbEntryRequest.type, (p) => service().kbEntry(p.id) ?? null);
  connection.onRequest(CatalogChoicesRequest.type, () => willItRunChoices(catalog()));
  connection.onRequest(QuantChoicesRequest.type, async (p) => {
    const r = quantChoices(
      { model: p.model, ctx: p.ctx, runtime: p.runtime },
      { catalog: catalog(), models: service().models, hardware: await hardwareFor('') },
    );
    return r.ok ? r.result : { error: r.error, suggestions: r.suggestions };
  });
  connection.onRequest(WillItRunRequest.type, async (p): Promise<WillItRunResult> => {
    const doc = p.uri ? documents.get(p.uri) : undefined;
    const hw = await hardwareFor(doc?.uri ?? '');
    const question = doc ? service().questionOf(doc) : p.model ? questionOfParams({ ...p, model: p.model }) : undefined;
    if (!question) return { error: doc ? 'This document names no model RunLocalAI knows.' : 'Give a model, or open a config file.' };
    const outcome = answerWillItRun(question, { catalog: catalog(), models: service().models, hardware: hw });
    if (!outcome.ok) return { error: outcome.error, suggestions: outcome.suggestions };
    return { answer: answerToJson(outcome.answer), markdown: renderWillItRunMarkdown(outcome.answer) };
  });

  // What the first hover on a version needs is prepared while the server is idle: a large
  // document's first hover would otherwise pay for reading every line (npm run bench, hover p99).
  const hoverPrep = new Map<string, NodeJS.Timeout>();
  const opening = new Set<string>();
  const prepareHover = (uri: string, delayMs: number) => {
    clearTimeout(hoverPrep.get(uri));
    hoverPrep.set(
      uri,
      setTimeout(async () => {
        hoverPrep.delete(uri);
        const doc = documents.get(uri);
        if (!doc || !documentKind(doc)) return;
        const hover = await hoverSettings.get(uri);
        if (isCurrent(doc)) service().prepareHover(doc, hover);
      }, delayMs),
    );
  };

  // Clients that push (no pull support) get diagnostics once typing pauses, not per keystroke;
  // a document just opened gets them at once (nobody is typing yet).
  const pending = new Map<string, NodeJS.Timeout>();
  documents.onDidOpen((e) => void opening.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const opened = opening.delete(e.document.uri);
    // A document just opened gets its diagnostics at once (nobody is typing yet): they are written
    // before anything else is done for it.
    if (opened && !pullDiagnostics) void pushDiagnostics(e.document);
    // Then, in the same turn, what its first hover needs: a client may hover as soon as the
    // diagnostics arrive (npm run bench does), and that request is read only after this. With the
    // settings known now; the pass below (which asks the client for its hover settings, after the
    // diagnostics are out and long before a first hover is likely) redoes it only if they differ.
    if (opened && documentKind(e.document)) service().prepareHover(e.document, hoverSettings.likely(e.document.uri));
    // The pass that asks the client waits as the file's own settings do: files opened together all
    // get their diagnostics before the round trips that only confirm what was prepared.
    prepareHover(e.document.uri, opened ? OWN_SETTINGS_DELAY_MS : HOVER_PREP_DELAY_MS);
    if (pullDiagnostics || opened) return;
    clearTimeout(pending.get(e.document.uri));
    pending.set(
      e.document.uri,
      setTimeout(() => {
        pending.delete(e.document.uri);
        const doc = documents.get(e.document.uri);
        if (doc) void pushDiagnostics(doc);
      }, PUSH_DEBOUNCE_MS),
    );
  });
  documents.onDidClose((e) => {
    publishedAtRead.delete(e.document.uri);
    clearTimeout(pending.get(e.document.uri));
    pending.delete(e.document.uri);
    clearTimeout(hoverPrep.get(e.document.uri));
    hoverPrep.delete(e.document.uri);
    opening.delete(e.document.uri);
    service().forget(e.document.uri);
    hoverSettings.forget(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.listen(connection);
  connection.listen();
  return {
    onMessageRead: (message) => {
      if (Message.isNotification(message) && message.method === DidOpenTextDocumentNotification.method)
        openedNow(message.params as DidOpenTextDocumentParams);
    },
  };
}
