// One employer (/app/employers/{id}): its facts, edit them (PUT), delete it while no case refers to it,
// its cases and its open obligations.
import { useRef, useState, useEffect } from 'react';
import { api, type CaseSummary, type EmployerRecord, type ObligationRecord, type Page } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { canWrite, useApp } from '../session.tsx';
import { ErrorBox, Load, PageTitle, todayMoscow, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { CaseTable, employerKindName, ObligationTable, regionName, sezTypeName } from './common.tsx';
import { EmployerForm } from './EmployerForm.tsx';
import { EMPLOYER_FLAGS } from './employer-form.ts';
import { casesHref, obligationsHref } from './filters.ts';
import { OPEN_STATUSES } from './vocab.ts';

const SHOWN = 20;

export function EmployerPage({ id = '' }: { id?: string }) {
  const { t } = useApp();
  const state = useData<EmployerRecord>((signal) => api.getEmployer({ id }, { signal }), [id]);
  const rec = state.data;
  // One heading for the whole page (it takes the focus once, and again when the name changes).
  return (
    <main id="main">
      <PageTitle sub={rec ? t('employers.page.sub', { inn: rec.inn, kind: employerKindName(t, rec.kind) }) : undefined}>
        {rec?.name ?? t('employers.page.title')}
      </PageTitle>
      <Load state={state}>{(r) => <EmployerView rec={r} onChange={state.setData} />}</Load>
    </main>
  );
}

function EmployerView({ rec, onChange }: { rec: EmployerRecord; onChange: (r: EmployerRecord) => void }) {
  const { t, session } = useApp();
  const { search } = useLocation();
  const write = canWrite(session);
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const [saved, setSaved] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const id = rec.employerId;
  const e = rec.employer;
  const cases = useData<Page<CaseSummary>>(
    (signal) => api.listCases({ query: { employer: id, sort: 'name', limit: SHOWN } }, { signal }),
    [id],
  );
  const obligations = useData<Page<ObligationRecord>>(
    (signal) =>
      api.listObligations({ query: { employer: id, status: OPEN_STATUSES.join(','), limit: SHOWN } }, { signal }),
    [id, rec.updatedAt],
  );
  const today = todayMoscow();

  // Back to the Edit button after the form closes, so keyboard users keep their place.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (mode === 'view') editRef.current?.focus();
  }, [mode]);

  const save = async (employer: EmployerRecord['employer']) => {
    const next = await api.replaceEmployer({ id, body: employer });
    onChange(next);
    setSaved(true);
    setMode('view');
  };
  const remove = useAction(() => api.deleteEmployer({ id }), {
    keepBusy: true,
    onDone: () => navigate('/app/employers?deleted=1'),
  });
  const flag = (v: boolean | undefined) =>
    v === true ? t('common.yes') : v === false ? t('common.no') : t('employers.field.notStated');
  const noCases = cases.data?.total === 0;

  return (
    <>
      <p className="back">
        <Link href="/app/employers">{t('employers.page.back')}</Link>
      </p>
      {search.get('created') === '1' && (
        <div className="notice" role="status">
          <p>{t('employers.page.created')}</p>
          {write && (
            <p>
              <Link className="button primary" href="/app/cases/new">
                {t('employers.page.newCase')}
              </Link>
            </p>
          )}
        </div>
      )}
      {saved && mode === 'view' && (
        <p className="notice" role="status">
          {t('employers.page.saved')}
        </p>
      )}

      {mode === 'edit' ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{t('employers.page.edit')}</h2>
          <p className="hint">{t('employers.page.editHint')}</p>
          <EmployerForm
            id="edit-employer"
            initial={e}
            submitLabel={t('common.save')}
            onSubmit={save}
            onCancel={() => setMode('view')}
          />
        </section>
      ) : (
        <section aria-labelledby="facts-h">
          <h2 id="facts-h">{t('employers.page.facts')}</h2>
          <dl className="facts">
            <dt>{t('employers.field.name')}</dt>
            <dd>{e.name}</dd>
            <dt>{t('employers.field.inn')}</dt>
            <dd className="mono">{e.inn}</dd>
            <dt>{t('employers.field.kind')}</dt>
            <dd>{employerKindName(t, e.kind)}</dd>
            {e.sezType && (
              <>
                <dt>{t('employers.field.sezType')}</dt>
                <dd>{sezTypeName(t, e.sezType)}</dd>
              </>
            )}
            <dt>{t('employers.field.region')}</dt>
            <dd>{regionName(t.lang, e.region) || t('employers.field.notStated')}</dd>
            <dt>{t('employers.field.hqsRegistered')}</dt>
            <dd>{e.hqsRegistered ? t.date(e.hqsRegistered) : t('employers.notRegistered')}</dd>
            {EMPLOYER_FLAGS.map((f) => (
              <div key={f} className="contents">
                <dt>{t(`employers.flag.${f}`)}</dt>
                <dd>{flag(e[f])}</dd>
              </div>
            ))}
            <dt>{t('employers.page.updated')}</dt>
            <dd>{t.dateTime(rec.updatedAt)}</dd>
          </dl>
          {write && (
            <p className="actions">
              <button
                type="button"
                className="secondary"
                ref={editRef}
                onClick={() => {
                  setSaved(false);
                  setMode('edit');
                }}
              >
                {t('employers.page.editButton')}
              </button>
              {noCases && mode === 'view' && (
                <button type="button" className="danger" onClick={() => setMode('delete')}>
                  {t('employers.page.delete')}
                </button>
              )}
            </p>
          )}
          {write && cases.data && !noCases && <p className="hint">{t('employers.page.cannotDelete')}</p>}
          {mode === 'delete' && (
            <div className="notice warn" role="group" aria-labelledby="delete-h">
              <h3 id="delete-h">{t('employers.page.deleteConfirm', { name: rec.name })}</h3>
              <ErrorBox error={remove.error} />
              <p className="actions">
                <button
                  type="button"
                  className="danger"
                  disabled={remove.busy}
                  onClick={() => void remove.run()}
                  autoFocus
                >
                  {t('employers.page.deleteYes')}
                </button>
                <button type="button" className="secondary" onClick={() => setMode('view')}>
                  {t('common.cancel')}
                </button>
              </p>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="cases-h">
        <h2 id="cases-h">{t('employers.page.cases')}</h2>
        {cases.error && <ErrorBox error={cases.error} />}
        {cases.data &&
          (cases.data.items.length === 0 ? (
            <p>{t('employers.page.noCases')}</p>
          ) : (
            <>
              <CaseTable items={cases.data.items} caption={t('employers.page.cases')} showEmployer={false} />
              <p>
                <Link href={casesHref({ employer: id })}>
                  {t('employers.page.allCases', { n: t.number(cases.data.total) })}
                </Link>
              </p>
            </>
          ))}
      </section>

      <section aria-labelledby="obligations-h">
        <h2 id="obligations-h">{t('employers.page.obligations')}</h2>
        {obligations.error && <ErrorBox error={obligations.error} />}
        {obligations.data &&
          (obligations.data.items.length === 0 ? (
            <p>{t('employers.page.noObligations')}</p>
          ) : (
            <>
              <ObligationTable
                items={obligations.data.items}
                today={today}
                showEmployer={false}
                caption={t('employers.page.obligations')}
              />
              <p>
                <Link href={obligationsHref({ employer: id })}>
                  {t('employers.page.allObligations', { n: t.number(obligations.data.total) })}
                </Link>
              </p>
            </>
          ))}
      </section>
    </>
  );
}
