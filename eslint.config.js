// ESLint: typescript-eslint's recommended rules, plus the layering rule of the project:
// the ACTS core under src/ must not know any chat platform or any adapter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PLATFORM_SDKS = ['discord.js', '@discordjs/*', '@slack/*', 'telegraf', 'telegraf/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.mjs'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/adapters'], message: 'src/ must not import adapters/: the core knows no platform.' },
            { group: PLATFORM_SDKS, message: 'src/ must not import a platform SDK: adapters/ translate platform events.' },
          ],
        },
      ],
    },
  },
  {
    // Each platform adapter translates events and renders messages; it must not reach into the ACTS
    // modules. Only the composition root (adapters/main.ts) wires adapters to the pipeline.
    files: ['adapters/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/detection/**', '**/src/identification/**', '**/src/personalisation/**', '**/src/pipeline/**', '**/src/state/**', '**/src/evidence/**', '**/src/scan/**', '!**/src/evidence/contracts.js'],
              message: 'adapters know nothing of the ACTS modules: use src/core and src/bot/ports.',
            },
          ],
        },
      ],
    },
  },
);
