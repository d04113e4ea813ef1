/**
 * Commands the server runs itself through `workspace/executeCommand`, for clients that do not have
 * the extension's VS Code commands (Neovim, Helix, Zed, Emacs). See docs/lsp-extensions.md.
 */
export const SERVER_COMMANDS = {
  /** Arguments: `[{ id: string }]`. Shows the KB entry with `window/showDocument`. */
  openKbEntry: 'runlocalai.server.openKbEntry',
} as const;

/** The extension's own VS Code commands that the server may name in code actions and hovers. */
export const CLIENT_COMMANDS = {
  openKbEntry: 'runlocalai.openKbEntry',
  /** Arguments: `[{ id: string }]`. Opens a glossary term's full entry. */
  showTerm: 'runlocalai.showTerm',
} as const;

/** `initializationOptions` a client may send; the VS Code extension sends `clientCommands`. */
export interface InitializationOptions {
  /** Client-side commands the server may use in code actions and trusted hover links. */
  clientCommands?: string[];
  /** Settings for clients that cannot answer `workspace/configuration`. */
  settings?: unknown;
  /** The workspace is trusted (VS Code's `workspace.isTrusted`): only then are model stores outside it read and hardware detected. Absent: trusted. */
  trusted?: boolean;
}
