// Spreadsheets in over HTTP: the jobs (src/services/imports.ts) of this server process, the template,
// and the organization's saved mappings. A job's refusals carry a `code` (import.unknownJob,
// import.notReady, import.tooLarge…) with the values its wording names.
import { PassThrough, Readable } from 'node:stream';
import { ImportJobError, ImportJobs } from '../../services/imports.ts';
import { MappingError, parseMapping, writeTemplate, type SheetLang } from '../../sheets/index.ts';
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import { contentDisposition } from '../disposition.ts';
import type { Handlers } from '../http.ts';
import { UPLOAD_LIMIT } from '../http.ts';
import { requestLang } from '../lang.ts';
import { HttpProblem } from '../problem.ts';
import { json, noContent } from '../reply.ts';
import { routes } from './imports.contract.ts';

export { routes };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A job's refusal, or a mapping that does not hold, as a problem. */
function asProblem(e: unknown): unknown {
  if (e instanceof ImportJobError)
    return new HttpProblem(
      e.status,
      e.message,
      [
        {
          path: e.code === 'import.tooLarge' ? '(body)' : e.code.startsWith('import.unknown') ? 'id' : '(job)',
          message: e.message,
        },
      ],
      e.status === 413 ? { Connection: 'close' } : {},
      { code: e.code, params: e.params },
    );
  if (e instanceof MappingError)
    return new HttpProblem(
      422,
      `the mapping does not hold: ${e.message}`,
      e.problems.map((p) => ({ path: p.path || '(body)', message: p.message })),
      {},
      { code: 'import.badMapping' },
    );
  return e;
}

async function guard<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asProblem(e);
  }
}

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const jobs = new ImportJobs(
    { db: x.db, law: x.law, engine: x.engine, today: x.today, log: x.log },
    { maxBytes: UPLOAD_LIMIT },
  );
  const langOf = (c: { req: { header(n: string): string | undefined } }, lang: SheetLang | undefined): SheetLang =>
    lang ?? (requestLang(undefined, c.req.header('accept-language')) === 'ru' ? 'ru' : 'en');
  return {
    getImportTemplate: ({ c, query }) => {
      const lang = langOf(c, query.lang);
      const out = new PassThrough();
      writeTemplate(out, lang).catch((e: unknown) => {
        x.log('writing the import template failed', e);
        out.destroy(e as Error);
      });
      return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
        'Content-Type': XLSX,
        'Content-Disposition': contentDisposition(`hqs-import-template-${lang}.xlsx`),
      });
    },
    startImport: ({ c, actor, query }) =>
      guard(async () => {
        const view = await jobs.start(actor, c.req.raw.body, {
          fileName: query.fileName,
          lang: langOf(c, query.lang),
          ...(query.mapping ? { mapping: query.mapping } : {}),
        });
        return json(c, view, 202, { Location: `/api/v1/imports/${view.jobId}` });
      }),
    getImport: ({ c, actor, params, query }) => guard(() => json(c, jobs.get(actor, params.id, query.lang))),
    listImportRows: ({ c, actor, params, query }) =>
      guard(() =>
        json(
          c,
          jobs.rows(actor, params.id, {
            offset: query.offset,
            limit: query.limit,
            ...(query.only ? { only: query.only } : {}),
            ...(query.lang ? { lang: query.lang } : {}),
          }),
        ),
      ),
    remapImport: ({ c, actor, params, query, body }) =>
      guard(() => json(c, jobs.remap(actor, params.id, body, query.lang), 202)),
    commitImport: ({ c, actor, params, query }) =>
      guard(() => {
        jobs.commit(actor, params.id);
        return json(c, jobs.get(actor, params.id, query.lang), 202);
      }),
    cancelImport: ({ c, actor, params, query }) =>
      guard(() => {
        jobs.cancel(actor, params.id);
        return json(c, jobs.get(actor, params.id, query.lang));
      }),
    discardImport: ({ c, actor, params }) =>
      guard(() => {
        jobs.discard(actor, params.id);
        return noContent(c);
      }),
    listImportMappings: async ({ c, actor }) => json(c, await store.listImportMappings(x.db, actor)),
    saveImportMapping: ({ c, actor, body }) =>
      guard(async () => {
        const mapping = parseMapping(body.mapping);
        return json(c, await store.saveImportMapping(x.db, actor, body.name, mapping));
      }),
  };
}
