#!/usr/bin/env node
// The `hqs` command. Runs the TypeScript sources through tsx's loader so that `npx hqs` works
// straight after `npm ci`, with no build step to forget.
import { register } from 'tsx/esm/api';

// A closed pipe (hqs … | head) is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
