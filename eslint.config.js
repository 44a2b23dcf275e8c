// One lint config for the whole workspace. Type-aware rules run on TypeScript sources
// only, so the plain .mjs tooling is checked without a program.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'data/**', 'packages/rpc/generated/**'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A value built and thrown away is almost always a missing `throw` or call.
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Byte-level code compares and indexes numbers deliberately.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/prefer-for-of': 'off',
    },
  },
  {
    // Bytes in, ops out: these packages must run unchanged in browsers and Deno,
    // and a library never reads the environment itself, so their library code
    // may not reach for Node's modules or globals.
    files: ['packages/codec/src/**/*.ts', 'packages/config/src/**/*.ts'],
    // config's file.ts is the one module that reads files (parseConfigFile).
    ignores: ['**/*.test.ts', '**/*.bench.ts', 'packages/config/src/file.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^node:', message: 'Library code must not use Node built-ins.' }] },
      ],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'require', 'global', 'setImmediate'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
    rules: { 'no-unused-expressions': 'error' },
  },
);
