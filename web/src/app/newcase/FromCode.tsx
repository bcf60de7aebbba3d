// New case from a self-check code: the specialist did the public self-check and sent their answers as a
// one-time code (7KQ-M4P-2XW). An owner or a manager types it, sees the answers, and makes the case from
// them; the code is then used up. A wrong, used or expired code is said in words (the server's codes
// selfcheck-code.unknown / .used / .expired at `code`).
import { useId, useState, type FormEvent } from 'react';
import { api, type ApiError, type SelfCheckAnswers } from '../../api.ts';
import { navigate } from '../../router.tsx';
import { countryName } from '../case/refdata.ts';
import { useApp } from '../session.tsx';
import { describedBy, Field } from '../ui.tsx';
import { useAction } from '../useAction.ts';

/** The words for a refused code: by the server's code at `code`, else its detail. */
function codeProblem(e: ApiError | null, t: ReturnType<typeof useApp>['t']): string | undefined {
  if (!e) return undefined;
  const at = e.field('code') ?? '';
  const coded = e.errors.find((x) => x.path === 'code')?.code;
  for (const reason of ['unknown', 'used', 'expired'] as const)
    if (coded === `selfcheck-code.${reason}`) return t(`newcase.code.${reason}`);
  if (e.status === 422 && at) return t('newcase.code.format');
  return e.detail;
}

export function FromSelfCheckCode() {
  const { t, lang } = useApp();
  const id = useId();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<SelfCheckAnswers | null>(null);
  const read = useAction(() => api.readSelfCheckCode({ body: { code } }), { onDone: (r) => setFound(r) });
  const redeem = useAction(() => api.redeemSelfCheckCode({ body: { code } }), {
    onDone: (rec) => navigate(`/app/cases/${rec.caseId}`),
  });
  const error = codeProblem(read.error ?? redeem.error, t);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFound(null);
    redeem.reset();
    void read.run();
  };
  const a = found?.answers;
  const principal = a?.people.find((p) => p.role === 'principal');
  const family = a?.people.filter((p) => p.role !== 'principal') ?? [];
  return (
    <section className="from-code" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('newcase.code.title')}</h2>
      <p className="hint">{t('newcase.code.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field id={`${id}-code`} label={t('newcase.code.label')} hint={t('newcase.code.hint')} error={error}>
          <input
            id={`${id}-code`}
            value={code}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={describedBy(`${id}-code`, true, error)}
          />
        </Field>
        <button type="submit" disabled={read.busy || !code.trim()}>
          {t('newcase.code.show')}
        </button>
      </form>
      {a && principal && (
        <div className="code-answers" aria-live="polite">
          <h3>{t('newcase.code.answers')}</h3>
          <dl className="facts">
            <dt>{t('newcase.code.person')}</dt>
            <dd>
              {principal.name.latin}, {t.date(principal.birthDate ?? '')},{' '}
              {principal.citizenships.map((c) => countryName(c, lang)).join(', ')}
            </dd>
            {family.length > 0 && (
              <>
                <dt>{t('newcase.code.family')}</dt>
                <dd>{family.map((p) => `${p.name.latin} (${t(`relation.${p.relation ?? 'other'}`)})`).join('; ')}</dd>
              </>
            )}
            <dt>{t('newcase.code.employer')}</dt>
            <dd>
              {a.employer.name}, {t('newcase.innShort')} {a.employer.inn}
            </dd>
            {a.contract && (
              <>
                <dt>{t('newcase.code.contract')}</dt>
                <dd>
                  {a.contract.position},{' '}
                  {t('case.contract.salaryValue', {
                    amount: t.money(a.contract.salary.amount),
                    per: t(`per.${a.contract.salary.per}`),
                  })}
                  {a.contract.start ? `, ${t('newcase.code.from', { date: t.date(a.contract.start) })}` : ''}
                </dd>
              </>
            )}
            <dt>{t('newcase.code.sent')}</dt>
            <dd>
              {t('newcase.code.sentOn', {
                date: t.dateTime(found.createdAt),
                until: t.date(found.expiresAt.slice(0, 10)),
              })}
            </dd>
          </dl>
          <p>
            <button type="button" className="primary" disabled={redeem.busy} onClick={() => void redeem.run()}>
              {t('newcase.code.create')}
            </button>
          </p>
          <p className="hint">{t('newcase.code.once')}</p>
        </div>
      )}
    </section>
  );
}
