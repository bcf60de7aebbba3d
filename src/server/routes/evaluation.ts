// A stored case's evaluation (src/services/evaluation.ts: stored as of today, computed on another date)
// and the documents rendered from it: the checklist PDF, the letters (DOCX or PDF), the calendar file.
import type { IsoDate } from '../../calendar/date.ts';
import {
  composeLetter,
  renderChecklistPdf,
  renderLetterDocx,
  renderLetterPdf,
  renderObligationsIcs,
  type DocLang,
  type LetterKind,
} from '../../documents/index.ts';
import { peopleOf, renderEvaluation } from '../../i18n/index.ts';
import { caseEvaluation, evaluateStored } from '../../services/evaluation.ts';
import { principalFileName } from '../../services/papers.ts';
import { requestLang } from '../lang.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { HttpProblem } from '../problem.ts';
import { file, json } from '../reply.ts';
import { routes } from './evaluation.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { law } = x;
  return {
    getCaseEvaluation: async ({ c, actor, params, query }) => {
      const lang = requestLang(query.lang, c.req.header('accept-language'));
      const r = await caseEvaluation(x, actor, params.id, query.asOf, {
        documents: query.include === 'documents',
        explain: query.explain === 'true',
      });
      return json(c, {
        evaluation: renderEvaluation(r.evaluation, { lang, law, people: peopleOf(r.case) }),
        stored: r.stored,
      });
    },

    getChecklistPdf: async ({ c, actor, params, query }) => {
      const lang: DocLang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        x,
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        { documents: true },
        'case.export',
        { format: 'checklist.pdf' },
      );
      const pdf = await renderChecklistPdf(renderEvaluation(evaluation, { lang, law, people: peopleOf(rec.case) }), {
        case: rec.case,
        law,
        lang,
      });
      return file(c, pdf, 'application/pdf', `${principalFileName(rec.case)} - checklist.pdf`);
    },

    getLetter: async ({ c, actor, params, query }) => {
      const m = /^(employer-support|cover)\.(docx|pdf)$/.exec(params.file);
      if (!m)
        throw new HttpProblem(404, `no letter ${params.file}: expected employer-support or cover, .docx or .pdf`, [
          { path: 'file', message: 'expected employer-support.docx, employer-support.pdf, cover.docx or cover.pdf' },
        ]);
      const [, kind, ext] = m as unknown as [string, LetterKind, 'docx' | 'pdf'];
      const lang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        x,
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        { documents: true },
        'case.export',
        { format: params.file },
      );
      const letter = composeLetter(kind, renderEvaluation(evaluation, { lang, law, people: peopleOf(rec.case) }), {
        case: rec.case,
        law,
        lang,
      });
      const bytes =
        ext === 'docx'
          ? await renderLetterDocx(letter, { title: letter.subject })
          : await renderLetterPdf(letter, { title: letter.subject });
      return file(
        c,
        bytes,
        ext === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
        `${principalFileName(rec.case)} - ${kind} letter.${ext}`,
      );
    },

    getObligationsIcs: async ({ c, actor, params, query }) => {
      const lang = query.lang ?? 'en';
      const { rec, evaluation } = await evaluateStored(
        x,
        actor,
        params.id,
        query.asOf as IsoDate | undefined,
        {},
        'case.export',
        { format: 'obligations.ics' },
      );
      return file(
        c,
        renderObligationsIcs(
          renderEvaluation(evaluation, { lang, law, people: peopleOf(rec.case) }),
          { case: rec.case, law, lang },
          { now: x.now() },
        ),
        'text/calendar; charset=utf-8',
        `${principalFileName(rec.case)} - deadlines.ics`,
      );
    },
  };
}
