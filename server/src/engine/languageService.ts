import type { Catalog, Model } from './catalog/schema';
import { answerFit } from './checks/fit';
import { createErrorMatcher } from './checks/errorLines';
import { checkLog } from './checks/logCheck';
import { compareWithEstimate } from './logs/compareEstimate';
import { buildRuntimeReport, figureLineAt, hasFigures, type RuntimeReport } from './logs/runtimeReport';
import { bestConfigFix, figureFix, linkLogToConfig, type ConfigLink, type FigureFix } from './logs/linkConfig';
import { comparisonMarkdown } from './render/runtimeComparison';
import type { WillItRunQuestion } from './answer/types';
import { checkParsed, deploymentQuestion, type FileCheck, type Lens } from './formats/check';
import { inFileLineEndings } from './formats/lineEndings';
import { recognise, type FormatAssociations } from './formats/registry';
import { targetHardware } from './formats/target';
import { formatKeyHover } from './formats/keyHover';
import type { Format, Parsed } from './formats/types';
import { noHardwareYet, type Hardware } from './hardware/types';
import { modelTokenAt } from './models/modelTokens';
import { createModelResolver, type ModelRef } from './models/resolveModel';
import { catalogSource, createSourceChain, exactWeightsOf, nameSource, noFiles } from './sources/chain';
import { createSourcedResolver, factsOf, type SourcedResolver } from './sources/resolver';
import { resolvedFromFacts } from './sources/resolved';
import type { ModelSource, SourceReaders } from './sources/types';
import { renderGlossaryHover } from './render/glossaryHover';
import { renderKbHover } from './render/kbHover';
import type { ActionLinkStyle } from './render/actionLink';
import { renderGpuHover } from './render/gpuHover';
import { createGpuNameIndex } from './hardware/gpuNames';
import { renderKbEntry } from './render/kbMarkdown';
import { renderModelHover, renderSourceProblem } from './render/modelHover';
import {
  hoverRegions,
  regionScanner,
  isHoverLanguage,
  defaultHoverSettings,
  type HoverSettings,
  type InCode,
  type LineRegions,
} from './text/hoverRegions';
import { termAtPosition } from './terms/termAt';
import { splitLines } from './text/words';
import { createPhraseIndex, type PhraseIndex } from './text/phraseIndex';
import { createTermIndex, type TermIndex } from './terms/termIndex';
import { isModelfilePath, modelfileParsed } from './formats/modelfile';
import { parseModelfile, type Modelfile } from './configs/modelfile';
import { modelfileQuestion } from './checks/modelfileQuestion';
import { GiB, neverCancelled, type CancellationToken, type Finding, type Fix, type Position, type Range, type TextEdit } from './types';

/** The minimum a shell's document must offer (LSP TextDocument and tests' in-memory documents both do). */
export interface DocumentLike {
  readonly uri: string;
  readonly version: number;
  readonly languageId: string;
  getText(): string;
}

export interface Hover {
  markdown: string;
  range: Range;
}

export interface Logger {
  log(message: string): void;
}

export interface LanguageServiceOptions {
  catalog: Catalog;
  logger?: Logger;
  /** The runtimes' environment (OLLAMA_*), when the shell runs where they run (the CLI). */
  env?: Record<string, string | undefined>;
  /** Where model facts come from besides the catalog and the name: local files and stores, tried first. */
  sources?: { local: ModelSource[]; readers: SourceReaders; online?: ModelSource; now?: () => number };
  /** `runlocalai.formats`: globs that add files to a format or exclude them ("none"). */
  formats?: FormatAssociations;
  /** How hovers link to actions: VS Code commands where the client has them, else web pages. */
  links?: ActionLinkStyle;
}

/** What one document version parses to; computed once and reused by hover, validation and actions. */
interface Analysis {
  version: number;
  uri: string;
  /** config: a format reads it, and it holds no prose (JSON, compose files, Makefiles). */
  kind: 'modelfile' | 'prose' | 'code' | 'config';
  languageId: string;
  /** The document's lines, split on first use: a check of a config (`runlocalai check`) never reads them. */
  readonly lines: string[];
  /** A Modelfile's instructions, for hovers on its PARAMETER keys. */
  modelfile?: Modelfile;
  /** The config format that reads this document, and what it read (parsed once per version). */
  config?: { format: Format; parsed: Parsed };
  /** Why no format reads it, for `check --verbose`. */
  skipped?: string;
  /** Where hovers may land in each line, per `inCode` setting, computed on the first hover. */
  /** Hover regions of the lines read so far, and the scanner that reads the next. */
  regions?: { inCode: InCode; lines: LineRegions[]; next: (line: string) => LineRegions };
  findings?: { hardware: Hardware; check: FileCheck };
  /** Logs: the runtime's own memory figures, read on the first hover. */
  runtimeReport?: RuntimeReport;
  runtimeHover?: { hardware: Hardware; markdown: string };
}

export type DocumentKind = Analysis['kind'];

/**
 * An Analysis whose lines are split on first use. A class, not an object literal with a getter:
 * V8 builds a literal with an accessor through its slow path at every document (`check` over a
 * thousand files makes a thousand), where a class's getter sits once on the prototype.
 */
class DocumentAnalysis implements Analysis {
  // Declared, not defined: a field without a value would still be defined on every instance.
  declare private split?: string[];
  declare modelfile?: Modelfile;
  declare config?: { format: Format; parsed: Parsed };
  declare skipped?: string;
  declare regions?: Analysis['regions'];
  declare findings?: { hardware: Hardware; check: FileCheck };
  declare runtimeReport?: RuntimeReport;
  declare runtimeHover?: { hardware: Hardware; markdown: string };
  constructor(
    readonly version: number,
    readonly uri: string,
    readonly kind: DocumentKind,
    readonly languageId: string,
    private readonly text: string,
  ) {}
  get lines(): string[] {
    return (this.split ??= splitLines(this.text));
  }
}

/** The config a log most likely came from, with its best fix and the runtime's own figure as an edit of it. */
export interface LogConfigLink {
  uri: string;
  /** 0-based line of the deployment's model in the config. */
  line: number;
  label?: string;
  model?: string;
  reasons: string[];
  /** The config's own best edit fix (edits in the config). */
  fix?: { title: string; message: string; edits: TextEdit[] };
  /** The value the runtime printed on a figure line, written into the config. */
  figureFix?: FigureFix;
}

// Docs: text outside code (Markdown fences and HTML tags follow their own rules, see hoverRegions).
const PROSE_LANGUAGES = new Set(['markdown', 'plaintext', 'log', 'restructuredtext', 'asciidoc', 'latex', 'html']);

/**
 * The language id decides what a document is; its path only when the editor gave no language
 * (plain text, or none): `modelfile.py` is Python and `Modelfile.md` is Markdown.
 */
export function documentKind(doc: Pick<DocumentLike, 'uri' | 'languageId'>): DocumentKind | undefined {
  if (doc.languageId === 'modelfile') return 'modelfile';
  if ((doc.languageId === 'plaintext' || doc.languageId === '') && isModelfilePath(doc.uri)) return 'modelfile';
  if (CONFIG_LANGUAGES.has(doc.languageId)) return 'config';
  if (PROSE_LANGUAGES.has(doc.languageId)) return 'prose';
  if (isHoverLanguage(doc.languageId)) return 'code';
  return undefined;
}

// Languages that only config formats give meaning to (JSON holds no prose worth a glossary hover).
const CONFIG_LANGUAGES = new Set(['json', 'jsonc', 'dockercompose', 'makefile', 'systemd', 'helm']);

/** What `check` reports for one document: its format, deployments and findings, or why it was skipped. */
export interface DocumentCheck {
  format?: string;
  skipped?: string;
  check: FileCheck;
}

const WARM_UP_MAX_PARAMS = 80e9;
/** No editor names a document so: the warm-up's made-up Modelfile never meets a real one in the cache. */
const WARM_UP_URI = 'runlocalai-warm-up:/Modelfile';
/** The hover warm-up's made-up document, likewise. */
const HOVER_WARM_UP_URI = 'runlocalai-warm-up:/notes.md';
/** Lines of each kind the region scanners tell apart (prose, fences, comments, strings), repeated. */
const regionsWarmUpText = () =>
  Array.from(
    { length: 150 },
    (_, i) =>
      `# Notes ${i}\nThe KV cache grows with context.\n\`\`\`python\nx = "a string" + 'another'  # a comment\n"""a docstring\nover lines"""\n\`\`\`\ntext \`inline\` and more text`,
  ).join('\n');

/**
 * Lines whose hover regions are read when a document opens (about a screen): a first hover there
 * finds them ready; one further down reads on from them to its own line.
 */
const PREPARED_LINES = 200;

/** At most this many findings per document; past it one summary finding says more were left out. */
export const MAX_FINDINGS = 500;

export interface LanguageService {
  readonly catalog: Catalog;
  readonly terms: TermIndex;
  /** Builds the catalog's indexes now; otherwise each is built by the first request that needs it. */
  prepare(): void;
  /**
   * Checks a made-up config that does not fit, `rounds` times: the first config a user opens then
   * runs code already compiled, with the model resolver's indexes built. Nothing is kept but
   * remembered answers for a question on hardware no one has.
   */
  prepareValidation(rounds?: number): void;
  readonly models: SourcedResolver;
  /** `hover`: the document's hover settings (`runlocalai.hover.*`); defaults when absent. */
  doHover(doc: DocumentLike, position: Position, hardware: Hardware, token?: CancellationToken, hover?: HoverSettings): Hover | undefined;
  /**
   * Does now what the first hover on this version would otherwise do (read it, find where hovers
   * may land in each line): a shell calls it when idle after an open or an edit, so that the first
   * hover on a large document answers as fast as the next.
   */
  prepareHover(doc: DocumentLike, hover?: HoverSettings): void;
  doValidation(doc: DocumentLike, hardware: Hardware, token?: CancellationToken): Finding[];
  /** Code lenses over each deployment's model: its total and verdict. */
  codeLenses(doc: DocumentLike, hardware: Hardware): Lens[];
  /** The whole answer for one document (the CLI's report). */
  checkDocument(doc: DocumentLike, hardware: Hardware): DocumentCheck;
  /** Fixes of the findings that overlap `range`, each with the finding it fixes. */
  getFixes(doc: DocumentLike, range: Range, hardware: Hardware): { fix: Fix; finding: Finding }[];
  kbEntry(id: string): { title: string; markdown: string; url: string } | undefined;
  /** Will it run? for what a config document asks (a Modelfile's FROM, num_ctx). */
  questionOf(doc: DocumentLike): WillItRunQuestion | undefined;
  /**
   * For a log: the config among `configs` whose deployment the log most likely came from (same model,
   * runtime, context). With `line`, only when that line is an error or figure line, and the figure fix is
   * the one stated on it.
   */
  linkLog(doc: DocumentLike, configs: readonly DocumentLike[], hardware: Hardware, line?: number): LogConfigLink | undefined;
  forget(uri: string): void;
  /** Replaces the `runlocalai.formats` table; documents are read again on their next request. */
  setFormats(formats: FormatAssociations): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { catalog } = options;
  const links = options.links ?? 'web';
  // The catalog's indexes are built when first needed (or when the shell calls prepare() once it
  // has answered initialize), not while a client waits for the server to start.
  let termIndex: TermIndex | undefined;
  const terms = () => (termIndex ??= createTermIndex(catalog.glossary));
  let errorMatcher: ReturnType<typeof createErrorMatcher> | undefined;
  const errorLines = () => (errorMatcher ??= createErrorMatcher(catalog.errors));
  let gpuIndex: ReturnType<typeof createGpuNameIndex> | undefined;
  const gpuNames = () => (gpuIndex ??= createGpuNameIndex(catalog.gpus));
  let modelNameIndex: PhraseIndex<Model> | undefined;
  // Display names written with spaces ("Llama 3.1 70B"), which the token matcher cannot see as one.
  const modelNames = () =>
    (modelNameIndex ??= createPhraseIndex(
      catalog.models.map((m) => ({ entry: m, phrases: [m.name, ...m.aliases].filter((n) => n.includes(' ')), exact: [] })),
    ));
  // A GPU hover estimates every catalog model: worth keeping per GPU and RAM.
  const gpuHovers = new Map<string, string>();
  const base = createModelResolver(catalog);
  const chain = createSourceChain(
    [
      ...(options.sources?.local ?? []),
      catalogSource(base, catalog),
      // Opt-in: asked before the name alone, which answers when the lookup is off or fails.
      ...(options.sources?.online ? [options.sources.online] : []),
      nameSource(catalog, base),
    ],
    options.sources?.readers ?? noFiles,
    options.sources?.now,
  );
  const models = createSourcedResolver(base, chain);
  const cache = new Map<string, Analysis>();
  const runtimeEnv = options.env && runtimeEnvironment(options.env);
  let formats: FormatAssociations = options.formats ?? {};

  /**
   * The document's hover regions, read through line `through` (or its end): a hover reads the
   * lines down to its own, once per version, never the rest of a large file.
   */
  const regionsThrough = (a: Analysis, inCode: InCode, through: number): readonly LineRegions[] => {
    // A Modelfile's own lines carry instructions; terms are hovered in its comments like code.
    const languageId = a.kind === 'modelfile' ? 'modelfile' : a.languageId;
    if (a.regions?.inCode !== inCode) a.regions = { inCode, lines: [], next: regionScanner(languageId, inCode) };
    const { lines, next } = a.regions;
    const last = Math.min(through, a.lines.length - 1);
    while (lines.length <= last) lines.push(next(a.lines[lines.length]));
    return lines;
  };
  /** Whether a range lies where hovers are allowed: prose, or a comment or string in code. */
  const inProse = (a: Analysis, range: Range, inCode: InCode): boolean => {
    const r = regionsThrough(a, inCode, range.start.line)[range.start.line] ?? [];
    if (r === 'all') return true;
    return r.some((sp) => sp.start <= range.start.character && range.end.character <= sp.end);
  };

  const analyze = (doc: DocumentLike): Analysis | undefined => {
    const cached = cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const recognised = recognise({ uri: doc.uri, languageId: doc.languageId, text }, formats);
    const kind = documentKind(doc) ?? (recognised.format ? 'config' : undefined);
    if (!kind) return undefined;
    const analysis: Analysis = new DocumentAnalysis(doc.version, doc.uri, kind, doc.languageId, text);
    if (recognised.format?.id === 'modelfile') {
      // Parsed once: the format's deployments and the PARAMETER-key hovers read the same Modelfile.
      analysis.modelfile = parseModelfile(text);
      analysis.config = { format: recognised.format, parsed: inFileLineEndings(modelfileParsed(analysis.modelfile), text) };
    } else if (recognised.format)
      analysis.config = {
        format: recognised.format,
        parsed: inFileLineEndings(recognised.format.parse(text, recognised.languageId), text),
      };
    else analysis.skipped = recognised.reason;
    cache.set(doc.uri, analysis);
    return analysis;
  };

  const emptyCheck: FileCheck = { findings: [], lenses: [], deployments: [] };

  /** A `runlocalai:` key in the file wins over the shell's hardware, and says so. */
  const hardwareOf = (a: Analysis, hardware: Hardware): { hardware: Hardware; problem?: Finding } => {
    const target = a.config?.parsed.target;
    if (!target) return { hardware };
    const t = targetHardware(target.settings, catalog, hardware, 'the runlocalai key of this file');
    if (t.hardware) return { hardware: t.hardware };
    return { hardware, problem: { range: target.range, severity: 'error', code: 'invalid-target', message: `${t.error}.`, fixes: [] } };
  };

  const check = (a: Analysis | undefined, hardware: Hardware): FileCheck => {
    if (a?.languageId === 'log') {
      a.runtimeReport ??= buildRuntimeReport(a.lines);
      // The log check stops at the first finding past the cap: a huge log costs one pass, not a huge report.
      const findings = capped(checkLog(a.lines, errorLines(), { report: a.runtimeReport, errors: catalog.errors }, MAX_FINDINGS + 1));
      a.findings ??= { hardware, check: { ...emptyCheck, findings } };
      return a.findings.check;
    }
    if (!a?.config) return emptyCheck;
    if (a.findings && a.findings.hardware === hardware) return a.findings.check;
    const target = hardwareOf(a, hardware);
    const result = checkParsed(a.config.parsed, {
      catalog,
      models,
      hardware: target.hardware,
      env: runtimeEnv,
      baseDir: dirOf(a.uri),
      files: options.sources?.readers,
      format: a.config.format.id,
    });
    if (target.problem) result.findings.unshift(target.problem);
    result.findings = capped(result.findings);
    a.findings = { hardware, check: result };
    return result;
  };

  const validate = (doc: DocumentLike, hardware: Hardware): Finding[] => check(analyze(doc), hardware).findings;

  /** A key or flag under the cursor: what it does, its default, and what it amounts to in this file. */
  const hoverSetting = (a: Analysis, position: Position, hardware: Hardware): Hover | undefined => {
    if (!a.config) return undefined;
    const target = hardwareOf(a, hardware).hardware;
    return formatKeyHover(a.config.format.id, a.config.parsed, position, { catalog, models, hardware: target, env: runtimeEnv });
  };

  /** A model reference under the cursor: a deployment's model (with its settings), or a tag, id or file name in text. */
  const hoverModel = (a: Analysis, line: string, position: Position, hardware: Hardware): Hover | undefined => {
    const deployment = a.config?.parsed.deployments.find((d) => d.model && within(d.model.range, position));
    if (deployment?.model) {
      // On a config's model, the file's own settings count, exactly as in its diagnostic.
      const target = hardwareOf(a, hardware).hardware;
      const asked = deploymentQuestion(deployment, { catalog, models, hardware: target, env: runtimeEnv });
      if (asked) {
        const hw = asked.hardware ?? target;
        const answer = hw.source === 'pending' ? undefined : answerFit(asked.question, catalog, hw);
        const resolved = models.resolve(deployment.model.value);
        return {
          markdown: renderModelHover(asked.question.model, answer, hw, resolved && factsOf(resolved)),
          range: deployment.model.range,
        };
      }
    }
    const from = a.modelfile?.from;
    const onFrom = from?.model && from.line === position.line && within(from.model.range, position);
    const token = onFrom ? { text: from!.model!.value, range: from!.model!.range } : modelTokenAt(line, position.line, position.character);
    if (!token || (!onFrom && !models.resolve(token.text))) {
      const named = modelNames().at(line, position.line, position.character);
      if (!named) return undefined;
      const answer = hardware.source === 'pending' ? undefined : answerFit({ model: named.entry, runtime: 'ollama' }, catalog, hardware);
      return { markdown: renderModelHover(named.entry, answer, hardware), range: named.range };
    }
    // On FROM, the Modelfile's own num_ctx and num_gpu count, exactly as in its diagnostic.
    const baseDir = dirOf(a.uri);
    const asked = onFrom && a.modelfile ? modelfileQuestion(a.modelfile, models, [], baseDir) : undefined;
    const looked: { ref?: ModelRef; error?: { message: string } } = asked
      ? { ref: asked.ref }
      : models.lookup({ reference: token.text, baseDir });
    if (!looked.ref)
      return looked.error ? { markdown: renderSourceProblem(token.text, looked.error.message), range: token.range } : undefined;
    const ref = looked.ref;
    const facts = factsOf(ref);
    const question = asked?.question ?? {
      model: ref.model,
      quant: ref.quant,
      runtime: 'ollama' as const,
      ctx: facts?.defaults?.numCtx,
      exactWeights: exactWeightsOf(facts),
    };
    const answer = hardware.source === 'pending' ? undefined : answerFit(question, catalog, hardware);
    return { markdown: renderModelHover(ref.model, answer, hardware, facts), range: token.range };
  };

  /** On a line where a runtime printed what it allocated: those figures beside our estimate. */
  const runtimeFiguresHover = (a: Analysis, position: Position, hardware: Hardware): Hover | undefined => {
    if (a.languageId !== 'log' && a.languageId !== 'plaintext') return undefined;
    a.runtimeReport ??= buildRuntimeReport(a.lines);
    const fl = figureLineAt(a.runtimeReport, position.line);
    if (!fl || !hasFigures(a.runtimeReport)) return undefined;
    if (a.runtimeHover?.hardware !== hardware) {
      const comparison = compareWithEstimate(a.runtimeReport, catalog, models, hardware);
      a.runtimeHover = { hardware, markdown: comparisonMarkdown(comparison) };
    }
    return {
      markdown: a.runtimeHover.markdown,
      range: { start: { line: fl.line, character: fl.start }, end: { line: fl.line, character: fl.end } },
    };
  };

  const service: LanguageService = {
    catalog,
    get terms() {
      return terms();
    },
    models,
    prepare() {
      terms();
      errorLines();
      gpuNames();
      modelNames();
      base.prepare?.();
      // One hover on a line of prose that names a term, then forgotten: the hover path's code is
      // compiled now, while the server is idle, not while the first real hover waits for it.
      const term = catalog.glossary[0]?.term;
      if (term) {
        const warmUp = { uri: HOVER_WARM_UP_URI, version: 0, languageId: 'markdown', getText: () => `A ${term}.` };
        service.doHover(warmUp, { line: 0, character: 2 }, noHardwareYet);
        cache.delete(HOVER_WARM_UP_URI);
      }
      // Then where prose is in a Markdown file with fenced blocks and in source code: scanners
      // that a first large file would otherwise run cold while a hover deep in it waits.
      const lines = splitLines(regionsWarmUpText());
      for (const languageId of ['markdown', 'python']) hoverRegions(lines, languageId, defaultHoverSettings.inCode);
    },
    prepareValidation(rounds = 1) {
      // A model a few times the card's memory, as configs that do not fit usually are: its fix search is the usual one.
      const model = catalog.models.reduce<Model | undefined>(
        (a, m) => (m.params <= WARM_UP_MAX_PARAMS && (!a || m.params > a.params) ? m : a),
        undefined,
      );
      if (!model) return;
      // Shaped like a real Modelfile (a SYSTEM block, comments): the parse and the document's lines are warmed too.
      const text = `# made up to prepare the config check\nFROM ${model.id}\nPARAMETER num_ctx 32768\nPARAMETER temperature 0.7\nSYSTEM """\nYou answer in a few words.\n"""\n`;
      const hardware: Hardware = {
        devices: [{ name: 'made-up GPU', vendor: 'unknown', totalBytes: 24 * GiB, unified: false }],
        ramBytes: 64 * GiB,
        source: 'setting',
        note: 'made up to prepare the config check',
      };
      // The path a document takes (analysis, check, findings capped), each round a new version;
      // nothing of it is kept but remembered answers for a question on hardware no one has.
      for (let i = 0; i < rounds; i++) {
        validate({ uri: WARM_UP_URI, languageId: 'modelfile', version: -1 - i, getText: () => text }, hardware);
        cache.delete(WARM_UP_URI);
      }
    },
    doHover(doc, position, hardware, token = neverCancelled, hover = defaultHoverSettings) {
      const a = analyze(doc);
      if (!a || token.isCancellationRequested || !hover.enabled) return undefined;
      const line = a.lines[position.line] ?? '';
      if (a.kind === 'prose') {
        const error = errorLines().match(line, position.line);
        if (error && within(error.range, position)) return { markdown: renderKbHover(error.entry, links), range: error.range };
        const figures = runtimeFiguresHover(a, position, hardware);
        if (figures) return figures;
      }
      const settingHover = hoverSetting(a, position, hardware);
      if (settingHover) return settingHover;
      const modelHover = hoverModel(a, line, position, hardware);
      if (a.kind === 'config')
        return modelHover && a.config?.parsed.deployments.some((d) => d.model && within(d.model.range, position)) ? modelHover : undefined;
      if (modelHover && (a.kind === 'modelfile' || inProse(a, modelHover.range, hover.inCode))) return modelHover;
      const gpu = gpuNames().at(line, position.line, position.character);
      if (gpu && inProse(a, gpu.range, hover.inCode)) {
        const key = `${gpu.entry.id}@${hardware.ramBytes ?? 'unknown'}@${hardware.ramBasis === 'available' ? (hardware.freeRamBytes ?? 'unknown') : 'total'}`;
        let markdown = gpuHovers.get(key);
        if (!markdown) gpuHovers.set(key, (markdown = renderGpuHover(gpu.entry, catalog, hardware)));
        return { markdown, range: gpu.range };
      }
      // The term may run on from the line before or onto the line after.
      const term = termAtPosition(terms(), a.lines, regionsThrough(a, hover.inCode, position.line + 1), position);
      if (!term) return undefined;
      return { markdown: renderGlossaryHover(term.entry, terms(), catalog, links), range: term.range };
    },
    prepareHover(doc, hover = defaultHoverSettings) {
      const a = analyze(doc);
      // A config's hovers are its keys and models: they never ask where prose is.
      if (a && a.kind !== 'config' && hover.enabled) regionsThrough(a, hover.inCode, PREPARED_LINES - 1);
    },
    doValidation(doc, hardware, token = neverCancelled) {
      if (token.isCancellationRequested) return [];
      return validate(doc, hardware);
    },
    codeLenses(doc, hardware) {
      return check(analyze(doc), hardware).lenses;
    },
    checkDocument(doc, hardware) {
      const a = analyze(doc);
      // A log is no config, but its known error lines are findings worth a CI run's attention.
      const format = a?.config?.format.id ?? (a?.languageId === 'log' ? 'log' : undefined);
      return { format, skipped: format ? undefined : (a?.skipped ?? 'not a config format RunLocalAI reads'), check: check(a, hardware) };
    },
    getFixes(doc, range, hardware) {
      return validate(doc, hardware)
        .filter((f) => overlaps(f.range, range))
        .flatMap((finding) => finding.fixes.map((fix) => ({ fix, finding })));
    },
    kbEntry(id) {
      const entry = catalog.errors.find((e) => e.id === id);
      return entry ? { title: entry.title, markdown: renderKbEntry(entry, catalog.errors), url: entry.url } : undefined;
    },
    questionOf(doc) {
      const a = analyze(doc);
      // A Modelfile's FROM may name a file or a pulled tag: its facts come from the model sources.
      const asked = a?.modelfile ? modelfileQuestion(a.modelfile, models, [], dirOf(doc.uri)) : undefined;
      const facts = asked && factsOf(asked.ref);
      if (asked && facts) {
        return {
          model: resolvedFromFacts(facts, 'ollama', catalog),
          ctx: asked.numCtx?.value,
          runtime: 'ollama',
          gpuLayers: asked.question.gpuLayers,
          env: runtimeEnv,
        };
      }
      const deployments = a?.config?.parsed.deployments ?? [];
      for (const d of deployments) {
        const asked = deploymentQuestion(d, { catalog, models, env: runtimeEnv });
        if (!asked) continue;
        const q = asked.question;
        const source = d.hfConfig ? { kind: 'config-file', id: q.model.name } : { kind: 'catalog', id: q.model.id };
        return {
          model: { model: q.model, quant: q.quant, source },
          ctx: q.ctx,
          runtime: q.runtime,
          gpuLayers: q.gpuLayers,
          kvType: q.kvType,
          parallel: q.parallel,
          flashAttention: q.flashAttention,
          tensorParallel: q.tensorParallel,
          env: q.env,
        };
      }
      return undefined;
    },
    linkLog(doc, configs, hardware, line) {
      const a = analyze(doc);
      if (!a || a.config) return undefined;
      a.runtimeReport ??= buildRuntimeReport(a.lines);
      // On a line, only an error line or one where the runtime printed figures links to a config.
      if (line !== undefined && !errorLines().match(a.lines[line] ?? '', line) && !figureLineAt(a.runtimeReport, line)) return undefined;
      const analysed = configs.map((c) => ({ doc: c, a: analyze(c) })).filter((x) => x.a?.config);
      const link: ConfigLink | undefined = linkLogToConfig(
        a.runtimeReport,
        analysed.map((x) => ({ uri: x.doc.uri, deployments: x.a!.config!.parsed.deployments })),
        (ref) => base.resolve(ref)?.model.id,
      );
      if (!link) return undefined;
      const config = analysed.find((x) => x.doc.uri === link.uri)!;
      const fix = bestConfigFix(link, check(config.a, hardware).findings);
      return {
        uri: link.uri,
        line: link.line,
        label: link.deployment.label,
        model: link.deployment.model?.value,
        reasons: link.reasons,
        fix,
        figureFix: figureFix(a.runtimeReport, link, line),
      };
    },
    forget(uri) {
      cache.delete(uri);
    },
    setFormats(next) {
      // Asked on every request with the settings object of the moment: the same object is the same table.
      if (next === formats || JSON.stringify(next) === JSON.stringify(formats)) return;
      formats = next;
      cache.clear();
    },
  };
  return service;
}

/** Variables of the runtimes and their GPU libraries: the only ones a fit depends on. */
const RUNTIME_ENV_PREFIXES = ['OLLAMA_', 'LLAMA_', 'VLLM_', 'CUDA_', 'HIP_', 'ROCR_', 'GGML_'];

/**
 * The runtimes' part of a shell's environment, read once: a whole process environment copied into
 * every question (and every remembered answer's key) cost more than the check itself.
 */
export function runtimeEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(env).sort())
    if (env[name] !== undefined && RUNTIME_ENV_PREFIXES.some((p) => name.startsWith(p))) out[name] = env[name];
  return out;
}

/** The first MAX_FINDINGS findings, and one that says the rest were left out. */
function capped(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS) return findings;
  const next = findings[MAX_FINDINGS].range.start;
  return [
    ...findings.slice(0, MAX_FINDINGS),
    {
      range: { start: next, end: next },
      severity: 'information',
      code: 'too-many-findings',
      message: `RunLocalAI shows at most ${MAX_FINDINGS} findings per document; the rest, from here on, are left out.`,
      fixes: [],
    },
  ];
}

/** The folder of a file: URI, for references relative to the document (undefined for untitled documents). */
function dirOf(uri: string): string | undefined {
  if (!uri.startsWith('file://')) return undefined;
  const rest = uri.slice('file://'.length);
  // Most paths have nothing escaped: decoding them would give the same text, at a cost on every check.
  let p = rest.includes('%') ? decodeURIComponent(rest) : rest;
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return cut > 0 ? p.slice(0, cut) : undefined;
}

/** The character under the pointer is inside a range that ends after it (end exclusive). */
function within(r: Range, p: Position): boolean {
  return !before(p, r.start) && before(p, r.end);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
