// Lint: typescript-eslint on TypeScript 5.9 (pinned: typescript-eslint supports TypeScript < 6.1), with Prettier
// owning the layout (eslint-config-prettier turns off the rules that would fight it; `npm run lint` also runs
// `prettier --check`).
// The `no-restricted-imports` blocks below enforce the dependency direction of docs/architecture.md:
// `law` and `calendar` import nothing of ours; `case` may read `law`; `engine` may read law, calendar and
// case; no lower layer imports a shell (cli, store, server, documents, web).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const shells = ['cli', 'store', 'server', 'web', 'documents'];
const forbid = (dirs, why) => ({
  patterns: dirs.map((d) => ({ group: [`../${d}/*`, `../../${d}/*`, `**/src/${d}/*`], message: why })),
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/law/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(['calendar', 'case', 'engine', ...shells], 'src/law imports nothing of ours'),
      ],
    },
  },
  {
    files: ['src/calendar/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(['law', 'case', 'engine', ...shells], 'src/calendar imports nothing of ours'),
      ],
    },
  },
  {
    files: ['src/case/**'],
    rules: {
      'no-restricted-imports': ['error', forbid(['calendar', 'engine', ...shells], 'src/case may import only src/law')],
    },
  },
  {
    files: ['src/engine/**'],
    rules: { 'no-restricted-imports': ['error', forbid(shells, 'the engine is pure: it never imports a shell')] },
  },
);
