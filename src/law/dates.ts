// Day arithmetic on ISO dates, used only while loading (deriving where a value ends). Law look-ups compare
// ISO strings directly: YYYY-MM-DD sorts the same as the dates it names.
import type { IsoDate } from './citation.ts';

function shift(d: IsoDate, days: number): IsoDate {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10) as IsoDate;
}

export const dayBefore = (d: IsoDate): IsoDate => shift(d, -1);
export const dayAfter = (d: IsoDate): IsoDate => shift(d, 1);

const PERIOD = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/;

/** The first and last day of a period written `2024-Q1` (calendar quarter) or `2024-03` (calendar month). */
export function periodBounds(period: string): { first: IsoDate; last: IsoDate; granularity: 'quarter' | 'month' } | undefined {
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  const quarter = m[2] === undefined ? undefined : Number(m[2]);
  const firstMonth = quarter === undefined ? Number(m[3]) : quarter * 3 - 2;
  const months = quarter === undefined ? 1 : 3;
  const first = new Date(Date.UTC(year, firstMonth - 1, 1)).toISOString().slice(0, 10) as IsoDate;
  const last = new Date(Date.UTC(year, firstMonth - 1 + months, 0)).toISOString().slice(0, 10) as IsoDate;
  return { first, last, granularity: quarter === undefined ? 'month' : 'quarter' };
}
