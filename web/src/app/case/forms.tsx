// Form pieces of the case page: the summary of problems found before sending (each a link to its field),
// a list of country or region selects (citizenships, permit regions), and the event form — opened
// pre-filled from an obligation or plan step ("Mark as done") or empty from "Add an event".
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Case } from '../../../../src/case/schema.ts';
import type { ApiError } from '../../api.ts';
import type { Lang, T } from '../../i18n.ts';
import { ErrorBox, Field, describedBy, FieldNotes, todayMoscow } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { isStale } from './context.ts';
import {
  EVENT_SPECS,
  EVENT_TYPES,
  NOTIFICATION_KINDS,
  VISA_ENTRIES,
  eventFromDraft,
  formKeyOfPath,
  retype,
  type DraftProblem,
  type EventDraft,
  type EventFieldSpec,
} from './model.ts';
import { options } from './refdata.ts';

export interface Problem {
  /** The form's key of the field (name.latin, passport.number, validUntil …). */
  key: string;
  message: string;
}

/** Problems found before sending: a summary with a link to each field, taking the focus. */
export function ProblemSummary({
  t,
  problems,
  ids,
  labels,
}: {
  t: T;
  problems: readonly Problem[];
  ids: (key: string) => string;
  labels: (key: string) => string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) ref.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('common.error.title')}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <a href={`#${ids(p.key)}`}>{`${labels(p.key)}: ${p.message}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message of a field: a problem found here first, else one the server named (by its path). */
export function fieldError(key: string, problems: readonly Problem[], server: ApiError | null): string | undefined {
  return (
    problems.find((p) => p.key === key)?.message ?? server?.errors.find((e) => formKeyOfPath(e.path) === key)?.message
  );
}

/** ErrorBox's field links for the server's paths. */
export function serverFieldIds(server: ApiError | null, ids: (key: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of server?.errors ?? []) out[e.path] = ids(formKeyOfPath(e.path));
  return out;
}

/** A list of selects of countries or regions, with "add another" and "remove". The first select's id is `${id}-0`. */
export function CodeList({
  t,
  lang,
  id,
  label,
  hint,
  kind,
  values,
  onChange,
  error,
}: {
  t: T;
  lang: Lang;
  id: string;
  label: string;
  hint?: string;
  kind: 'countries' | 'regions';
  values: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const list = values.length ? values : [''];
  const opts = options(kind, lang);
  return (
    <fieldset className={`field code-list${error ? ' invalid' : ''}`} aria-describedby={describedBy(id, !!hint, error)}>
      <legend>{label}</legend>
      <FieldNotes id={id} hint={hint} error={error} />
      {list.map((v, i) => (
        <div className="code-row" key={i}>
          <label htmlFor={`${id}-${i}`} className="visually-hidden">
            {`${label} ${i + 1}`}
          </label>
          <select
            id={`${id}-${i}`}
            value={v}
            onChange={(e) => onChange(list.map((x, k) => (k === i ? e.target.value : x)))}
          >
            <option value="">{t('choose')}</option>
            {opts.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
          {list.length > 1 && (
            <button type="button" className="link" onClick={() => onChange(list.filter((_, k) => k !== i))}>
              {t('case.form.remove')}
              <span className="visually-hidden">{` ${label} ${i + 1}`}</span>
            </button>
          )}
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...list, ''])}>
        {t('case.form.addAnother')}
        <span className="visually-hidden">{` ${label}`}</span>
      </button>
    </fieldset>
  );
}

const problemText = (t: T, p: DraftProblem) => t(`case.problem.${p.code}`);

export interface EventFormProps {
  t: T;
  lang: Lang;
  kase: Case;
  initial: EventDraft;
  /** The general form lets the reader pick the kind; "Mark as done" keeps the kind it was opened with. */
  chooseType: boolean;
  title: string;
  idBase: string;
  names: ReadonlyMap<string, string>;
  onSubmit: (event: Record<string, unknown>) => Promise<void>;
  onCancel: () => void;
}

export function EventForm({
  t,
  lang,
  kase,
  initial,
  chooseType,
  title,
  idBase,
  names,
  onSubmit,
  onCancel,
}: EventFormProps) {
  const [d, setD] = useState<EventDraft>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const save = useAction((event: Record<string, unknown>) => onSubmit(event), { keepBusy: true });
  const server = save.error;
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);

  const spec = EVENT_SPECS[d.type];
  const id = (key: string) => (key === 'regions' ? `${idBase}-regions-0` : `${idBase}-${key}`);
  const label = (key: string): string =>
    key === 'type'
      ? t('case.event.type')
      : key === 'person'
        ? t('case.event.person')
        : key === 'on'
          ? t('case.event.on')
          : key === 'note'
            ? t('case.event.note')
            : t(`case.field.${key}`);
  const setField = (name: string, v: string | boolean | string[]) =>
    setD((x) => ({ ...x, fields: { ...x.fields, [name]: v } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    const r = eventFromDraft(d);
    save.reset();
    if (!r.event) {
      setProblems(r.problems.map((p) => ({ key: formKeyOfPath(p.path), message: problemText(t, p) })));
      return;
    }
    setProblems([]);
    void save.run(r.event);
  };

  const err = (key: string) => fieldError(key, problems, server);
  const input = (s: EventFieldSpec): ReactNode => {
    const v = d.fields[s.name];
    const fid = id(s.name);
    const e = err(s.name);
    const hintKey =
      s.kind === 'quarter'
        ? 'case.hint.quarter'
        : s.kind === 'period'
          ? 'case.hint.period'
          : s.kind === 'amount'
            ? 'case.hint.amount'
            : undefined;
    const common = {
      id: fid,
      'aria-describedby': describedBy(fid, !!hintKey, e),
      'aria-invalid': e ? true : undefined,
    } as const;
    switch (s.kind) {
      case 'regions':
        return (
          <CodeList
            key={s.name}
            t={t}
            lang={lang}
            id={`${idBase}-regions`}
            label={label('regions')}
            kind="regions"
            values={Array.isArray(v) ? v : []}
            onChange={(x) => setField(s.name, x)}
            error={e}
          />
        );
      case 'flag':
        return (
          <div className={`field checkbox${e ? ' invalid' : ''}`} key={s.name}>
            {e && (
              <p className="error" id={`${fid}-error`}>
                {e}
              </p>
            )}
            <input
              type="checkbox"
              {...common}
              checked={v === true}
              onChange={(ev) => setField(s.name, ev.target.checked)}
            />
            <label htmlFor={fid}>{label(s.name)}</label>
          </div>
        );
      case 'entries':
      case 'notificationKind': {
        const values = s.kind === 'entries' ? VISA_ENTRIES : NOTIFICATION_KINDS;
        return (
          <Field key={s.name} id={fid} label={label(s.name)} error={e}>
            <select {...common} value={String(v ?? '')} onChange={(ev) => setField(s.name, ev.target.value)}>
              {values.map((x) => (
                <option key={x} value={x}>
                  {t(`case.${s.kind === 'entries' ? 'entries' : 'notification'}.${x}`)}
                </option>
              ))}
            </select>
          </Field>
        );
      }
      default: {
        if (s.name === 'period' && d.type === 'notification-filed' && d.fields.kind !== 'salary') return null;
        const type = s.kind === 'date' ? 'date' : s.kind === 'year' ? 'number' : 'text';
        return (
          <Field
            key={s.name}
            id={fid}
            label={`${label(s.name)}${s.required || d.type === 'rp-issued' || (s.name === 'period' && d.type === 'notification-filed') ? '' : ` ${t('case.form.optional')}`}`}
            hint={hintKey && t(hintKey)}
            error={e}
          >
            <input
              type={type}
              {...common}
              className={
                s.kind === 'date' || s.kind === 'year' || s.kind === 'quarter' || s.kind === 'period'
                  ? 'w10'
                  : undefined
              }
              inputMode={s.kind === 'amount' ? 'decimal' : undefined}
              min={s.kind === 'year' ? 1 : undefined}
              value={String(v ?? '')}
              onChange={(ev) => setField(s.name, ev.target.value)}
            />
          </Field>
        );
      }
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${idBase}-title`}>
      <h3 id={`${idBase}-title`} tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <ProblemSummary t={t} problems={problems} ids={id} labels={label} />
      <ErrorBox error={server} fieldIds={serverFieldIds(server, id)} />
      {isStale(server) && <p className="notice warn">{t('case.stale')}</p>}
      {chooseType && (
        <Field id={id('type')} label={label('type')}>
          <select
            id={id('type')}
            value={d.type}
            onChange={(e) => setD((x) => retype(x, e.target.value as EventDraft['type'], kase))}
          >
            {EVENT_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`case.eventType.${x}`)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {spec.person === 'person' && (
        <Field id={id('person')} label={label('person')} error={err('person')}>
          <select
            id={id('person')}
            value={d.person}
            onChange={(e) => setD((x) => ({ ...x, person: e.target.value }))}
            aria-describedby={describedBy(id('person'), false, err('person'))}
          >
            <option value="">{t('choose')}</option>
            {kase.people.map((p) => (
              <option key={p.id} value={p.id}>
                {names.get(p.id) ?? p.id}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={id('on')} label={label('on')} error={err('on')}>
        <input
          type="date"
          className="w10"
          id={id('on')}
          value={d.on}
          // An event records what has happened: the server refuses a date after tomorrow (time zones).
          max={addDaysIso(todayMoscow(), 1)}
          onChange={(e) => setD((x) => ({ ...x, on: e.target.value }))}
          aria-describedby={describedBy(id('on'), false, err('on'))}
        />
      </Field>
      {spec.fields.map(input)}
      <Field id={id('note')} label={`${label('note')} ${t('case.form.optional')}`} error={err('note')}>
        <input
          type="text"
          id={id('note')}
          value={d.note}
          onChange={(e) => setD((x) => ({ ...x, note: e.target.value }))}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {t('case.event.save')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** YYYY-MM-DD plus `n` days. */
function addDaysIso(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
