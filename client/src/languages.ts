/**
 * Languages the server reads: docs and configs (every line), code (comments and strings),
 * Modelfiles, and config formats without prose (config.json, compose files, Makefiles). Kept apart from vscode imports so a unit test can check package.json against it.
 */
export const SERVED_LANGUAGES = [
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
  'modelfile',
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'go',
  'rust',
  'c',
  'cpp',
  'java',
  'csharp',
  'shellscript',
  'powershell',
  'dockerfile',
  'lua',
  'json',
  'jsonc',
  'dockercompose',
  'makefile',
] as const;

/**
 * Languages whose opening activates the extension: the config formats and prose. Activation can
 * not read settings, and each activation costs a server process, so source code does not activate
 * it; once active (any of these, a Modelfile in the workspace, a command), code comments and
 * strings are served too, as runlocalai.hover.inCode says.
 */
export const ACTIVATION_LANGUAGES = [
  'markdown',
  'plaintext',
  'log',
  'modelfile',
  'yaml',
  'dockercompose',
  'json',
  'ini',
  'shellscript',
  'dockerfile',
] as const satisfies readonly (typeof SERVED_LANGUAGES)[number][];
