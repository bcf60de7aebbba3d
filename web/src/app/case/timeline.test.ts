import { describe, expect, it } from 'vitest';
import {
  clip,
  dayNumber,
  isoOfDay,
  layoutTimeline,
  markKind,
  monthStart,
  stackRows,
  tickDates,
  tickStep,
  timelineRange,
} from './timeline.ts';

describe('timeline dates', () => {
  it('counts days and goes back from them', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(isoOfDay(dayNumber('2028-02-29'))).toBe('2028-02-29');
    expect(() => dayNumber('2026-13-45')).toThrow(/2026-13-45/);
  });

  it('moves to month starts across years', () => {
    expect(monthStart('2026-11-21')).toBe('2026-11-01');
    expect(monthStart('2026-11-21', 2)).toBe('2027-01-01');
    expect(monthStart('2026-01-31', -1)).toBe('2025-12-01');
    expect(monthStart('2026-03-15', -27)).toBe('2023-12-01');
  });

  it('spans from the month of the earliest date to the month after the latest, today included', () => {
    expect(timelineRange(['2026-05-10', '2027-02-03'], '2026-11-21')).toEqual({ from: '2026-05-01', to: '2027-03-01' });
    // Today before every date pulls the start back; after every date, the end forward.
    expect(timelineRange(['2027-06-30'], '2026-11-21')).toEqual({ from: '2026-11-01', to: '2027-07-01' });
    expect(timelineRange(['2025-01-15'], '2026-11-21')).toEqual({ from: '2025-01-01', to: '2026-12-01' });
  });

  it('starts no earlier than the limit before today', () => {
    expect(timelineRange(['2019-03-11', '2027-02-03'], '2026-11-21', 36)).toEqual({
      from: '2023-11-01',
      to: '2027-03-01',
    });
    expect(timelineRange(['2025-03-11'], '2026-11-21', 36)).toEqual({ from: '2025-03-01', to: '2026-12-01' });
  });

  it('never draws less than three months', () => {
    expect(timelineRange([], '2026-11-21')).toEqual({ from: '2026-11-01', to: '2027-02-01' });
    expect(timelineRange(['2026-11-30'], '2026-11-21')).toEqual({ from: '2026-11-01', to: '2027-02-01' });
  });

  it('spaces ticks by the span and puts them on month starts that divide the step', () => {
    expect(tickStep('2026-01-01', '2026-12-01')).toBe(1);
    expect(tickStep('2026-01-01', '2027-06-01')).toBe(3);
    expect(tickStep('2026-01-01', '2030-01-01')).toBe(6);
    expect(tickStep('2026-01-01', '2034-01-01')).toBe(12);
    expect(tickDates('2026-11-01', '2027-02-01')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']);
    expect(tickDates('2026-02-01', '2027-08-01')).toEqual([
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
      '2027-01-01',
      '2027-04-01',
      '2027-07-01',
    ]);
    expect(tickDates('2025-03-01', '2034-01-01').every((d) => d.endsWith('-01-01'))).toBe(true);
  });
});

describe('stacking marks', () => {
  it('keeps marks far enough apart on one row and pushes near ones down', () => {
    expect(stackRows([0, 30, 60], 24)).toEqual([0, 0, 0]);
    expect(stackRows([0, 10, 20, 50], 24)).toEqual([0, 1, 2, 0]);
    // A later mark goes back to the first row that has room again.
    expect(stackRows([100, 105, 126, 131], 24)).toEqual([0, 1, 0, 1]);
  });

  it('draws a step as its date kind, else done or an estimate', () => {
    expect(markKind({ id: 'a', status: 'upcoming', dateKind: 'deadline' })).toBe('deadline');
    expect(markKind({ id: 'a', status: 'done' })).toBe('event');
    expect(markKind({ id: 'a', status: 'upcoming' })).toBe('estimate');
  });
});

describe('the layout', () => {
  const lanes = [
    {
      key: 'p1',
      steps: [
        { id: 'entry', date: '2026-01-10', dateKind: 'event' as const, status: 'done' },
        { id: 'migration-registration', date: '2026-01-12', dateKind: 'deadline' as const, status: 'overdue' },
        { id: 'citizenship', status: 'upcoming' },
        { id: 'rp-decision', date: '2026-12-14', dateKind: 'estimate' as const, status: 'upcoming' },
      ],
    },
    { key: 'p2', steps: [{ id: 'entry', date: '2026-07-15', dateKind: 'event' as const, status: 'done' }] },
  ];
  const L = layoutTimeline(lanes, '2026-11-21', {
    width: 1000,
    left: 100,
    right: 20,
    top: 30,
    bottom: 10,
    labelHeight: 16,
    rowHeight: 20,
    lanePadding: 10,
    minGap: 24,
    maxMonthsBack: 36,
  });

  it('maps the span onto the plot from left to right', () => {
    expect(L.from).toBe('2026-01-01');
    expect(L.to).toBe('2027-01-01');
    expect(L.plotLeft).toBe(100);
    expect(L.plotRight).toBe(980);
    expect(L.ticks[0]).toMatchObject({ date: '2026-01-01', x: 100, year: true });
    expect(L.ticks.at(-1)).toMatchObject({ date: '2027-01-01', x: 980, year: true });
    expect(L.ticks.filter((t) => t.year).map((t) => t.date)).toEqual(['2026-01-01', '2027-01-01']);
    // Today: day 324 of 365 from the start.
    expect(L.today.x).toBeCloseTo(100 + (324 / 365) * 880, 6);
  });

  it('numbers marks by the list order, leaves undated steps out, and stacks the two January marks', () => {
    const p1 = L.lanes[0]!;
    expect(p1.marks.map((m) => [m.id, m.n, m.kind, m.row])).toEqual([
      ['entry', 1, 'event', 0],
      ['migration-registration', 2, 'deadline', 1],
      ['rp-decision', 4, 'estimate', 0],
    ]);
    expect(p1.marks[1]!.y - p1.marks[0]!.y).toBe(20);
    expect(p1.height).toBe(10 * 2 + 16 + 2 * 20);
    // The name sits above the first row.
    expect(p1.labelY).toBeLessThan(p1.baseY - 10);
    expect(p1.marks.every((m) => !m.earlier)).toBe(true);
  });

  it('draws the line to an estimate dashed and to a deadline solid', () => {
    const p1 = L.lanes[0]!;
    expect(p1.segments.map((s) => s.dashed)).toEqual([false, true]);
    expect(p1.segments.every((s) => s.y === p1.baseY)).toBe(true);
  });

  it('puts lanes one under another and sizes the drawing to hold them', () => {
    const [a, b] = L.lanes;
    expect(a!.top).toBe(30);
    expect(b!.top).toBe(a!.top + a!.height);
    expect(b!.height).toBe(10 * 2 + 16 + 20);
    expect(L.height).toBe(b!.top + b!.height + 10);
    expect(b!.segments).toEqual([]);
  });

  it('reaches back at most maxMonthsBack and puts older steps at the left edge', () => {
    const old = [
      {
        key: 'p1',
        steps: [
          { id: 'employer-registration', date: '2019-03-11', status: 'done' },
          { id: 'entry', date: '2025-05-28', status: 'done' },
        ],
      },
    ];
    const C = layoutTimeline(old, '2026-11-21', { maxMonthsBack: 24 });
    expect(C.from).toBe('2024-11-01');
    const [first, second] = C.lanes[0]!.marks;
    expect(first).toMatchObject({ id: 'employer-registration', earlier: true, x: C.plotLeft });
    expect(second).toMatchObject({ earlier: false });
    expect(second!.x).toBeGreaterThan(C.plotLeft);
    // Without the limit the span goes back to the oldest date.
    expect(layoutTimeline(old, '2026-11-21', { maxMonthsBack: Infinity }).from).toBe('2019-03-01');
  });

  it('draws a lane without dates as an empty row', () => {
    const E = layoutTimeline([{ key: 'p9', steps: [{ id: 'citizenship', status: 'upcoming' }] }], '2026-11-21');
    expect(E.lanes[0]!.marks).toEqual([]);
    expect(E.from).toBe('2026-11-01');
  });
});

describe('labels', () => {
  it('cuts long names with an ellipsis and leaves short ones', () => {
    expect(clip('ANNA MUELLER', 20)).toBe('ANNA MUELLER');
    expect(clip('MAXIMILIAN ALEXANDER VON HOHENZOLLERN', 12)).toBe('MAXIMILIAN …');
    expect([...clip('陈伟陈伟陈伟', 4)].length).toBe(4);
  });
});
