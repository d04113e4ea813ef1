import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
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
