// Starts an evaluation worker: the sources are TypeScript, run through tsx's loader in this thread too.
import { register } from 'tsx/esm/api';

register();
await import('./eval-worker.ts');
