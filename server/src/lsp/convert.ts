import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Command, type Diagnostic } from 'vscode-languageserver/node';
import type { EngineAction, Finding, Fix } from '../engine/types';
import { CLIENT_COMMAND_OF } from '../engine/render/actionLink';
import { SERVER_COMMANDS } from '../protocol';

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

/**
 * An engine action as a command the client can run: our VS Code command where the client declared
 * it has it, else the server's own command, which `workspace/executeCommand` brings back here.
 */
export function toCommand(title: string, action: EngineAction, clientCommands: ReadonlySet<string>): Command {
  const clientCommand = CLIENT_COMMAND_OF[action.kind];
  if (clientCommands.has(clientCommand)) return { title, command: clientCommand, arguments: [{ id: action.id }] };
  return { title, command: SERVER_COMMANDS.openKbEntry, arguments: [{ id: action.id }] };
}

/** A fix as a code action, attached to the diagnostics of its own finding only. */
export function toCodeAction(
  { fix, finding }: { fix: Fix; finding: Finding },
  uri: string,
  requested: Diagnostic[],
  clientCommands: ReadonlySet<string>,
): CodeAction {
  const own = (Array.isArray(requested) ? requested : []).filter(
    (d) => d?.code === finding.code && d.range && sameRange(d.range, finding.range),
  );
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: own,
    isPreferred: fix.isPreferred,
    edit: fix.edits ? { changes: { [uri]: fix.edits } } : undefined,
    command: fix.action ? toCommand(fix.title, fix.action, clientCommands) : undefined,
  };
}

function sameRange(a: Diagnostic['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
