// Pieces of the people-and-access page: choosing a specialist's case and their person in it, and a
// secret shown once with a copy button.
import { useEffect, useRef, useState } from 'react';
import { api, type CaseRecord } from '../../api.ts';
import { useApp } from '../session.tsx';
import { ErrorBox, Field, describedBy, useData } from '../ui.tsx';

export interface CasePerson {
  caseId: string;
  personId: string;
}

/** A value after a pause in typing. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** "LI NA (spouse)" for each person of a case. */
export function peopleOf(rec: CaseRecord, t: ReturnType<typeof useApp>['t']): { personId: string; label: string }[] {
  return rec.case.people.map((p) => ({
    personId: p.id,
    label: `${p.name.latin}${p.name.cyrillic ? ` / ${p.name.cyrillic}` : ''} (${p.role === 'principal' ? t('users.person.principal') : p.relation ? t(`users.relation.${p.relation}`) : t('users.person.family')})`,
  }));
}

/**
 * Search a case (by the specialist's name or the organization's reference), then pick the person of that
 * case the specialist is. `idPrefix` names the two fields (`<prefix>-case`, `<prefix>-person`).
 */
export function CasePersonPicker({
  idPrefix,
  value,
  onChange,
  caseError,
  personError,
}: {
  idPrefix: string;
  value: Partial<CasePerson>;
  onChange: (v: Partial<CasePerson>) => void;
  caseError?: string | undefined;
  personError?: string | undefined;
}) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const found = useData(
    (signal) => api.listCases({ query: { q: dq || undefined, limit: 8, sort: 'updated' } }, { signal }),
    [dq],
  );
  const chosen = useData(
    (signal) => (value.caseId ? api.getCase({ id: value.caseId }, { signal }) : Promise.resolve(null)),
    [value.caseId],
  );
  const caseId = `${idPrefix}-case`;
  const personId = `${idPrefix}-person`;
  const people = chosen.data ? peopleOf(chosen.data, t) : [];

  // A case just picked: its principal, unless a person of it is chosen already.
  useEffect(() => {
    const rec = chosen.data;
    if (rec && value.caseId === rec.caseId && !rec.case.people.some((p) => p.id === value.personId)) {
      const principal = rec.case.people.find((p) => p.role === 'principal') ?? rec.case.people[0];
      if (principal) onChange({ caseId: rec.caseId, personId: principal.id });
    }
  }, [chosen.data]);

  return (
    <div className="picker">
      <Field id={caseId} label={t('users.pick.case')} hint={t('users.pick.caseHint')} error={caseError}>
        <input
          id={caseId}
          type="search"
          autoComplete="off"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          aria-describedby={describedBy(caseId, true, caseError)}
        />
        {chosen.data && (
          <p className="chosen">
            <strong>{t('users.pick.chosen')}</strong> {chosen.data.principalName} — {chosen.data.employerName}
            {chosen.data.externalId ? ` (${chosen.data.externalId})` : ''}
          </p>
        )}
        {chosen.error && <ErrorBox error={chosen.error} />}
        <p className="visually-hidden" aria-live="polite">
          {found.data ? t('users.pick.found', { n: found.data.total }) : ''}
        </p>
        {found.error ? (
          <ErrorBox error={found.error} />
        ) : !found.data ? (
          <p className="hint">{t('common.loading')}</p>
        ) : found.data.items.length === 0 ? (
          <p>{t('users.pick.noCases')}</p>
        ) : (
          <fieldset className="results">
            <legend>{t('users.pick.results')}</legend>
            {found.data.items.map((c) => (
              <div className="radio" key={c.caseId}>
                <input
                  type="radio"
                  id={`${idPrefix}-c-${c.caseId}`}
                  name={`${idPrefix}-case-pick`}
                  checked={value.caseId === c.caseId}
                  onChange={() => onChange({ caseId: c.caseId })}
                />
                <label htmlFor={`${idPrefix}-c-${c.caseId}`}>
                  {c.principalName}{' '}
                  <span className="hint">
                    {c.employerName}
                    {c.externalId ? ` · ${c.externalId}` : ''}
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
        )}
      </Field>
      {value.caseId && (
        <Field id={personId} label={t('users.pick.person')} error={personError}>
          <select
            id={personId}
            value={value.personId ?? ''}
            onChange={(e) => onChange({ caseId: value.caseId, personId: e.target.value })}
            aria-describedby={describedBy(personId, false, personError)}
            disabled={!chosen.data}
          >
            {!chosen.data && <option value="">{t('common.loading')}</option>}
            {people.map((p) => (
              <option key={p.personId} value={p.personId}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}

/** A secret (a link, a token) shown once: read-only, selectable, with a copy button. */
export function ShownOnce({ id, label, value, note }: { id: string; label: string; value: string; note: string }) {
  const { t } = useApp();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="shown-once">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
          aria-describedby={`${id}-note`}
          spellCheck={false}
        />
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t('users.copy')}
        </button>
      </div>
      <p aria-live="polite" className="copied">
        {copied === 'yes' ? t('users.copied') : copied === 'failed' ? t('users.copyFailed') : ''}
      </p>
      <p className="hint" id={`${id}-note`}>
        {note}
      </p>
    </div>
  );
}
