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

// Our modules as import patterns. STYLE.md §2's table below says what each folder MAY import;
// everything else in this list is forbidden to it.
const MODULES = {
  domain: ['**/domain/**'],
  allocator: ['**/allocator/**'],
  service: ['**/service/**'],
  store: ['**/storage/store.js'],
  engines: ['**/storage/sqlite/**', '**/storage/postgres/**', '**/storage/sql/**'],
  http: ['**/http/**'],
  api: ['**/api/**'],
  client: ['**/client/**'],
  cli: ['**/cli/**'],
  worker: ['**/worker/**'],
  metadata: ['**/metadata/**'],
  render: ['**/guest/render/**'],
  agent: ['**/guest/agent/**'],
  config: ['**/config/**'],
  dataplane: ['**/dataplane/**'],
  // the composition root src/main.ts (only cli's commands start it)
  main: ['../main.js', '../../main.js', '../../../main.js'],
}

function mayImport(files, allowed, { pure = false, drivers = [] } = {}) {
  const forbidden = Object.entries(MODULES)
    .filter(([name]) => !allowed.includes(name))
    .flatMap(([, patterns]) => patterns)
  const outside = pure ? [...NODE_BUILTINS, ...DRIVERS] : drivers
  return {
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...forbidden, ...outside].map((group) => ({
            group: [group],
            message: 'STYLE.md §2: imports point inward only.',
          })),
        },
      ],
    },
  }
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.eniplane/',
      'test-results/',
      'web/dist/',
      'profiles/',
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
  // STYLE.md §2, as a table: folder → what it may import (pure folders: no node:*, no drivers).
  mayImport(['src/domain/**'], ['domain'], { pure: true }),
  mayImport(['src/allocator/**'], ['allocator', 'domain'], { pure: true }),
  mayImport(['src/guest/render/**', 'src/api/**'], ['render', 'api'], { pure: true }),
  // web/ (the console): api, client and the pure guest renderers.
  mayImport(['web/src/**'], ['api', 'client', 'render'], { pure: true }),
  mayImport(['src/service/**'], ['service', 'domain', 'allocator', 'store'], { drivers: DRIVERS }),
  mayImport(['src/storage/**'], ['store', 'engines', 'domain'], { drivers: ['fastify'] }),
  // http reaches storage only through service.
  mayImport(['src/http/**'], ['http', 'service', 'api', 'domain'], {
    drivers: ['pg', 'better-sqlite3'],
  }),
  // Folders STYLE.md §2's table names by role: the worker and the metadata service are shells
  // around service operations; the lab dataplane composes the metadata service per vSwitch;
  // config is read by cli and main.
  mayImport(['src/worker/**'], ['worker', 'service', 'domain'], { drivers: DRIVERS }),
  mayImport(['src/metadata/**'], ['metadata', 'service', 'domain', 'api'], { drivers: DRIVERS }),
  mayImport(['src/dataplane/**'], ['dataplane', 'metadata', 'service', 'domain', 'config'], {
    drivers: DRIVERS,
  }),
  mayImport(['src/config/**'], ['config', 'domain'], { drivers: DRIVERS }),
  mayImport(['src/client/**'], ['client', 'api'], { drivers: DRIVERS }),
  mayImport(
    ['src/cli/**', 'src/guest/agent/**'],
    ['cli', 'agent', 'client', 'api', 'config', 'render', 'main'],
    {
      drivers: DRIVERS,
    },
  ),
  // What production loads (src/ less tests and test support) imports runtime dependencies only.
  {
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/testing/**', 'src/storage/contract/**'],
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: false, optionalDependencies: false, peerDependencies: false },
      ],
    },
  },
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
