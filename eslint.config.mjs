// ESLint flat config: typescript-eslint recommended rules + Prettier compatibility.
// src/core must stay SDK-free: see the no-restricted-imports block below.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const sdkPatterns = [
  'botbuilder*',
  'botframework-*',
  '@microsoft/*',
  '@slack/*',
  'restify',
  'restify/*',
  '@azure/*',
  'better-sqlite3',
  'pg',
  'pg-*',
  'pino',
  'pino-*',
  'croner',
  'jose',
  '**/ado/**',
  '**/identity/**',
  '**/store/**',
  '**/channels/**',
  '**/http/**',
  '**/scheduler/**',
  '**/sandbox/**',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      'coverage/',
      'data/',
      'test-results/',
      'devTools/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration only in src/config/.' },
      ],
    },
  },
  {
    files: ['src/config/**', 'test/**', 'bench/**', 'scripts/**', '*.js', '*.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: sdkPatterns,
              message:
                'src/core is plain TypeScript: depend on a port in src/core, not on an SDK or an adapter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
