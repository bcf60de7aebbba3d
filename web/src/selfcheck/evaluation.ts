// The evaluation the server answers with (hqs-evaluation/1): the engine's own types, imported as types
// only, so nothing of the engine reaches the browser bundle.
export type { Citation, RenderedEvaluation as Evaluation } from '../../../src/engine/types.ts';
