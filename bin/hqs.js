#!/usr/bin/env node
// The `hqs` command. Runs the TypeScript sources through tsx's loader so that `npx hqs` works
// straight after `npm ci`, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
