import type { Catalog } from '../catalog/schema';
import type { FitAnswer } from '../checks/fit';
import { BoundedMemo, fieldsKey, hardwareKey, identityOf } from '../checks/memo';
import type { Hardware } from '../hardware/types';
import { looksLikePath } from '../sources/localFiles';
import type { Finding, Fix, Range, Severity } from '../types';
import type { DeploymentResult, FileCheck } from './check';
import { bestFixSentence, rebuildFix, recipeOf, type FixInput, type FixRecipe } from './editFixes';
import type { Deployment, SettingName } from './types';

/**
 * Whole deployments' outcomes, remembered per catalog: the next document that asks the same
 * question (another Modelfile with the same model and settings, the same file after an edit of its
 * SYSTEM text) gets its findings rebuilt on its own positions instead of judged again.
 */
export const MAX_REMEMBERED_DEPLOYMENTS = 256;

/** Where a finding or lens sits, by what it sits on rather than where that is in the document. */
type Role =
  | { on: 'model' }
  | { on: 'anchor' }
  | { on: 'requestedGpus' }
  | { on: 'setting'; name: SettingName }
  | { on: 'settingKey'; name: SettingName }
  | { on: 'otherKey'; index: number };

/** A fix without positions: an action as it was, one setting set to a value, or a fix search's recipe. */
type StoredFix =
  { plain: Fix } | { setting: SettingName; value: string; title: string; isPreferred?: boolean; empty: boolean } | { recipe: FixRecipe };

interface StoredFinding {
  role: Role;
  severity: Severity;
  code: string;
  /** The message around the best fix's sentence, which names the fix in this document's own keys. */
  before: string;
  after: string;
  /** Whether the message named the best fix between `before` and `after`. */
  split: boolean;
  kbId?: string;
  href?: string;
  fixes: StoredFix[];
}

/** What a deployment's check produced besides its findings, for the group budget and the fix searches. */
export interface JudgedAnswer {
  answer: FitAnswer;
  fix: FixInput;
}

/** The judged answer without its document: what `rebind` needs to give it to another deployment. */
export interface StoredAnswer {
  answer: FitAnswer;
  fix: Omit<FixInput, 'd' | 'resolveReference'>;
}

interface Outcome {
  findings: StoredFinding[];
  lenses: { role: Role; title: string }[];
  results: { role: Role; result: DeploymentResult }[];
  // Kept without the deployment, whose edits hold on to the whole document it came from.
  judged?: StoredAnswer;
}

const remembered = new WeakMap<object, BoundedMemo<Outcome>>();

function memoFor(catalog: Pick<Catalog, 'models'>): BoundedMemo<Outcome> {
  let memo = remembered.get(catalog.models);
  if (!memo) remembered.set(catalog.models, (memo = new BoundedMemo(MAX_REMEMBERED_DEPLOYMENTS)));
  return memo;
}

/** How many deployment outcomes are remembered for this catalog (for tests of the bound). */
export function rememberedDeployments(catalog: Pick<Catalog, 'models'>): number {
  return remembered.get(catalog.models)?.size ?? 0;
}

/** Fixes that set one setting, with how to write them again (a fix search's fixes carry their recipe). */
const settingFixes = new WeakMap<Fix, { setting: SettingName; value: string }>();

/** A fix that sets one setting, as this deployment's edits (none where the format cannot write it). */
export function settingFix(d: Deployment, setting: SettingName, value: string, title: string, isPreferred?: boolean): Fix {
  const fix: Fix = { title, edits: d.edit(setting, value), ...(isPreferred === undefined ? {} : { isPreferred }) };
  settingFixes.set(fix, { setting, value });
  return fix;
}

export interface DeploymentMeaning {
  catalog: Pick<Catalog, 'models' | 'quantizations' | 'errors'>;
  models: object;
  hardware: Hardware;
  env?: Record<string, string | undefined>;
  baseDir?: string;
  format?: string;
  /** The resolved model and weights, as identities and the words the check writes about them. */
  resolved: string;
}

const EXPANDED = new Set(['env', 'requestedGpus']);

/**
 * Everything the check reads of a deployment and its context, without positions; undefined where
 * the outcome is not worth remembering (no format to write edits with, a config.json's own model).
 * Strings carry their length so that no value can pass for another field.
 */
export function deploymentKey(d: Deployment, m: DeploymentMeaning): string | undefined {
  if (m.format === undefined || d.hfConfig || d.builtFrom) return undefined;
  let key = contextKey(m) + m.resolved;
  key += `\0${d.runtime}|${text(d.label)}|${text(d.group)}|${text(d.model?.value)}|${text(d.model?.unresolved)}`;
  if (d.model && looksLikePath(d.model.value)) key += `|${text(m.baseDir)}`;
  key += `\0${fieldsKey({ env: d.env, ctxEnv: m.env, requestedGpus: d.requestedGpus }, EXPANDED)}`;
  for (const note of d.notes) key += `\0n${text(note)}`;
  for (const name in d.settings) {
    const s = d.settings[name as SettingName];
    if (s) key += `\0s${name}:${text(s.key)}${text(s.value)}${text(s.unresolved)}${s.keyRange ? 'k' : ''}`;
  }
  for (const k of d.otherKeys ?? []) key += `\0o${text(k.key)}${text(k.value)}`;
  return key;
}

/** A string with its length, so that no value can pass for another field; `-` for none. */
function text(s: string | undefined): string {
  return s === undefined ? '-' : `${s.length}:${s}`;
}

/** The last context's key: every file of a `check` run, and every edit of a document, asks in the same one. */
let lastContext: { of: Omit<DeploymentMeaning, 'resolved' | 'env' | 'baseDir'>; key: string } | undefined;

/** The catalog, resolver, hardware and format part of a key, written again only when one of them changes. */
function contextKey(m: DeploymentMeaning): string {
  const last = lastContext?.of;
  if (
    last &&
    last.catalog.models === m.catalog.models &&
    last.catalog.quantizations === m.catalog.quantizations &&
    last.catalog.errors === m.catalog.errors &&
    last.models === m.models &&
    last.hardware === m.hardware &&
    last.format === m.format
  )
    return lastContext!.key;
  const key = `${identityOf(m.catalog.models)}|${identityOf(m.catalog.quantizations)}|${identityOf(m.catalog.errors)}|${identityOf(m.models)}|${hardwareKey(m.hardware)}|${text(m.format)}|`;
  lastContext = { of: { catalog: m.catalog, models: m.models, hardware: m.hardware, format: m.format }, key };
  return key;
}

/**
 * The deployment's outcome: remembered for its key and rebuilt on this document's positions, or
 * judged by `judge` (into an empty check) and remembered where every finding can be written again.
 */
export function rememberedOutcome(
  key: string | undefined,
  d: Deployment,
  catalog: Pick<Catalog, 'models'>,
  out: FileCheck,
  judge: (into: FileCheck) => JudgedAnswer | undefined,
  rebind: (judged: StoredAnswer, d: Deployment) => JudgedAnswer,
): JudgedAnswer | undefined {
  if (key === undefined) return judge(out);
  const memo = memoFor(catalog);
  const known = memo.get(key);
  if (known) {
    const rebuilt = rebuild(known, d, rebind);
    if (rebuilt) {
      append(out, rebuilt.check);
      return rebuilt.judged;
    }
  }
  const into: FileCheck = { findings: [], lenses: [], deployments: [] };
  const judged = judge(into);
  const outcome = store(into, d, judged);
  if (outcome) memo.set(key, outcome);
  append(out, into);
  return judged;
}

function append(out: FileCheck, part: FileCheck): void {
  out.findings.push(...part.findings);
  out.lenses.push(...part.lenses);
  out.deployments.push(...part.deployments);
}

function roleOf(range: Range, d: Deployment): Role | undefined {
  if (d.model && range === d.model.range) return { on: 'model' };
  if (range === d.anchor) return { on: 'anchor' };
  if (d.requestedGpus && range === d.requestedGpus.range) return { on: 'requestedGpus' };
  for (const name in d.settings) {
    const s = d.settings[name as SettingName];
    if (s?.range === range) return { on: 'setting', name: name as SettingName };
    if (s?.keyRange === range) return { on: 'settingKey', name: name as SettingName };
  }
  const index = (d.otherKeys ?? []).findIndex((k) => k.keyRange === range);
  return index >= 0 ? { on: 'otherKey', index } : undefined;
}

function rangeOf(role: Role, d: Deployment): Range | undefined {
  switch (role.on) {
    case 'model':
      return d.model?.range;
    case 'anchor':
      return d.anchor;
    case 'requestedGpus':
      return d.requestedGpus?.range;
    case 'setting':
      return d.settings[role.name]?.range;
    case 'settingKey':
      return d.settings[role.name]?.keyRange;
    case 'otherKey':
      return d.otherKeys?.[role.index]?.keyRange;
  }
}

/** The check without positions, or undefined where some finding sits on, or fixes with, something that cannot be named. */
function store(check: FileCheck, d: Deployment, judged: JudgedAnswer | undefined): Outcome | undefined {
  const findings: StoredFinding[] = [];
  for (const f of check.findings) {
    const role = roleOf(f.range, d);
    if (!role) return undefined;
    const fixes: StoredFix[] = [];
    for (const fix of f.fixes) {
      const recipe = recipeOf(fix);
      const setting = settingFixes.get(fix);
      if (recipe) fixes.push({ recipe });
      else if (setting) fixes.push({ ...setting, title: fix.title, isPreferred: fix.isPreferred, empty: !fix.edits?.length });
      else if (!fix.edits?.length) fixes.push({ plain: fix });
      else return undefined;
    }
    const sentence = bestFixSentence(f.fixes);
    const at = sentence ? f.message.lastIndexOf(sentence) : -1;
    const before = at < 0 ? f.message : f.message.slice(0, at);
    const after = at < 0 ? '' : f.message.slice(at + sentence.length);
    findings.push({ role, severity: f.severity, code: f.code, before, after, split: at >= 0, kbId: f.kbId, href: f.href, fixes });
  }
  const lenses: Outcome['lenses'] = [];
  for (const l of check.lenses) {
    const role = roleOf(l.range, d);
    if (!role) return undefined;
    lenses.push({ role, title: l.title });
  }
  // A result's line is its model's (or anchor's): written again from where that stands now.
  const anchor: Role = d.model ? { on: 'model' } : { on: 'anchor' };
  const results = check.deployments.map((result) => ({ role: anchor, result }));
  if (!judged) return { findings, lenses, results };
  const { d: _d, resolveReference: _resolve, ...fix } = judged.fix;
  return { findings, lenses, results, judged: { answer: judged.answer, fix } };
}

function rebuild(
  known: Outcome,
  d: Deployment,
  rebind: (judged: StoredAnswer, d: Deployment) => JudgedAnswer,
): { check: FileCheck; judged?: JudgedAnswer } | undefined {
  const judged = known.judged && rebind(known.judged, d);
  const check: FileCheck = { findings: [], lenses: [], deployments: [] };
  for (const f of known.findings) {
    const range = rangeOf(f.role, d);
    if (!range) return undefined;
    const fixes: Fix[] = [];
    for (const stored of f.fixes) {
      const fix = rebuildStoredFix(stored, d, judged);
      if (!fix) return undefined;
      fixes.push(fix);
    }
    const sentence = f.split ? bestFixSentence(fixes) : '';
    const finding: Finding = { range, severity: f.severity, code: f.code, message: f.before + sentence + f.after, fixes };
    if (f.kbId !== undefined) finding.kbId = f.kbId;
    if (f.href !== undefined) finding.href = f.href;
    check.findings.push(finding);
  }
  for (const l of known.lenses) {
    const range = rangeOf(l.role, d);
    if (!range) return undefined;
    check.lenses.push({ range, title: l.title });
  }
  for (const r of known.results) {
    const range = rangeOf(r.role, d);
    if (!range) return undefined;
    const result = { ...r.result };
    result.line = range.start.line + 1;
    check.deployments.push(result);
  }
  return { check, judged };
}

function rebuildStoredFix(stored: StoredFix, d: Deployment, judged: JudgedAnswer | undefined): Fix | undefined {
  if ('plain' in stored) return { ...stored.plain };
  if ('recipe' in stored) return judged ? rebuildFix(judged.fix, stored.recipe) : undefined;
  const fix = settingFix(d, stored.setting, stored.value, stored.title, stored.isPreferred);
  // The same fix, or none: a setting this document writes differently is judged afresh.
  return !fix.edits?.length === stored.empty ? fix : undefined;
}
