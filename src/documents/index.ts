// Rendering the evaluation into documents a person prints, signs or imports: the checklist (text, JSON,
// PDF), the support and cover letters (text, DOCX, PDF) and the obligations calendar (ICS). Rendering
// only: what is required, when and why comes from the engine's Evaluation; nothing here decides law.
export { groupChecklist, renderChecklistText, checklistJson } from './checklist.ts';
export type { PersonChecklist, ProcedureChecklist } from './checklist.ts';
export { renderChecklistPdf, type ChecklistFilter } from './checklist-pdf.ts';
export { nextFiling, scanName, fileSafe, type NextFiling } from './next-filing.ts';
export { composeLetter, renderLetterText, addresseeOf, LETTER_KINDS } from './letters.ts';
export type { Letter, LetterBlock, LetterKind, LetterLang, Addressee } from './letters.ts';
export { renderLetterDocx } from './letter-docx.ts';
export { renderLetterPdf } from './letter-pdf.ts';
export {
  renderObligationsIcs,
  renderObligationsText,
  escapeText,
  foldLine,
  obligationUid,
  caseKey,
  sequenceAt,
} from './ics.ts';
export type { IcsOptions } from './ics.ts';
export { fontPath, FONT_PACKAGE } from './pdf.ts';
export { personName, formatDate, formatMoney, Footnotes } from './format.ts';
export type { DocContext, DocLang, DocTables, NameLike } from './format.ts';
