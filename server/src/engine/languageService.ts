import type { Catalog } from './catalog/schema';
import { answerFit } from './checks/fit';
import { createErrorMatcher } from './checks/errorLines';
import { checkLog } from './checks/logCheck';
import { compareWithEstimate } from './logs/compareEstimate';
import { buildRuntimeReport, figureLineAt, hasFigures, type RuntimeReport } from './logs/runtimeReport';
import { comparisonMarkdown } from './render/runtimeComparison';
import type { WillItRunQuestion } from './answer/types';
import { checkParsed, deploymentQuestion, type FileCheck, type Lens } from './formats/check';
import { recognise, type FormatAssociations } from './formats/registry';
import { targetHardware } from './formats/target';
import { renderSettingHover } from './formats/settingHover';
import type { Format, Parsed, Setting, SettingName } from './formats/types';
import type { Hardware } from './hardware/types';
import { modelTokenAt } from './models/modelTokens';
import { createModelResolver, type ModelResolver } from './models/resolveModel';
import { renderGlossaryHover } from './render/glossaryHover';
import { renderKbHover } from './render/kbHover';
import type { ActionLinkStyle } from './render/actionLink';
import { renderGpuHover } from './render/gpuHover';
import { createGpuNameIndex } from './hardware/gpuNames';
import { renderKbEntry } from './render/kbMarkdown';
import { renderModelHover } from './render/modelHover';
import { hasProseSpans, proseSpans, type Span } from './text/proseSpans';
import { splitLines } from './text/words';
import { createTermIndex, type TermIndex } from './terms/termIndex';
import { isModelfilePath } from './formats/modelfile';
import { neverCancelled, type CancellationToken, type Finding, type Fix, type Position, type Range } from './types';

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
  /** `runlocalai.formats`: globs that add files to a format or exclude them ("none"). */
  formats?: FormatAssociations;
  /** How hovers link to actions: VS Code commands where the client has them, else web pages. */
  links?: ActionLinkStyle;
}

/** What one document version parses to; computed once and reused by hover, validation and actions. */
interface Analysis {
  version: number;
  /** config: a format reads it, and it holds no prose (JSON, compose files, Makefiles). */
  kind: 'modelfile' | 'prose' | 'code' | 'config';
  languageId: string;
  lines: string[];
  /** The config format that reads this document, and what it read (parsed once per version). */
  config?: { format: Format; parsed: Parsed };
  /** Why no format reads it, for `check --verbose`. */
  skipped?: string;
  /** Code: where comments and strings are, computed on the first hover. */
  spans?: Span[][];
  findings?: { hardware: Hardware; check: FileCheck };
  /** Logs: the runtime's own memory figures, read on the first hover. */
  runtimeReport?: RuntimeReport;
  runtimeHover?: { hardware: Hardware; markdown: string };
}

export type DocumentKind = Analysis['kind'];

// Docs, and config formats whose values are prose-like (YAML, TOML): every line may hold a term.
const PROSE_LANGUAGES = new Set([
  'markdown',
  'plaintext',
  'log',
  'restructuredtext',
  'asciidoc',
  'latex',
  'html',
  'yaml',
  'toml',
  'dotenv',
  'ini',
  'properties',
]);

export function documentKind(doc: Pick<DocumentLike, 'uri' | 'languageId'>): DocumentKind | undefined {
  if (doc.languageId === 'modelfile' || isModelfilePath(doc.uri)) return 'modelfile';
  if (CONFIG_LANGUAGES.has(doc.languageId)) return 'config';
  if (PROSE_LANGUAGES.has(doc.languageId)) return 'prose';
  if (hasProseSpans(doc.languageId)) return 'code';
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

export interface LanguageService {
  readonly catalog: Catalog;
  readonly terms: TermIndex;
  readonly models: ModelResolver;
  doHover(doc: DocumentLike, position: Position, hardware: Hardware, token?: CancellationToken): Hover | undefined;
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
  forget(uri: string): void;
  /** Replaces the `runlocalai.formats` table; documents are read again on their next request. */
  setFormats(formats: FormatAssociations): void;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const { catalog } = options;
  const links = options.links ?? 'web';
  const terms = createTermIndex(catalog.glossary);
  const errorLines = createErrorMatcher(catalog.errors);
  const gpuNames = createGpuNameIndex(catalog.gpus);
  // A GPU hover estimates every catalog model: worth keeping per GPU and RAM.
  const gpuHovers = new Map<string, string>();
  const models = createModelResolver(catalog);
  const cache = new Map<string, Analysis>();
  let formats: FormatAssociations = options.formats ?? {};

  /** In code, only comments and strings hold prose; elsewhere every position does. */
  const inProse = (a: Analysis, range: Range): boolean => {
    if (a.kind !== 'code') return true;
    a.spans ??= proseSpans(a.lines, a.languageId);
    const spans = a.spans[range.start.line] ?? [];
    return spans.some((sp) => sp.start <= range.start.character && range.end.character <= sp.end);
  };

  const analyze = (doc: DocumentLike): Analysis | undefined => {
    const cached = cache.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const recognised = recognise({ uri: doc.uri, languageId: doc.languageId, text }, formats);
    const kind = documentKind(doc) ?? (recognised.format ? 'config' : undefined);
    if (!kind) return undefined;
    const analysis: Analysis = { version: doc.version, kind, languageId: doc.languageId, lines: splitLines(text) };
    if (recognised.format) analysis.config = { format: recognised.format, parsed: recognised.format.parse(text) };
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
      const findings = checkLog(a.lines, errorLines, { report: a.runtimeReport, errors: catalog.errors });
      a.findings ??= { hardware, check: { ...emptyCheck, findings } };
      return a.findings.check;
    }
    if (!a?.config) return emptyCheck;
    if (a.findings && a.findings.hardware === hardware) return a.findings.check;
    const target = hardwareOf(a, hardware);
    const result = checkParsed(a.config.parsed, { catalog, models, hardware: target.hardware, env: options.env });
    if (target.problem) result.findings.unshift(target.problem);
    a.findings = { hardware, check: result };
    return result;
  };

  const validate = (doc: DocumentLike, hardware: Hardware): Finding[] => check(analyze(doc), hardware).findings;

  /** A memory setting under the cursor: what it does, and what it amounts to in this file. */
  const hoverSetting = (a: Analysis, position: Position, hardware: Hardware): Hover | undefined => {
    for (const d of a.config?.parsed.deployments ?? []) {
      for (const [name, setting] of Object.entries(d.settings) as [SettingName, Setting][]) {
        const onKey = setting.keyRange !== undefined && within(setting.keyRange, position);
        if (!onKey && !within(setting.range, position)) continue;
        const target = hardwareOf(a, hardware).hardware;
        const asked = deploymentQuestion(d, { catalog, models, hardware: target, env: options.env });
        const hw = asked?.hardware ?? target;
        const answer = asked && hw.source !== 'pending' ? answerFit(asked.question, catalog, hw) : undefined;
        return { markdown: renderSettingHover(name, setting, answer), range: onKey ? setting.keyRange! : setting.range };
      }
    }
    return undefined;
  };

  /** A model reference under the cursor: a deployment's model (with its settings), or a tag, id or file name in text. */
  const hoverModel = (a: Analysis, line: string, position: Position, hardware: Hardware): Hover | undefined => {
    const deployment = a.config?.parsed.deployments.find((d) => d.model && within(d.model.range, position));
    if (deployment?.model) {
      // On a config's model, the file's own settings count, exactly as in its diagnostic.
      const target = hardwareOf(a, hardware).hardware;
      const asked = deploymentQuestion(deployment, { catalog, models, hardware: target, env: options.env });
      if (asked) {
        const hw = asked.hardware ?? target;
        const answer = hw.source === 'pending' ? undefined : answerFit(asked.question, catalog, hw);
        return { markdown: renderModelHover(asked.question.model, answer, hw), range: deployment.model.range };
      }
    }
    const token = modelTokenAt(line, position.line, position.character);
    if (!token) return undefined;
    const ref = models.resolve(token.text);
    if (!ref) return undefined;
    const question = { model: ref.model, quant: ref.quant, runtime: 'ollama' as const };
    const answer = hardware.source === 'pending' ? undefined : answerFit(question, catalog, hardware);
    return { markdown: renderModelHover(ref.model, answer, hardware), range: token.range };
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

  return {
    catalog,
    terms,
    models,
    doHover(doc, position, hardware, token = neverCancelled) {
      const a = analyze(doc);
      if (!a || token.isCancellationRequested) return undefined;
      const line = a.lines[position.line] ?? '';
      if (a.kind === 'prose') {
        const error = errorLines.match(line, position.line);
        if (error && within(error.range, position)) return { markdown: renderKbHover(error.entry, links), range: error.range };
        const figures = runtimeFiguresHover(a, position, hardware);
        if (figures) return figures;
      }
      const settingHover = hoverSetting(a, position, hardware);
      if (settingHover) return settingHover;
      const modelHover = hoverModel(a, line, position, hardware);
      if (a.kind === 'config')
        return modelHover && a.config?.parsed.deployments.some((d) => d.model && within(d.model.range, position)) ? modelHover : undefined;
      if (modelHover && inProse(a, modelHover.range)) return modelHover;
      const gpu = gpuNames.at(line, position.line, position.character);
      if (gpu && inProse(a, gpu.range)) {
        const key = `${gpu.entry.id}@${hardware.ramBytes ?? 'unknown'}`;
        let markdown = gpuHovers.get(key);
        if (!markdown) gpuHovers.set(key, (markdown = renderGpuHover(gpu.entry, catalog, hardware)));
        return { markdown, range: gpu.range };
      }
      const term = terms.termAt(line, position.line, position.character);
      if (!term || !inProse(a, term.range)) return undefined;
      return { markdown: renderGlossaryHover(term.entry, terms, catalog, links), range: term.range };
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
      const deployments = analyze(doc)?.config?.parsed.deployments ?? [];
      for (const d of deployments) {
        const asked = deploymentQuestion(d, { catalog, models, env: options.env });
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
    forget(uri) {
      cache.delete(uri);
    },
    setFormats(next) {
      if (JSON.stringify(next) === JSON.stringify(formats)) return;
      formats = next;
      cache.clear();
    },
  };
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
