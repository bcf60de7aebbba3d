import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { dateArg, json, loadCalendar, loadLaw } from '../context.ts';
import { createEngine } from '../../engine/index.ts';
import { sweep, type SweepProgress } from '../../store/sweep.ts';
import { withStore } from '../with-store.ts';

const HELP = `usage: hqs sweep [--as-of DATE] [--format text|json]

Re-evaluates every open case of every organization as of DATE (default: today in Moscow) and stores
the evaluations and obligations the portfolio views read. Shows a progress bar on a terminal (plain
progress lines otherwise). A case the engine fails on is listed and skipped. Exit 1 when any failed.`;

/** A progress bar on a terminal (redrawn in place), or a line every tenth of the way. */
function progressReporter(io: Io, tty: boolean) {
  const started = performance.now();
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(p: SweepProgress) {
      const frac = p.total === 0 ? 1 : p.done / p.total;
      const rate = p.done / Math.max(0.001, (performance.now() - started) / 1000);
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && p.done < p.total) return;
        lastDraw = now;
        const width = 30;
        const full = Math.round(frac * width);
        process.stderr.write(
          `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.floor(frac * 100)).padStart(3)}%  ${p.done}/${p.total} cases  ${Math.round(rate)}/s  ${p.orgName.slice(0, 30)}\u001b[K`,
        );
      } else {
        const decile = Math.floor(frac * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        io.err(`sweep: ${p.done}/${p.total} cases (${Math.floor(frac * 100)}%), ${Math.round(rate)} cases/s`);
      }
    },
    end() {
      if (tty && lastDraw > 0) process.stderr.write('\n');
    },
  };
}

export async function sweepCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { 'as-of': { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`sweep takes no arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  const asOf = dateArg(values['as-of'], '--as-of');
  const engine = createEngine({ law: loadLaw(), calendar: loadCalendar() });
  return withStore({}, async (db) => {
    const bar = progressReporter(io, format === 'text' && process.stderr.isTTY === true);
    const r = await sweep(db, engine, asOf, (p) => bar.update(p));
    bar.end();
    if (format === 'json') io.out(json({ ...r, ms: Math.round(r.ms), database: db.location }));
    else {
      io.out(
        `swept ${r.cases} open cases in ${r.organizations} organization${r.organizations === 1 ? '' : 's'} as of ${asOf}: ${r.changed} changed and stored, ${r.cases - r.changed} unchanged (${r.obligations} obligations), ${Math.round(r.ms)} ms (${Math.round(r.cases / Math.max(r.ms / 1000, 0.001))} cases/s)`,
      );
      for (const f of r.failures) io.err(`failed: organization ${f.orgId}, case ${f.caseId}: ${f.error}`);
    }
    return r.failures.length ? 1 : 0;
  });
}
