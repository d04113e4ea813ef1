// Lint: type-aware rules stay off (tsc already type-checks); these rules guard the architecture.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import regexp from 'eslint-plugin-regexp';

// The engine is pure: it is handed text, bytes, data and readers, and never reaches for IO or an editor.
const engineBans = {
  paths: [
    ...['fs', 'net', 'http', 'https', 'child_process', 'worker_threads', 'os', 'path', 'dgram', 'tls', 'readline'].flatMap((m) => [
      { name: m, message: 'The engine is pure: the shells do IO and pass readers in.' },
      { name: `node:${m}`, message: 'The engine is pure: the shells do IO and pass readers in.' },
    ]),
    { name: 'vscode', message: 'The engine knows no editor.' },
    { name: 'systeminformation', message: 'Hardware detection runs in server/src/hardware, off-thread.' },
  ],
  patterns: [
    { group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'The engine knows no protocol.' },
    {
      group: ['**/lsp/**', '**/cli/**', '**/hardware/hardwareService*', '**/hardware/detectWorker*', '**/client/**'],
      message: 'The engine does not import its shells.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'test-artifacts/', '.cache/', 'test/fixtures/**/*.cjs', 'test/protocol/fixtures/**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.js', '.mjs', '.json'] } },
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
      // Typed requests follow vscode-eslint's `namespace XRequest { method; type }`.
      '@typescript-eslint/no-namespace': 'off',
    },
  },
  { files: ['server/src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', engineBans] } },
  {
    // Regular expressions run over document and setting text of any length: none may backtrack
    // super-linearly, nor be retried at every start of a long run (write a scanner instead).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false }],
    },
  },
  {
    // Known offenders in other engineers' files (issue 11, item 1): warned, not yet failing the lint.
    files: [
      'server/src/engine/hardware/fromSystemInformation.ts',
      'server/src/engine/sources/ggufFacts.ts',
      'server/src/engine/sources/nameOnly.ts',
      'server/src/sources/online.ts',
    ],
    rules: { 'regexp/no-super-linear-backtracking': 'warn', 'regexp/no-super-linear-move': 'warn' },
  },
  {
    // The client talks to the server through the protocol module only; it never imports server internals.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/engine/**', '**/server/src/lsp/**', '**/server/src/cli/**'],
              message: 'The client imports only server/src/protocol.',
            },
          ],
        },
      ],
    },
  },
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**'],
    languageOptions: {
      globals: { URL: 'readonly', fetch: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' },
    },
  },
);
