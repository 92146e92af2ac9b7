import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';

const NO_VSCODE = (layer) => ({ name: 'vscode', message: `${layer} must not depend on the VS Code API.` });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.cache/**', 'artifacts/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Layers (CONTRIBUTING.md): src/bedrock imports nothing outside itself and no `vscode`; its model
  // registry (families/) imports nothing outside itself; src/protocol is pure (the Bedrock layer's
  // types at most); the webview imports src/protocol and nothing else of the host's.
  {
    files: ['src/bedrock/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE('src/bedrock')], patterns: [{ regex: '^\\.\\./', message: 'src/bedrock imports nothing outside itself.' }] }] },
  },
  {
    files: ['src/bedrock/families/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE('src/bedrock')], patterns: [{ regex: '^\\.\\./', message: 'The model registry imports nothing outside src/bedrock/families (the Bedrock layer imports it, not the other way).' }] }] },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE('src/protocol')], patterns: [{ regex: '^\\.\\./(?!bedrock/)', message: 'src/protocol is shared with the webview: it imports the Bedrock layer at most.' }] }] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE('webview')], patterns: [{ regex: '^(\\.\\./)+src/(?!protocol/)', message: 'The webview imports src/protocol only.' }] }] },
  },
  {
    files: ['webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Regular expressions run on model output and on the user's text: a pattern that backtracks
    // super-linearly freezes the extension host (or the webview) on a hostile answer.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // The extension logs through its LogOutputChannel, never the console.
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
