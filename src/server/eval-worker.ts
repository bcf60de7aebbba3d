// One evaluation worker: its own law, calendar and engine, off the server's event loop. A task is a case
// (text to parse and check, or a value already checked) and a date; the answer is the evaluation, as
// UTF-8 JSON bytes (moved, not copied, to the main thread) or as a value, or the problem that refused it.
import { parentPort } from 'node:worker_threads';
import type { IsoDate } from '../calendar/date.ts';
import { loadCalendar } from '../calendar/node.ts';
import type { Case } from '../case/index.ts';
import { createEngine } from '../engine/index.ts';
import { loadLaw } from '../law/node.ts';
import { peopleOf, renderEvaluation } from '../i18n/index.ts';
import { parseCaseText } from './input.ts';
import { toProblem } from './problem.ts';
import type { PoolReply, PoolTask } from './eval-pool.ts';

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });
const tables = { countries: law.countries.codes, regions: law.regions.codes };
const port = parentPort!;

function run(task: PoolTask): PoolReply {
  const c: Case =
    task.text !== undefined
      ? parseCaseText(task.text, task.format ?? 'json', tables, { innUnknown: task.innUnknown === true })
      : (task.case as Case);
  const asOf = (task.asOf ?? (task.useCaseAsOf ? c.asOf : undefined) ?? task.today) as IsoDate;
  const evaluation = engine.evaluate(c, asOf, { documents: task.documents === true, explain: task.explain === true });
  if (task.as === 'value') return { id: task.id, ok: true, value: { case: c, evaluation } };
  const bytes = Buffer.from(
    JSON.stringify(renderEvaluation(evaluation, { lang: task.lang ?? 'en', law, people: peopleOf(c) })),
    'utf8',
  );
  return { id: task.id, ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

port.on('message', (task: PoolTask) => {
  let reply: PoolReply;
  try {
    reply = run(task);
  } catch (e) {
    const m = toProblem(e);
    reply = m.unexpected
      ? {
          id: task.id,
          ok: false,
          error: {
            name: (e as Error)?.name ?? 'Error',
            message: String((e as Error)?.message ?? e),
            stack: (e as Error)?.stack,
          },
        }
      : { id: task.id, ok: false, problem: m.problem, headers: m.headers };
  }
  const transfer = reply.ok && reply.bytes ? [reply.bytes.buffer as ArrayBuffer] : [];
  port.postMessage(reply, transfer);
});
port.postMessage({ ready: true });
