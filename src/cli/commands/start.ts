import type { Io } from '../main.ts';

// Until the server exists (issue 5), `npm start` shows how to use the command line on an example case.
export function startCommand(_argv: string[], io: Io): number {
  io.out(
    [
      'HQS Desk — command line (the server and web app are not built yet).',
      '',
      'Try it on an example case:',
      '  npx hqs validate examples/single-engineer.yaml',
      '  npx hqs evaluate examples/executive-family.yaml --as-of 2026-11-21',
      '  npx hqs law list --as-of 2024-03-01',
      '  npx hqs calendar add-working-days 2026-01-09 3',
      '',
      'npx hqs --help lists every command.',
    ].join('\n'),
  );
  return 0;
}
