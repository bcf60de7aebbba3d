// Ticking the checklist (src/store/checklist-reviews.ts) and the next filing's pack (src/services/papers.ts):
// the PDF is the checklist renderer filtered to that procedure, the ZIP the scans named by the index.
import { renderChecklistPdf, type DocLang } from '../../documents/index.ts';
import { peopleOf, renderEvaluation } from '../../i18n/index.ts';
import { caseChecklist, nextFilingOf, nextFilingZip, personFileName } from '../../services/papers.ts';
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { file, json } from '../reply.ts';
import { routes } from './checklist.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db, law } = x;
  return {
    getCaseChecklist: async ({ c, actor, params, query }) =>
      json(c, await caseChecklist(x, actor, params.id, query.asOf)),
    setChecklistReview: async ({ c, actor, params, body }) =>
      json(
        c,
        await store.setChecklistReview(db, actor, {
          caseId: params.id,
          personId: params.personId,
          document: params.document,
          status: body.status,
          comment: body.comment ?? null,
          version: body.version,
        }),
      ),
    getNextFilingPdf: async ({ c, actor, params, query }) => {
      const lang: DocLang = query.lang ?? 'en';
      const { rec, evaluation, procedure } = await nextFilingOf(x, actor, params.id, query, 'next-filing.pdf');
      const rendered = renderEvaluation(evaluation, { lang, law, people: peopleOf(rec.case) });
      const pdf = await renderChecklistPdf(
        rendered,
        { case: rec.case, law, lang },
        { procedure, ...(query.person ? { person: query.person } : {}) },
      );
      const who = personFileName(rec.case, query.person ?? rec.case.people[0]!.id);
      return file(c, pdf, 'application/pdf', `${who} - ${procedure} checklist.pdf`);
    },
    getNextFilingScans: async ({ c, actor, params, query }) => {
      const { zip, procedure, rec } = await nextFilingZip(x, actor, params.id, query);
      const who = personFileName(rec.case, query.person ?? rec.case.people[0]!.id);
      return file(c, zip, 'application/zip', `${who} - ${procedure} scans.zip`);
    },
  };
}
