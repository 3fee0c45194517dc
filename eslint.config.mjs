// Lint rules, including the import directions of DESIGN.md §3:
// renderer → common; db → common; electron → db, common; common imports nothing of ours.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ours = (dirs) => ({
  regex: `^(\\.\\.?/)+(.*/)?(${dirs.join('|')})(/|$)`,
  message: 'DESIGN.md §3: this layer may not import that folder.',
});
const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const electronPath = { name: 'electron', message: 'Only electron/ may import Electron.' };
const nodePaths = nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.tmp/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [ours(['db', 'electron', 'test', 'scripts', 'build']), { group: ['better-sqlite3*', 'exceljs'], message: 'The renderer talks only through window.baomi.' }],
      [electronPath, ...nodePaths],
    ),
  },
  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: restrict(
      [ours(['db', 'electron', 'renderer', 'test', 'scripts', 'build']), { group: ['better-sqlite3*', 'exceljs', 'react', 'react-dom', '@mantine/*'], message: 'common/ is pure TypeScript.' }],
      [electronPath, ...nodePaths],
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict([ours(['electron', 'renderer', 'test', 'scripts'])], [electronPath]),
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict([ours(['renderer', 'test', 'scripts'])]),
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*', 'build/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
