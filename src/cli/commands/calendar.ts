import type { Io } from '../io.ts';
import { parse, formatOf, langOf, UsageError, InputError } from '../args.ts';
import { loadCalendar, dateArg, json } from '../context.ts';
import { LAW_NAME_LANGS } from '../../core/lang.ts';
import { t } from '../i18n.ts';

const HELP = `usage: hqs calendar <question> [--format text|json] [--lang en|ru]

Questions, answered on the Russian production calendar (Labour Code art. 112 and the Government's
yearly transfer decree; the 2020–2021 presidential non-working days count as working days):
  is-working DATE                 true or false
  add-working-days DATE N         the date N working days after DATE (DATE itself not counted)
  last-working-day YYYY-MM        the last working day of the month
  working-days FROM TO            working days from FROM to TO, both included

With --format text the bare answer comes first, then a line of explanation.`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function calendarCommand(argv: string[], io: Io): number {
  const { values, positionals } = parse(argv, {});
  if (values.help || positionals.length === 0) {
    io.out(HELP);
    return values.help ? 0 : 2;
  }
  const format = formatOf(values.format);
  const lang = langOf(values.lang, LAW_NAME_LANGS);
  const cal = loadCalendar();
  const [question, ...args] = positionals;
  const need = (n: number) => {
    if (args.length !== n)
      throw new UsageError(`${question}: expected ${n} argument${n === 1 ? '' : 's'}, got ${args.length}\n\n${HELP}`);
  };
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  };
  const answer = (bare: string, explain: string, data: Record<string, unknown>) => {
    io.out(format === 'json' ? json({ question, ...data }) : `${bare}\n${explain}`);
    return 0;
  };

  switch (question) {
    case 'is-working': {
      need(1);
      const d = dateArg(args[0], 'DATE');
      const kind = guard(() => cal.kindOfDay(d));
      return answer(
        String(kind.working),
        t(lang, 'calendar.kind', {
          date: d,
          reason: t(lang, `calendar.reason.${kind.reason}`),
          shortened: kind.shortened ? t(lang, 'calendar.shortened') : '',
        }),
        {
          date: d,
          working: kind.working,
          reason: kind.reason,
          shortened: kind.shortened,
        },
      );
    }
    case 'add-working-days': {
      need(2);
      const d = dateArg(args[0], 'DATE');
      const n = Number(args[1]);
      if (!Number.isInteger(n) || n < 0)
        throw new InputError(`N: expected a whole number of working days ≥ 0, got "${args[1]}"`);
      const r = guard(() => cal.addWorkingDaysExplained(d, n));
      return answer(r.date, t(lang, 'calendar.added', { date: d, n, result: r.date, skipped: r.skipped.length }), {
        date: d,
        n,
        result: r.date,
        skipped: r.skipped,
      });
    }
    case 'last-working-day': {
      need(1);
      const m = MONTH.exec(args[0] as string);
      if (!m) throw new InputError(`YYYY-MM: expected a month like 2026-04, got "${args[0]}"`);
      const r = guard(() => cal.lastWorkingDayOfMonth(args[0] as string));
      return answer(r, t(lang, 'calendar.lastWorking', { month: args[0], result: r }), { month: args[0], result: r });
    }
    case 'working-days': {
      need(2);
      const from = dateArg(args[0], 'FROM');
      const to = dateArg(args[1], 'TO');
      if (to < from) throw new InputError(`TO (${to}) is before FROM (${from})`);
      const n = guard(() => cal.workingDaysBetween(from, to));
      return answer(String(n), t(lang, 'calendar.between', { from, to, n }), { from, to, result: n });
    }
    default:
      throw new UsageError(`unknown question "${question}"\n\n${HELP}`);
  }
}
