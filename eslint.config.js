// Lint: typescript-eslint on TypeScript 5.9 (pinned: typescript-eslint supports TypeScript < 6.1), with Prettier
// owning the layout (eslint-config-prettier turns off the rules that would fight it; `npm run lint` also runs
// `prettier --check`).
// The `no-restricted-imports` blocks below enforce the dependency direction of docs/architecture.md:
// `law` and `calendar` import nothing of ours; `case` may read `law`; `engine` may read law, calendar and
// case; no lower layer imports a shell (cli, store, server, documents, web); the services never import the
// HTTP layer. The route contracts and the typed client are read by the web app's build and type check:
// the contracts import no Node, store or server code, the client imports types only.
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
  {
    files: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(['server', 'cli', 'web'], 'a service takes plain inputs: it never imports the HTTP layer or a shell'),
      ],
    },
  },
  {
    files: ['src/server/contract.ts', 'src/server/routes/*.contract.ts', 'src/server/routes/contracts.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/store/*', '**/services/*', 'hono', 'hono/*', '@hono/*', 'pg', '@electric-sql/*'],
              message: 'route contracts are read by the web app: no Node, store, service or server code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['*'],
              allowTypeImports: true,
              message: 'the typed client is in the browser bundle: it imports types only',
            },
          ],
        },
      ],
    },
  },
);
