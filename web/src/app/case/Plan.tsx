// The plan: a timeline with one lane per person (done steps, legal deadlines and estimates drawn apart,
// today marked) and the same steps as numbered lists — the accessible version, with each step's date in
// words, its status, why and legal basis. The list is shared with the portal (wording in portal.json).
import { useId, type ReactNode } from 'react';
import type { Person } from '../../../../src/case/schema.ts';
import type { RenderedPlanStep as PlanStep } from '../../../../src/engine/types.ts';
import { Basis } from '../../Basis.tsx';
import type { T } from '../../i18n.ts';
import { StatusTag } from '../ui.tsx';
import { nameOf } from './parts.tsx';
import { clip, layoutTimeline, markKind, type Mark } from './timeline.ts';

/** The steps shown for a person: those that apply, in the engine's order. */
export const shownSteps = (plan: readonly PlanStep[], person: string) =>
  plan.filter((s) => s.person === person && s.status !== 'not-applicable');

const STEP_STATUS_CLASS: Record<PlanStep['status'], string> = {
  done: 'done',
  due: 'due',
  upcoming: 'upcoming',
  overdue: 'overdue',
  blocked: 'review',
  'not-applicable': 'not-applicable',
};

/** A step's date in words: done on / by (a legal deadline) / about (an estimate) / no date yet. */
export function StepDate({ t, s }: { t: T; s: PlanStep }) {
  if (!s.date) return <span className="when none">{t('portal.plan.noDate')}</span>;
  const kind = markKind(s);
  if (kind === 'event') return <span className="when event">{t('portal.plan.doneOn', { date: t.date(s.date) })}</span>;
  return (
    <span className={`when ${kind}`}>
      {t(kind === 'deadline' ? 'outcome.by' : kind === 'earliest' ? 'outcome.from' : 'outcome.about', {
        date: t.date(s.date),
      })}{' '}
      <span className="tag">{t(`datekind.${kind}`)}</span>
    </span>
  );
}

export interface PlanListProps {
  t: T;
  plan: readonly PlanStep[];
  people: readonly Person[];
  you?: string | undefined;
  level: 2 | 3;
  /** Something to show under a step (the case page's "Mark as done"). */
  action?: (s: PlanStep) => ReactNode;
}

export function PlanList({ t, plan, people, you, level, action }: PlanListProps) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div className="plan-lists">
      {people.map((p) => {
        const steps = shownSteps(plan, p.id);
        if (!steps.length) return null;
        return (
          <div key={p.id} className="plan-person">
            <H id={`plan-${p.id}`}>
              {p.id === you ? t('portal.youName', { name: nameOf(p, t.lang, p.id) }) : nameOf(p, t.lang, p.id)}
            </H>
            <ol className="plan-steps">
              {steps.map((s, i) => (
                <li key={s.id} className={`plan-step ${s.date ? markKind(s) : 'none'} st-${s.status}`}>
                  <span className="plan-step-n" aria-hidden="true">
                    {i + 1}
                  </span>
                  <div className="plan-step-body">
                    <div>
                      <strong>{t(`step.${s.id}`)}</strong>{' '}
                      <StatusTag status={STEP_STATUS_CLASS[s.status]} label={t(`common.status.${s.status}`)} />
                    </div>
                    <div>
                      <StepDate t={t} s={s} />
                    </div>
                    <p className="why">
                      {s.why} <Basis t={t} basis={s.basis} />
                    </p>
                    {action?.(s)}
                  </div>
                </li>
              ))}
            </ol>
          </div>
        );
      })}
    </div>
  );
}

const BCP47: Record<string, string> = { en: 'en-GB', ru: 'ru-RU', zh: 'zh-CN' };

/** The timeline drawing: lanes per person, ticks, today, marks numbered as in the lists below it. */
export function PlanTimeline({
  t,
  plan,
  people,
  today,
}: {
  t: T;
  plan: readonly PlanStep[];
  people: readonly Person[];
  today: string;
}) {
  const captionId = useId();
  const lanes = people.map((p) => ({ key: p.id, steps: shownSteps(plan, p.id) })).filter((l) => l.steps.length);
  if (!lanes.length) return null;
  const L = layoutTimeline(lanes, today);
  const month = new Intl.DateTimeFormat(BCP47[t.lang] ?? 'en-GB', { month: 'short', timeZone: 'UTC' });
  const monthYear = new Intl.DateTimeFormat(BCP47[t.lang] ?? 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const stepName = new Map(plan.map((s) => [`${s.person}:${s.id}`, t(`step.${s.id}`)]));
  const describe = (lane: string, m: Mark) =>
    `${m.n}. ${stepName.get(`${lane}:${m.id}`) ?? m.id} — ${t.date(m.date)} (${t(`datekind.${m.kind}`)})${m.earlier ? ` — ${t('case.plan.legend.earlier')}` : ''}`;
  const bottom = L.height - 8;
  const todayRight = L.today.x > L.width * 0.7;
  const earlier = L.lanes.some((l) => l.marks.some((m) => m.earlier));
  return (
    <figure className="timeline">
      <div className="timeline-scroll table-wrap" tabIndex={0} role="group" aria-labelledby={captionId}>
        <svg
          className="timeline-svg"
          viewBox={`0 0 ${L.width} ${L.height}`}
          width={L.width}
          height={L.height}
          role="img"
          aria-labelledby={captionId}
        >
          {L.lanes.map((lane, i) => (
            <rect
              key={lane.key}
              className={i % 2 ? 'lane odd' : 'lane'}
              x={0}
              y={lane.top}
              width={L.width}
              height={lane.height}
            />
          ))}
          {L.ticks.map((k) => (
            <g key={k.date}>
              <line className={k.year ? 'tick year' : 'tick'} x1={k.x} x2={k.x} y1={L.lanes[0]!.top - 6} y2={bottom} />
              {k.x < L.width - 34 && (
                <text className="tick-label" x={k.x + 3} y={L.lanes[0]!.top - 10}>
                  {k.date.endsWith('-01-01')
                    ? k.date.slice(0, 4)
                    : k.year
                      ? monthYear.format(new Date(`${k.date}T00:00:00Z`))
                      : month.format(new Date(`${k.date}T00:00:00Z`))}
                </text>
              )}
            </g>
          ))}
          {L.lanes.map((lane) => {
            const person = people.find((p) => p.id === lane.key);
            return (
              <g key={lane.key}>
                <text className="lane-label" x={L.plotLeft - 12} y={lane.labelY}>
                  {clip(nameOf(person, t.lang, lane.key), 60)}
                </text>
                {lane.segments.map((s, i) => (
                  <line key={i} className={s.dashed ? 'seg dashed' : 'seg'} x1={s.x1} x2={s.x2} y1={s.y} y2={s.y} />
                ))}
                {lane.marks.map((m) => (
                  <g key={m.id} className={`mark mk-${m.kind} st-${m.status}`}>
                    <title>{describe(lane.key, m)}</title>
                    {m.row > 0 && <line className="leader" x1={m.x} x2={m.x} y1={lane.baseY} y2={m.y - 9} />}
                    {m.earlier && (
                      <polygon
                        className="earlier"
                        points={`${m.x - 11},${m.y - 5} ${m.x - 19},${m.y} ${m.x - 11},${m.y + 5}`}
                      />
                    )}
                    {m.kind === 'deadline' ? (
                      <polygon points={`${m.x},${m.y - 10} ${m.x + 10},${m.y} ${m.x},${m.y + 10} ${m.x - 10},${m.y}`} />
                    ) : (
                      <circle cx={m.x} cy={m.y} r={9} />
                    )}
                    <text className="mark-n" x={m.x} y={m.y + 4} textAnchor="middle">
                      {m.n}
                    </text>
                  </g>
                ))}
              </g>
            );
          })}
          <line className="today" x1={L.today.x} x2={L.today.x} y1={L.lanes[0]!.top - 24} y2={bottom} />
          <text
            className="today-label"
            x={todayRight ? L.today.x - 4 : L.today.x + 4}
            y={12}
            textAnchor={todayRight ? 'end' : 'start'}
          >
            {t('case.plan.today', { date: t.date(L.today.date) })}
          </text>
        </svg>
      </div>
      <figcaption id={captionId}>{t('case.plan.caption')}</figcaption>
      <ul className="legend">
        <li>
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" className="mark mk-event">
            <circle cx="11" cy="11" r="8" />
          </svg>{' '}
          {t('case.plan.legend.event')}
        </li>
        <li>
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" className="mark mk-deadline">
            <polygon points="11,2 20,11 11,20 2,11" />
          </svg>{' '}
          {t('case.plan.legend.deadline')}
        </li>
        <li>
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true" className="mark mk-estimate">
            <circle cx="11" cy="11" r="8" />
          </svg>{' '}
          {t('case.plan.legend.estimate')}
        </li>
        <li>
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
            <line className="today" x1="11" x2="11" y1="1" y2="21" />
          </svg>{' '}
          {t('case.plan.legend.today')}
        </li>
        {earlier && (
          <li>
            <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
              <polygon className="earlier" points="15,5 5,11 15,17" />
            </svg>{' '}
            {t('case.plan.legend.earlier')}
          </li>
        )}
      </ul>
    </figure>
  );
}
