// A manager's or viewer's employers (owners, on the members page): all of them (the default), or only
// some — the agency's client companies this member handles. The database enforces it for every read and
// write (migration 005); this is where an owner sets it (PATCH /members/{userId} { employerScope }).
import { useState, type FormEvent } from 'react';
import { api, type Member } from '../../api.ts';
import type { EmployerOption } from '../pages/common.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox } from '../ui.tsx';
import { useAction } from '../useAction.ts';

/** "All employers", or the names of those the member is limited to. */
export function ScopeText({
  scope,
  employers,
}: {
  scope: readonly string[] | null;
  employers: readonly EmployerOption[] | undefined;
}) {
  const { t } = useApp();
  if (scope === null) return <span className="hint">{t('portfolio.scope.all')}</span>;
  if (scope.length === 0) return <span>{t('portfolio.scope.noneAllowed')}</span>;
  const names = scope.map((id) => employers?.find((e) => e.employerId === id)?.name ?? t('portfolio.scope.unknown'));
  return <span>{t('portfolio.scope.only', { names: names.join(', ') })}</span>;
}

export function ScopeEditor({
  member,
  employers,
  onDone,
}: {
  member: Member;
  employers: readonly EmployerOption[];
  onDone: (changed: boolean) => void;
}) {
  const { t } = useApp();
  const [all, setAll] = useState(member.employerScope === null);
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set(member.employerScope ?? []));
  const [problem, setProblem] = useState<string | null>(null);
  const prefix = `scope-${member.userId}`;
  const who = member.name?.trim() || member.email;
  const save = useAction(
    () => api.updateMember({ userId: member.userId, body: { employerScope: all ? null : [...ids] } }),
    { onDone: () => onDone(true) },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!all && ids.size === 0) {
      setProblem(t('portfolio.scope.pickOne'));
      return;
    }
    setProblem(null);
    void save.run();
  };
  return (
    <form onSubmit={submit} noValidate className="scope-editor" aria-label={t('portfolio.scope.title', { name: who })}>
      <ErrorBox error={save.error} />
      <fieldset className={`field${problem ? ' invalid' : ''}`}>
        <legend>{t('portfolio.scope.title', { name: who })}</legend>
        {problem && (
          <p className="error" id={`${prefix}-error`}>
            {problem}
          </p>
        )}
        <div className="radio">
          <input type="radio" id={`${prefix}-all`} name={prefix} checked={all} onChange={() => setAll(true)} />
          <label htmlFor={`${prefix}-all`}>{t('portfolio.scope.allChoice')}</label>
        </div>
        <div className="radio">
          <input type="radio" id={`${prefix}-some`} name={prefix} checked={!all} onChange={() => setAll(false)} />
          <label htmlFor={`${prefix}-some`}>{t('portfolio.scope.someChoice')}</label>
        </div>
        {!all && (
          <fieldset className="checks nested" aria-describedby={problem ? `${prefix}-error` : undefined}>
            <legend>{t('portfolio.scope.employers')}</legend>
            {employers.length === 0 && <p className="hint">{t('portfolio.scope.noEmployers')}</p>}
            {employers.map((e) => (
              <div className="radio" key={e.employerId}>
                <input
                  type="checkbox"
                  id={`${prefix}-${e.employerId}`}
                  checked={ids.has(e.employerId)}
                  onChange={(ev) => {
                    const next = new Set(ids);
                    if (ev.target.checked) next.add(e.employerId);
                    else next.delete(e.employerId);
                    setIds(next);
                  }}
                />
                <label htmlFor={`${prefix}-${e.employerId}`}>{e.name}</label>
              </div>
            ))}
          </fieldset>
        )}
        <p className="hint">{t('portfolio.scope.hint')}</p>
      </fieldset>
      <button type="submit" className="primary" disabled={save.busy}>
        {t('portfolio.scope.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => onDone(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
