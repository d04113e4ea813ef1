/**
 * Languages the server reads: docs and configs (every line), code (comments and strings), and
 * Modelfiles. Kept apart from vscode imports so a unit test can check package.json against it.
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
] as const;
