// The people of the case: each person's role or relation, birth date, citizenships and passports in words;
// add a family member, edit anyone, remove a family member nothing refers to (the server names what
// still does). Every write sends the case version read; a 409 reloads the case and says so.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Person } from '../../../../src/case/schema.ts';
import type { Relation } from '../../../../src/law/schema.ts';
import { api } from '../../api.ts';
import { ErrorBox, Field, describedBy } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { isStale, useCase } from './context.ts';
import { CodeList, ProblemSummary, fieldError, serverFieldIds, type Problem } from './forms.tsx';
import { formKeyOfPath, nextPersonId, personFromForm, personToForm, type PersonForm } from './model.ts';
import { countryName, options } from './refdata.ts';

const RELATION_SET: Record<Relation, true> = {
  spouse: true,
  child: true,
  'child-spouse': true,
  parent: true,
  'parent-spouse': true,
  grandparent: true,
  grandchild: true,
};
const RELATIONS = Object.keys(RELATION_SET) as Relation[];
/** The fields of the person form (their labels: case.pf.<key>); a server path outside them is shown as it is. */
const PF_KEYS = new Set([
  'name.latin',
  'name.cyrillic',
  'relation',
  'sex',
  'birthDate',
  'citizenships',
  'passport.number',
  'passport.country',
  'passport.issued',
  'passport.expires',
  'startsFrom',
  'adopted',
  'incapacitated',
]);

function ageOn(birth: string, today: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function People() {
  const c = useCase();
  const { t, kase, canWrite } = c;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  return (
    <>
      <h2>{t('case.people.title')}</h2>
      <ul className="people">
        {kase.people.map((p) => (
          <li key={p.id} className="person-card">
            {editing === p.id ? (
              <PersonEditor
                person={p}
                onClose={(saved) => {
                  setEditing(null);
                  if (!saved) setTimeout(() => document.getElementById(`person-${p.id}`)?.focus());
                }}
              />
            ) : (
              <PersonView person={p} onEdit={() => setEditing(p.id)} />
            )}
          </li>
        ))}
      </ul>
      {canWrite && !adding && (
        <button type="button" className="secondary" ref={addButton} onClick={() => setAdding(true)}>
          {t('case.people.add')}
        </button>
      )}
      {canWrite && adding && (
        <div className="person-card">
          <PersonEditor
            onClose={(saved) => {
              setAdding(false);
              if (!saved) setTimeout(() => addButton.current?.focus());
            }}
          />
        </div>
      )}
    </>
  );
}

function PersonView({ person: p, onEdit }: { person: Person; onEdit: () => void }) {
  const c = useCase();
  const { t, lang, today, canWrite, id, names } = c;
  const [confirm, setConfirm] = useState(false);
  const name = names.get(p.id) ?? p.id;
  const remove = useAction(
    () =>
      c.save(
        (version) => api.removePerson({ id, personId: p.id, query: { version } }),
        t('case.people.removed', { name }),
      ),
    { onError: () => setConfirm(false) },
  );
  const error = remove.error;
  return (
    <article aria-labelledby={`person-${p.id}`}>
      <h3 id={`person-${p.id}`} tabIndex={-1}>
        {p.name.latin}
        {p.name.cyrillic ? <span className="alt-name"> · {p.name.cyrillic}</span> : null}
      </h3>
      <dl className="facts">
        <dt>{t('case.people.role')}</dt>
        <dd>{p.role === 'principal' ? t('case.people.principal') : t(`relation.${p.relation ?? 'spouse'}`)}</dd>
        <dt>{t('case.people.birthDate')}</dt>
        <dd>{t('case.people.birthAge', { date: t.date(p.birthDate), age: t.number(ageOn(p.birthDate, today)) })}</dd>
        {p.sex && (
          <>
            <dt>{t('case.people.sex')}</dt>
            <dd>{t(`case.sex.${p.sex}`)}</dd>
          </>
        )}
        <dt>{t('case.people.citizenships')}</dt>
        <dd>{p.citizenships.map((x) => countryName(x, lang)).join(', ')}</dd>
        <dt>{t('case.people.passports')}</dt>
        <dd>
          {p.passports?.length ? (
            <ul className="plain">
              {p.passports.map((x, i) => (
                <li key={i}>
                  {t('case.people.passport', {
                    number: x.number,
                    country: countryName(x.country, lang),
                    issued: t.date(x.issued),
                    expires: t.date(x.expires),
                  })}
                  {x.expires < today && (
                    <>
                      {' '}
                      <span className="status status-overdue">{t('case.people.expired')}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            t('case.people.noPassport')
          )}
        </dd>
        {p.startsFrom && (
          <>
            <dt>{t('case.people.startsFrom')}</dt>
            <dd>{t(`case.startsFrom.${p.startsFrom}`)}</dd>
          </>
        )}
        {p.residenceCountry && (
          <>
            <dt>{t('case.people.residence')}</dt>
            <dd>{countryName(p.residenceCountry, lang)}</dd>
          </>
        )}
        {p.email && (
          <>
            <dt>{t('case.people.email')}</dt>
            <dd>{p.email}</dd>
          </>
        )}
        {(p.adopted || p.incapacitated) && (
          <>
            <dt>{t('case.people.notes')}</dt>
            <dd>
              {[p.adopted && t('case.people.adopted'), p.incapacitated && t('case.people.incapacitated')]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </>
        )}
      </dl>
      {error && isStale(error) && <ErrorBox error={error} />}
      {error && !isStale(error) && (
        <div className="error-summary" role="alert">
          <h2>{error.status === 409 ? t('case.people.cannotRemove', { name }) : t('common.error.title')}</h2>
          {error.errors.length ? (
            <ul>
              {/* Worded by code (web/src/problems.ts): several references may read alike — each once. */}
              {[...new Set(error.errors.map((e) => e.message))].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : (
            <p>{error.detail}</p>
          )}
        </div>
      )}
      {canWrite && (
        <div className="row-actions">
          <button type="button" className="secondary" onClick={onEdit}>
            {t('common.edit')}
            <span className="visually-hidden">{` ${name}`}</span>
          </button>{' '}
          {p.role === 'family' && !confirm && (
            <button type="button" className="link" onClick={() => setConfirm(true)}>
              {t('case.people.remove')}
              <span className="visually-hidden">{` ${name}`}</span>
            </button>
          )}
          {confirm && (
            <span className="confirm" role="group" aria-label={t('case.people.removeConfirm', { name })}>
              {t('case.people.removeConfirm', { name })}{' '}
              <button type="button" className="danger" onClick={() => void remove.run()}>
                {t('case.people.removeYes')}
              </button>{' '}
              <button type="button" className="link" onClick={() => setConfirm(false)}>
                {t('common.cancel')}
              </button>
            </span>
          )}
        </div>
      )}
    </article>
  );
}

/** The form of a person: a new family member (no `person`) or the person edited. */
function PersonEditor({ person, onClose }: { person?: Person; onClose: (saved: boolean) => void }) {
  const c = useCase();
  const { t, lang, kase, id, today } = c;
  const [form, setForm] = useState<PersonForm>(() => personToForm(person));
  const [problems, setProblems] = useState<Problem[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const base = `pf-${person?.id ?? 'new'}`;
  const fid = (key: string) =>
    key === 'citizenships' ? `${base}-citizenships-0` : `${base}-${key.replace(/\./g, '-')}`;
  const label = (key: string) => (PF_KEYS.has(key) ? t(`case.pf.${key}`) : key);
  const role = person?.role ?? 'family';
  const set = <K extends keyof PersonForm>(k: K, v: PersonForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const save = useAction(
    (edited: Person) =>
      c.save(
        (version) =>
          person
            ? api.replacePerson({ id, personId: person.id, body: { person: edited, version } })
            : api.addPerson({ id, body: { person: edited, version } }),
        t(person ? 'case.people.saved' : 'case.people.added', { name: edited.name.latin }),
      ),
    { keepBusy: true, onDone: () => onClose(true) },
  );
  const server = save.error;
  const err = (key: string) => fieldError(key, problems, server);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.busy) return;
    save.reset();
    const r = personFromForm(form, person ?? { id: nextPersonId(kase), role: 'family' }, today);
    if (!r.person) {
      setProblems(r.problems.map((p) => ({ key: formKeyOfPath(p.path), message: t(`case.problem.${p.code}`) })));
      return;
    }
    setProblems([]);
    void save.run(r.person);
  };

  const text = (
    key: string,
    value: string,
    on: (v: string) => void,
    opts: { type?: 'text' | 'date'; hint?: string; optional?: boolean } = {},
  ) => (
    <Field
      id={fid(key)}
      label={opts.optional ? `${label(key)} ${t('case.form.optional')}` : label(key)}
      hint={opts.hint}
      error={err(key)}
    >
      <input
        id={fid(key)}
        type={opts.type ?? 'text'}
        className={opts.type === 'date' ? 'w10' : undefined}
        value={value}
        onChange={(e) => on(e.target.value)}
        aria-describedby={describedBy(fid(key), !!opts.hint, err(key))}
        aria-invalid={err(key) ? true : undefined}
      />
    </Field>
  );
  const select = (
    key: string,
    value: string,
    on: (v: string) => void,
    choices: { value: string; label: string }[],
    optional = false,
  ) => (
    <Field id={fid(key)} label={optional ? `${label(key)} ${t('case.form.optional')}` : label(key)} error={err(key)}>
      <select
        id={fid(key)}
        value={value}
        onChange={(e) => on(e.target.value)}
        aria-describedby={describedBy(fid(key), false, err(key))}
      >
        <option value="">{t('choose')}</option>
        {choices.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`} tabIndex={-1} ref={heading}>
        {person ? t('case.people.editTitle', { name: person.name.latin }) : t('case.people.addTitle')}
      </h3>
      <ProblemSummary t={t} problems={problems} ids={fid} labels={label} />
      <ErrorBox error={server} fieldIds={serverFieldIds(server, fid)} />
      {isStale(server) && <p className="notice warn">{t('case.stale')}</p>}
      {text('name.latin', form.latin, (v) => set('latin', v), { hint: t('case.pf.name.latin.hint') })}
      {text('name.cyrillic', form.cyrillic, (v) => set('cyrillic', v), { optional: true })}
      {role === 'family' &&
        select(
          'relation',
          form.relation,
          (v) => set('relation', v),
          RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) })),
        )}
      {select(
        'sex',
        form.sex,
        (v) => set('sex', v as PersonForm['sex']),
        [
          { value: 'M', label: t('case.sex.M') },
          { value: 'F', label: t('case.sex.F') },
        ],
        true,
      )}
      {text('birthDate', form.birthDate, (v) => set('birthDate', v), { type: 'date' })}
      <CodeList
        t={t}
        lang={lang}
        id={`${base}-citizenships`}
        label={label('citizenships')}
        kind="countries"
        values={form.citizenships}
        onChange={(v) => set('citizenships', v)}
        error={err('citizenships')}
      />
      <fieldset className="field passport">
        <legend>{t('case.pf.passport')}</legend>
        <p className="hint">{t('case.pf.passport.hint')}</p>
        {text('passport.number', form.passportNumber, (v) => set('passportNumber', v))}
        {select(
          'passport.country',
          form.passportCountry,
          (v) => set('passportCountry', v),
          options('countries', lang).map((o) => ({ value: o.code, label: o.name })),
        )}
        {text('passport.issued', form.passportIssued, (v) => set('passportIssued', v), { type: 'date' })}
        {text('passport.expires', form.passportExpires, (v) => set('passportExpires', v), { type: 'date' })}
      </fieldset>
      {select(
        'startsFrom',
        form.startsFrom,
        (v) => set('startsFrom', v as PersonForm['startsFrom']),
        [
          { value: 'abroad', label: t('case.startsFrom.abroad') },
          { value: 'in-russia', label: t('case.startsFrom.in-russia') },
        ],
        true,
      )}
      {role === 'family' && (
        <>
          <div className="field checkbox">
            <input
              type="checkbox"
              id={fid('adopted')}
              checked={form.adopted}
              onChange={(e) => set('adopted', e.target.checked)}
            />
            <label htmlFor={fid('adopted')}>{label('adopted')}</label>
          </div>
          <div className="field checkbox">
            <input
              type="checkbox"
              id={fid('incapacitated')}
              checked={form.incapacitated}
              onChange={(e) => set('incapacitated', e.target.checked)}
            />
            <label htmlFor={fid('incapacitated')}>{label('incapacitated')}</label>
          </div>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {person ? t('case.people.save') : t('case.people.addSubmit')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
