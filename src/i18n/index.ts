// Wording lives in locale files (locales/*.json), never in logic: `t` fills a template of the catalogues
// (catalog.ts); the renderer (render.ts) words the engine's messages with it.
export { LANGS, hasKey, keys, pluralForm, t, type Lang, type Params } from './catalog.ts';
export {
  dateWords,
  formatAmount,
  peopleOf,
  renderChecklistItem,
  renderEvaluation,
  renderFinding,
  renderGround,
  renderMessage,
  renderMessages,
  renderObligation,
  renderStep,
} from './render.ts';
export type { PersonLabel, RenderOptions, RenderTables } from './render.ts';
