// The layout of the plan timeline: one lane per person (its name above its line), time running left to
// right on a calendar scale, ticks at month starts (every 1, 3, 6 or 12 months by the span), a today line,
// each dated step a mark (done / legal deadline / estimate drawn apart), marks closer than `minGap` pushed
// to further rows so none hides another, and the line between consecutive marks dashed where it leads to
// an estimate. The span reaches back at most `maxMonthsBack` months before today: older steps (an employer
// registered years ago) sit at the left edge, marked as earlier, instead of squeezing the rest together.
// Pure arithmetic on ISO dates (UTC day numbers), unit-tested in timeline.test.ts; Plan.tsx draws it.

export type MarkKind = 'deadline' | 'earliest' | 'estimate' | 'event';

export interface TimelineStep {
  id: string;
  date?: string;
  dateKind?: MarkKind;
  status: string;
}

export interface TimelineLaneInput {
  key: string;
  steps: readonly TimelineStep[];
}

export interface TimelineOptions {
  /** Width of the drawing (the SVG's viewBox). */
  width: number;
  left: number;
  right: number;
  /** Room at the top for the tick labels. */
  top: number;
  bottom: number;
  /** Height of the lane's name above its first row. */
  labelHeight: number;
  /** Height of one row of marks. */
  rowHeight: number;
  /** Space above and below the rows of a lane. */
  lanePadding: number;
  /** Marks nearer than this (in drawing units) go to separate rows. */
  minGap: number;
  /** How far before today the span may start, in months. */
  maxMonthsBack: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = {
  width: 960,
  left: 20,
  right: 20,
  top: 34,
  bottom: 8,
  labelHeight: 18,
  rowHeight: 26,
  lanePadding: 8,
  minGap: 24,
  maxMonthsBack: 36,
};

export interface Mark {
  id: string;
  /** Its number in the lane's list (1-based, the order of `steps`), shown on the mark and in the list. */
  n: number;
  date: string;
  kind: MarkKind;
  status: string;
  x: number;
  y: number;
  row: number;
  /** Before the span drawn: put at its left edge. */
  earlier: boolean;
}

export interface Segment {
  x1: number;
  x2: number;
  y: number;
  dashed: boolean;
}

export interface LaneLayout {
  key: string;
  top: number;
  height: number;
  /** The baseline of the lane's name. */
  labelY: number;
  /** The y of the lane's first row (and its line). */
  baseY: number;
  marks: Mark[];
  segments: Segment[];
}

export interface Tick {
  date: string;
  x: number;
  /** The first tick of a year (labelled with the year). */
  year: boolean;
}

export interface TimelineLayout {
  from: string;
  to: string;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  ticks: Tick[];
  today: { date: string; x: number };
  lanes: LaneLayout[];
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`timeline: expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return Math.round(t / DAY);
}

export function isoOfDay(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** The first day of the month `iso` falls in, moved by `months`. */
export function monthStart(iso: string, months = 0): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  return new Date(Date.UTC(y + Math.floor(m / 12), ((m % 12) + 12) % 12, 1)).toISOString().slice(0, 10);
}

const monthsBetween = (a: string, b: string) =>
  (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));

/**
 * The span drawn: from the month start before the earliest date (or today, and no more than `maxMonthsBack`
 * months before it) to the month start after the latest, at least 3 months.
 */
export function timelineRange(
  dates: readonly string[],
  today: string,
  maxMonthsBack = Infinity,
): { from: string; to: string } {
  let lo = today;
  let hi = today;
  for (const d of dates) {
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  const limit = Number.isFinite(maxMonthsBack) ? monthStart(today, -maxMonthsBack) : '';
  const from = monthStart(lo < limit ? limit : lo);
  let to = monthStart(hi, 1);
  if (monthsBetween(from, to) < 3) to = monthStart(from, 3);
  return { from, to };
}

/** Months between ticks: 1 up to a year, 3 up to three years, 6 up to six, else 12. */
export function tickStep(from: string, to: string): 1 | 3 | 6 | 12 {
  const n = monthsBetween(from, to);
  return n <= 12 ? 1 : n <= 36 ? 3 : n <= 72 ? 6 : 12;
}

/** Month starts from `from` to `to` (both included) whose month is a multiple of the step (January, April … for 3). */
export function tickDates(from: string, to: string): string[] {
  const step = tickStep(from, to);
  const out: string[] = [];
  for (let d = from; d <= to; d = monthStart(d, 1)) if ((Number(d.slice(5, 7)) - 1) % step === 0) out.push(d);
  return out;
}

/** Rows for marks at these x (in order of x): each mark takes the first row whose last mark is at least minGap to its left. */
export function stackRows(xs: readonly number[], minGap: number): number[] {
  const lastX: number[] = [];
  return xs.map((x) => {
    let row = lastX.findIndex((l) => x - l >= minGap);
    if (row < 0) row = lastX.length;
    lastX[row] = x;
    return row;
  });
}

/** The kind a step's mark is drawn as: its date kind, else done for a done step, else an estimate. */
export function markKind(s: TimelineStep): MarkKind {
  return s.dateKind ?? (s.status === 'done' ? 'event' : 'estimate');
}

export function layoutTimeline(
  lanes: readonly TimelineLaneInput[],
  today: string,
  options: Partial<TimelineOptions> = {},
): TimelineLayout {
  const o = { ...DEFAULT_TIMELINE, ...options };
  const dates = lanes.flatMap((l) => l.steps.flatMap((s) => (s.date ? [s.date] : [])));
  const { from, to } = timelineRange(dates, today, o.maxMonthsBack);
  const plotLeft = o.left;
  const plotRight = o.width - o.right;
  const d0 = dayNumber(from);
  const span = Math.max(1, dayNumber(to) - d0);
  const x = (iso: string) => plotLeft + (Math.max(0, dayNumber(iso) - d0) / span) * (plotRight - plotLeft);

  let seenYear = '';
  const ticks = tickDates(from, to).map((date) => {
    const year = date.slice(0, 4) !== seenYear;
    seenYear = date.slice(0, 4);
    return { date, x: x(date), year };
  });

  let y = o.top;
  const out: LaneLayout[] = lanes.map((lane) => {
    const dated = lane.steps
      .map((s, i) => ({ s, n: i + 1 }))
      .filter((m): m is { s: TimelineStep & { date: string }; n: number } => !!m.s.date)
      .map(({ s, n }) => ({
        id: s.id,
        n,
        date: s.date,
        kind: markKind(s),
        status: s.status,
        x: x(s.date),
        earlier: s.date < from,
      }))
      .sort((a, b) => a.x - b.x || a.n - b.n);
    const rows = stackRows(
      dated.map((m) => m.x),
      o.minGap,
    );
    const rowCount = Math.max(1, ...rows.map((r) => r + 1));
    const top = y;
    const labelY = top + o.lanePadding + o.labelHeight - 4;
    const baseY = top + o.lanePadding + o.labelHeight + o.rowHeight / 2;
    const marks: Mark[] = dated.map((m, i) => ({ ...m, row: rows[i]!, y: baseY + rows[i]! * o.rowHeight }));
    const segments: Segment[] = [];
    for (let i = 1; i < marks.length; i++) {
      const a = marks[i - 1]!;
      const b = marks[i]!;
      if (b.x > a.x) segments.push({ x1: a.x, x2: b.x, y: baseY, dashed: b.kind === 'estimate' });
    }
    const height = o.lanePadding * 2 + o.labelHeight + rowCount * o.rowHeight;
    y += height;
    return { key: lane.key, top, height, labelY, baseY, marks, segments };
  });

  return {
    from,
    to,
    width: o.width,
    height: y + o.bottom,
    plotLeft,
    plotRight,
    ticks,
    today: { date: today, x: x(today) },
    lanes: out,
  };
}

/** A label cut to `max` characters with an ellipsis (SVG text does not wrap). */
export function clip(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
