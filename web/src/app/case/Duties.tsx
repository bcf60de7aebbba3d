// The plan and the obligations of the case page. Every step or duty an event discharges has a
// "Mark as done" (or "Mark as filed") button that opens the event form in place, filled in with the kind,
// the person and today's date: two clicks from the duty to the event recorded.
import { useEffect, useRef, useState } from 'react';
import type { RenderedObligation as Obligation, RenderedPlanStep as PlanStep } from '../../../../src/engine/types.ts';
import { api } from '../../api.ts';
import { Basis } from '../../Basis.tsx';
import { StatusTag } from '../ui.tsx';
import { useCase } from './context.ts';
import { EventForm } from './forms.tsx';
import { draftForObligation, draftForStep, isOpen, markVerb, sortObligations, type EventDraft } from './model.ts';
import { DueIn } from './parts.tsx';
import { PlanList, PlanTimeline } from './Plan.tsx';

/** "Mark as done: <what>" — the button, and the event form it opens in place. */
export function MarkDone({ draft, what, idBase }: { draft: EventDraft; what: string; idBase: string }) {
  const c = useCase();
  const { t } = c;
  const [open, setOpen] = useState(false);
  const [refocus, setRefocus] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open && refocus) {
      button.current?.focus();
      setRefocus(false);
    }
  }, [open, refocus]);
  if (!c.canWrite) return null;
  const verb = markVerb(draft.type);
  if (!open) {
    return (
      <button
        type="button"
        className="secondary mark"
        ref={button}
        onClick={() => setOpen(true)}
        aria-label={`${t(`case.mark.${verb}`)}: ${what}`}
      >
        {t(`case.mark.${verb}`)}
      </button>
    );
  }
  return (
    <EventForm
      t={t}
      lang={c.lang}
      kase={c.kase}
      initial={draft}
      chooseType={false}
      idBase={idBase}
      names={c.names}
      title={t('case.mark.title', { what, event: t(`case.eventType.${draft.type}`) })}
      onSubmit={async (event) => {
        await c.save(
          (version) => api.addEvent({ id: c.id, body: { event, version } }),
          t('case.event.added', { event: t(`case.eventType.${draft.type}`), date: t.date(String(event.on)) }),
        );
        setOpen(false);
      }}
      onCancel={() => {
        setOpen(false);
        setRefocus(true);
      }}
    />
  );
}

export function PlanTab() {
  const c = useCase();
  const { t, evaluation: ev, kase, today, names } = c;
  if (!ev) return null;
  const people = kase.people;
  return (
    <>
      <h2>{t('case.plan.title')}</h2>
      {ev.estimatedDaysToEntry !== undefined && (
        <p>{t('outcome.daysToEntry', { n: t.number(ev.estimatedDaysToEntry) })}</p>
      )}
      <PlanTimeline t={t} plan={ev.plan} people={people} today={today} />
      <h2>{t('case.plan.listTitle')}</h2>
      <PlanList
        t={t}
        plan={ev.plan}
        people={people}
        level={3}
        action={(s: PlanStep) => {
          const d = draftForStep(s, kase, today);
          return d ? (
            <MarkDone
              draft={d}
              what={`${t(`step.${s.id}`)} — ${names.get(s.person) ?? s.person}`}
              idBase={`mk-step-${s.person}-${s.id}`}
            />
          ) : null;
        }}
      />
    </>
  );
}

export function ObligationsTab() {
  const c = useCase();
  const { t, evaluation: ev, kase, today, names } = c;
  const [showClosed, setShowClosed] = useState(false);
  if (!ev) return null;
  const all = sortObligations(ev.obligations);
  const open = all.filter((o) => isOpen(o.status));
  const closed = all.length - open.length;
  const shown = showClosed ? all : open;
  return (
    <>
      <h2>{t('case.obligations.title')}</h2>
      <p>
        {t('case.obligations.summary', {
          open: t.number(open.length),
          overdue: t.number(open.filter((o) => o.status === 'overdue').length),
          closed: t.number(closed),
        })}
      </p>
      {closed > 0 && (
        <div className="field checkbox">
          <input
            type="checkbox"
            id="show-closed"
            checked={showClosed}
            onChange={(e) => setShowClosed(e.target.checked)}
          />
          <label htmlFor="show-closed">{t('case.obligations.showClosed', { n: t.number(closed) })}</label>
        </div>
      )}
      {shown.length === 0 ? (
        <p>{t('case.obligations.none')}</p>
      ) : (
        <ul className="duties">
          {shown.map((o) => (
            <Duty key={o.id} o={o} who={names.get(o.person) ?? o.person} draft={draftForObligation(o, kase, today)} />
          ))}
        </ul>
      )}
    </>
  );
}

function Duty({ o, who, draft }: { o: Obligation; who: string; draft: ReturnType<typeof draftForObligation> }) {
  const { t, today } = useCase();
  const kind = t(`obligations.kind.${o.kind}`); // the same name for a duty as the lists use
  return (
    <li className={`duty st-${o.status}`}>
      <div className="duty-when">
        <span className="duty-date">{t.date(o.due)}</span>
        <DueIn t={t} status={o.status} due={o.due} today={today} />
        {o.window.from < o.due && (
          <span className="hint">{t('case.obligations.window', { from: t.date(o.window.from) })}</span>
        )}
      </div>
      <div className="duty-body">
        <h3>
          {kind} <span className="duty-who">— {who}</span>
        </h3>
        <p>
          <StatusTag status={o.status} label={t(`common.status.${o.status}`)} />
          {o.doneOn && (
            <> {t(o.late ? 'case.obligations.doneLate' : 'case.obligations.doneOn', { date: t.date(o.doneOn) })}</>
          )}
          {o.confidence && o.confidence !== 'high' && (
            <>
              {' '}
              <span className="tag">{t(`common.confidence.${o.confidence}`)}</span>
            </>
          )}
        </p>
        {o.measure && (
          <p className="measure">
            <meter min={0} max={o.measure.limit} value={Math.min(o.measure.used, o.measure.limit)} aria-hidden="true" />{' '}
            {t('case.obligations.measure', { used: t.number(o.measure.used), limit: t.number(o.measure.limit) })}
          </p>
        )}
        <p className="why">
          {o.why} <Basis t={t} basis={o.basis} />
        </p>
        {draft && (
          <MarkDone
            draft={draft}
            what={`${kind} — ${who} (${t.date(o.due)})`}
            idBase={`mk-ob-${o.id.replace(/[^A-Za-z0-9_-]/g, '_')}`}
          />
        )}
      </div>
    </li>
  );
}
