import { CodeActionKind, DiagnosticSeverity, type CodeAction, type CodeLens, type Diagnostic } from 'vscode-languageserver/node';
import type { Lens } from '../engine/formats/check';
import type { FormatAssociations } from '../engine/formats/registry';
import type { Finding, Fix } from '../engine/types';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: f.href ? { href: f.href } : undefined,
    source: 'RunLocalAI',
    message: f.message,
    data: f.kbId ? { kbId: f.kbId } : undefined,
  };
}

export function toCodeAction(fix: Fix, uri: string, diagnostics: Diagnostic[]): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: fix.isPreferred,
    edit: fix.edits ? { changes: { [uri]: fix.edits } } : undefined,
    command: fix.command ? { title: fix.title, command: fix.command.name, arguments: fix.command.arguments } : undefined,
  };
}

/** A deployment's lens: its verdict, opening Will it run? on the file when clicked. */
export function toCodeLens(lens: Lens, uri: string): CodeLens {
  return { range: lens.range, command: { title: lens.title, command: 'runlocalai.willItRun', arguments: [{ uri, show: true }] } };
}

/** `runlocalai.formats` as a user wrote it: string globs to string format ids, anything else dropped. */
export function sanitizeFormats(raw: unknown): FormatAssociations {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: FormatAssociations = {};
  for (const [glob, id] of Object.entries(raw as Record<string, unknown>)) if (glob && typeof id === 'string') out[glob] = id;
  return out;
}
