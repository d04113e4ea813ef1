/** Zero-based position, as in LSP, so shells convert nothing but the type. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * Something a user can ask for that is not an edit. The engine names the intent; each shell maps it
 * to what its client can do (a VS Code command, `workspace/executeCommand` and `window/showDocument`,
 * a web link), so nothing here is specific to one editor.
 */
export type EngineAction = { kind: 'openKb'; id: string };

export function openKbAction(id: string): EngineAction {
  return { kind: 'openKb', id };
}

/** A code action the engine proposes; shells turn it into their own type. */
export interface Fix {
  title: string;
  /** Edits to the document the finding belongs to. */
  edits?: TextEdit[];
  /** An action instead of (or after) the edits, e.g. opening a KB entry. */
  action?: EngineAction;
  isPreferred?: boolean;
}

/** One problem found in a document, positioned on the text that decides it. */
export interface Finding {
  range: Range;
  severity: Severity;
  /** Stable code from the registry in diagnostics/codes.ts, e.g. `wont-fit`; shown in the Problems panel. */
  code: string;
  message: string;
  /** Error-KB entry id that explains the problem, if any. */
  kbId?: string;
  /** Web page for the code (LSP `codeDescription.href`). */
  href?: string;
  fixes: Fix[];
}

/** Cooperative cancellation, satisfied by both LSP and VS Code tokens. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
