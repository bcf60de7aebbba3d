// What has happened in the case, newest first: date, kind in words, person and details; "Add an event"
// of any kind, "Correct" to change one (its form under its row) and "Remove" for a mistaken one (both by its
// index in the case, with the version read: someone else's change in between is said in words).
import { useRef, useState } from 'react';
import type { Case } from '../../../../src/case/schema.ts';
import { api } from '../../api.ts';
import type { T } from '../../i18n.ts';
import { Table } from '../Table.tsx';
import { ErrorBox } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { isStale, useCase } from './context.ts';
import { EventForm } from './forms.tsx';
import { correctedEvent, draftFromEvent, EVENT_SPECS, eventsNewestFirst, newDraft } from './model.ts';
import { regionName } from './refdata.ts';

type CaseEvent = NonNullable<Case['events']>[number];

/** The fields of an event besides date, kind and person, in words. */
export function eventDetails(t: T, e: CaseEvent): string[] {
  const out: string[] = [];
  const rec = e as unknown as Record<string, unknown>;
  for (const s of EVENT_SPECS[e.type].fields) {
    const v = rec[s.name];
    if (v === undefined || v === false) continue;
    let shown: string;
    switch (s.kind) {
      case 'date':
        shown = t.date(String(v));
        break;
      case 'regions':
        shown = (v as string[]).map((r) => regionName(r, t.lang)).join(', ');
        break;
      case 'amount':
        shown = t.money(Number(v));
        break;
      case 'entries':
        shown = t(`case.entries.${String(v)}`);
        break;
      case 'notificationKind':
        shown = t(`case.notification.${String(v)}`);
        break;
      case 'flag':
        out.push(t(`case.field.${s.name}`));
        continue;
      default:
        shown = String(v);
    }
    out.push(`${t(`case.field.${s.name}`)}: ${shown}`);
  }
  if (e.note) out.push(`${t('case.event.note')}: ${e.note}`);
  return out;
}

export function Events() {
  const c = useCase();
  const { t, kase, canWrite, today, names, id } = c;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const events = eventsNewestFirst(kase);
  const personOf = usePersonOf();
  return (
    <>
      <h2>{t('case.events.title')}</h2>
      {canWrite && !adding && (
        <button type="button" className="primary" ref={addButton} onClick={() => setAdding(true)}>
          {t('case.events.add')}
        </button>
      )}
      {canWrite && adding && (
        <EventForm
          t={t}
          lang={c.lang}
          kase={kase}
          initial={newDraft('entry', kase, today)}
          chooseType
          idBase="ev-new"
          names={names}
          title={t('case.events.addTitle')}
          onSubmit={async (event) => {
            await c.save(
              (version) => api.addEvent({ id, body: { event, version } }),
              t('case.event.added', {
                event: t(`case.eventType.${String(event.type)}`),
                date: t.date(String(event.on)),
              }),
            );
            setAdding(false);
          }}
          onCancel={() => {
            setAdding(false);
            setTimeout(() => addButton.current?.focus());
          }}
        />
      )}
      <Table
        columns={[
          { key: 'on', header: t('case.event.on'), cell: ({ event }) => t.date(event.on) },
          {
            key: 'type',
            header: t('case.event.type'),
            cell: ({ event }) => <strong>{t(`case.eventType.${event.type}`)}</strong>,
          },
          {
            key: 'person',
            header: t('case.event.person'),
            cell: ({ event }) => {
              const person = personOf(event);
              return person ? (names.get(person) ?? person) : '—';
            },
          },
          {
            key: 'details',
            header: t('case.events.details'),
            className: 'details',
            cell: ({ event }) => eventDetails(t, event).join('; '),
          },
          canWrite && {
            key: 'actions',
            header: t('case.events.actions'),
            cell: ({ index, event }) => (
              <>
                {editing !== index && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => setEditing(index)}
                    aria-label={`${t('portfolio.event.edit')}: ${t(`case.eventType.${event.type}`)}, ${t.date(event.on)}`}
                  >
                    {t('portfolio.event.edit')}
                  </button>
                )}{' '}
                <RemoveEvent index={index} event={event} />
              </>
            ),
          },
        ]}
        rows={events}
        rowKey={({ index, event }) => `${index}-${event.type}-${event.on}`}
        caption={t('case.events.caption')}
        labels="none"
        after={({ index, event }, span) =>
          canWrite && editing === index ? (
            <tr key={`edit-${index}`} className="row-panel">
              <td colSpan={span}>
                <EditEvent index={index} event={event} onClose={() => setEditing(null)} />
              </td>
            </tr>
          ) : null
        }
        className="events"
        empty={<p>{t('case.events.none')}</p>}
      />
    </>
  );
}

/** Whom an event is about: its person, or the principal for the principal's own kinds of event. */
function usePersonOf() {
  const { kase } = useCase();
  return (event: CaseEvent) =>
    'person' in event && event.person
      ? event.person
      : EVENT_SPECS[event.type].person === 'principal'
        ? kase.people.find((p) => p.role === 'principal')?.id
        : undefined;
}

/**
 * The form of one event, filled in with it, that replaces it (PUT …/events/{index} with the version read).
 * When someone else changed the case meanwhile, the case is reloaded and the form closed: the index may
 * now name another event, so the correction is not sent again blindly.
 */
function EditEvent({ index, event, onClose }: { index: number; event: CaseEvent; onClose: () => void }) {
  const c = useCase();
  const { t, kase, names, id } = c;
  const what = `${t(`case.eventType.${event.type}`)}, ${t.date(event.on)}`;
  return (
    <EventForm
      t={t}
      lang={c.lang}
      kase={kase}
      initial={draftFromEvent(event)}
      chooseType={false}
      idBase={`ev-edit-${index}`}
      names={names}
      title={t('portfolio.event.editTitle', { event: what })}
      onSubmit={async (edited) => {
        try {
          await c.save(
            (version) => api.correctEvent({ id, index, body: { event: correctedEvent(event, edited), version } }),
            t('portfolio.event.corrected', {
              event: t(`case.eventType.${String(edited.type)}`),
              date: t.date(String(edited.on)),
            }),
          );
        } catch (e) {
          if (isStale(e)) {
            onClose();
            c.announce(t('portfolio.event.stale'));
          }
          throw e;
        }
        onClose();
      }}
      onCancel={onClose}
    />
  );
}

/** "Remove", then "Really remove?" with yes and cancel, for one event. */
function RemoveEvent({ index, event }: { index: number; event: CaseEvent }) {
  const c = useCase();
  const { t, id } = c;
  const [confirm, setConfirm] = useState(false);
  const what = `${t(`case.eventType.${event.type}`)}, ${t.date(event.on)}`;
  const remove = useAction(
    () =>
      c.save(
        (version) => api.removeEvent({ id, index, query: { version } }),
        t('case.events.removed', { event: what }),
      ),
    { onError: () => setConfirm(false) },
  );
  return (
    <>
      {!confirm && (
        <button
          type="button"
          className="link"
          onClick={() => setConfirm(true)}
          aria-label={`${t('case.events.remove')}: ${what}`}
        >
          {t('case.events.remove')}
        </button>
      )}
      {confirm && (
        <span className="confirm">
          {t('case.events.removeConfirm')}{' '}
          <button
            type="button"
            className="danger"
            onClick={() => void remove.run()}
            aria-label={`${t('case.events.removeYes')}: ${what}`}
          >
            {t('case.events.removeYes')}
          </button>{' '}
          <button type="button" className="link" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </button>
        </span>
      )}
      {remove.error && <ErrorBox error={remove.error} />}
    </>
  );
}
