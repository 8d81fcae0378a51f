// ESLint 9 flat config: typed recommended rules, the house rules of STYLE.md §8 and the
// dependency table of STYLE.md §2 (one no-restricted-imports block per folder).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'http',
  'net',
  'child_process',
]
const DRIVERS = ['pg', 'better-sqlite3', 'fastify']

function boundary(files, forbidden, extraPatterns = []) {
  return {
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map((group) => ({
              group: [group],
              message: 'STYLE.md §2: imports point inward only.',
            })),
            ...extraPatterns,
          ],
        },
      ],
    },
  }
}
const pure = (files, forbiddenOurs) =>
  boundary(files, [...forbiddenOurs, ...NODE_BUILTINS, ...DRIVERS])

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.eniplane/',
      'test-results/',
      'web/dist/',
      'bin/',
      '*.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'import-x/no-cycle': 'error',
    },
  },
  pure(
    ['src/domain/**'],
    [
      '**/allocator/**',
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      '**/api/**',
      '**/client/**',
      '**/cli/**',
      '**/worker/**',
      '**/metadata/**',
      '**/guest/**',
      '**/config/**',
    ],
  ),
  pure(
    ['src/allocator/**'],
    [
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      '**/api/**',
      '**/client/**',
      '**/cli/**',
      '**/worker/**',
      '**/metadata/**',
      '**/guest/**',
      '**/config/**',
    ],
  ),
  pure(
    ['src/guest/render/**', 'src/api/**'],
    [
      '**/domain/**',
      '**/allocator/**',
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      '**/client/**',
      '**/cli/**',
      '**/worker/**',
      '**/metadata/**',
      '**/guest/agent/**',
      '**/config/**',
    ],
  ),
  // web/ (the console) may import api, client and the pure guest renderers (STYLE.md §2).
  pure(
    ['web/src/**'],
    [
      '**/domain/**',
      '**/allocator/**',
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      '**/cli/**',
      '**/worker/**',
      '**/metadata/**',
      '**/guest/agent/**',
      '**/config/**',
    ],
  ),
  boundary(
    ['src/service/**'],
    [
      '**/http/**',
      '**/api/**',
      '**/client/**',
      '**/cli/**',
      '**/storage/sqlite/**',
      '**/storage/postgres/**',
      '**/storage/sql/**',
      ...DRIVERS,
    ],
  ),
  boundary(
    ['src/storage/**'],
    ['**/service/**', '**/http/**', '**/api/**', '**/client/**', '**/cli/**', 'fastify'],
  ),
  boundary(
    ['src/http/**'],
    [
      '**/storage/sqlite/**',
      '**/storage/postgres/**',
      '**/storage/sql/**',
      '**/client/**',
      '**/cli/**',
      'pg',
      'better-sqlite3',
    ],
  ),
  boundary(
    ['src/client/**'],
    [
      '**/domain/**',
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      '**/cli/**',
      'pg',
      'better-sqlite3',
      'fastify',
    ],
  ),
  boundary(
    ['src/cli/**', 'src/guest/agent/**'],
    [
      '**/domain/**',
      '**/service/**',
      '**/storage/**',
      '**/http/**',
      'pg',
      'better-sqlite3',
      'fastify',
    ],
  ),
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'src/testing/**', 'src/storage/contract/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
)
