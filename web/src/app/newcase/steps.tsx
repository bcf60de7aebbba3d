// The steps of the new-case form and the review of the whole case before it is created.
import { useState, type ReactNode } from 'react';
import { api } from '../../api.ts';
import { isRealDate } from '../../selfcheck/flow.ts';
import { useApp } from '../session.tsx';
import { ErrorBox, describedBy, useData } from '../ui.tsx';
import {
  CONTRACT_KINDS,
  EMPLOYER_FLAGS,
  EMPLOYER_KINDS,
  HISTORY_FLAGS,
  OCCUPATIONS,
  RELATIONS,
  SALARY_PERIODS,
  SEZ_TYPES,
  emptyFamilyMember,
  employerDoc,
  fieldId,
  parseAmount,
  rawId,
  type CaseForm,
  type ExistingEmployer,
  type FamilyForm,
  type NewEmployerForm,
  type PersonForm,
  type Relation,
  type StepId,
} from './build.ts';
import {
  Check,
  CountrySelect,
  DateInput,
  Radios,
  RegionSelect,
  Select,
  TextInput,
  countryName,
  regionName,
  useDebounced,
  type ErrorOf,
  type StepProps,
} from './fields.tsx';

const focusSoon = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

// ——— Employer ———

export function EmployerStep({ form, set, errorOf }: StepProps) {
  const { t } = useApp();
  const e = form.employer;
  const setEmployer = (patch: Partial<CaseForm['employer']>) => set({ ...form, employer: { ...e, ...patch } });
  const f = e.fresh;
  const setFresh = (patch: Partial<NewEmployerForm>) => setEmployer({ fresh: { ...f, ...patch } });
  return (
    <>
      <Radios
        name="f-employer-mode"
        legend={t('newcase.employer.mode')}
        value={e.mode}
        onChange={(mode) => setEmployer({ mode })}
        options={[
          { value: 'existing', label: t('newcase.employer.mode.existing') },
          { value: 'new', label: t('newcase.employer.mode.new') },
        ]}
      />
      {e.mode === 'existing' ? (
        <EmployerPicker
          chosen={e.existing}
          onPick={(existing) => setEmployer({ existing })}
          error={errorOf('employer')}
        />
      ) : (
        <>
          <TextInput
            path="employer.name"
            label={t('newcase.employer.name')}
            hint={t('newcase.employer.nameHint')}
            value={f.name}
            onChange={(name) => setFresh({ name })}
            errorOf={errorOf}
          />
          <TextInput
            path="employer.inn"
            label={t('newcase.employer.inn')}
            hint={t('newcase.employer.innHint')}
            value={f.inn}
            onChange={(inn) => setFresh({ inn })}
            inputMode="numeric"
            className="w10"
            errorOf={errorOf}
          />
          <Select
            path="employer.kind"
            label={t('newcase.employer.kind')}
            hint={t('newcase.employer.kindHint')}
            value={f.kind}
            onChange={(kind) => setFresh({ kind })}
            options={EMPLOYER_KINDS.map((k) => ({ value: k, label: t(`newcase.kind.${k}`) }))}
            empty={t('newcase.choose')}
            errorOf={errorOf}
          />
          {f.kind === 'special-economic-zone' && (
            <Select
              path="employer.sezType"
              label={t('newcase.employer.sezType')}
              value={f.sezType}
              onChange={(sezType) => setFresh({ sezType })}
              options={SEZ_TYPES.map((k) => ({ value: k, label: t(`newcase.sez.${k}`) }))}
              empty={t('newcase.notGiven')}
              errorOf={errorOf}
            />
          )}
          <DateInput
            path="employer.hqsRegistered"
            label={t('newcase.employer.hqsRegistered')}
            hint={t('newcase.employer.hqsRegisteredHint')}
            value={f.hqsRegistered}
            onChange={(hqsRegistered) => setFresh({ hqsRegistered })}
            errorOf={errorOf}
          />
          <RegionSelect
            path="employer.region"
            label={t('newcase.employer.region')}
            value={f.region}
            onChange={(region) => setFresh({ region })}
            empty={t('newcase.notGiven')}
            errorOf={errorOf}
          />
          <fieldset className="field">
            <legend>{t('newcase.employer.flags')}</legend>
            {EMPLOYER_FLAGS.map((k) => (
              <Check
                key={k}
                id={fieldId(`employer.${k}`)}
                label={t(`newcase.employer.flag.${k}`)}
                checked={f.flags[k]}
                onChange={(v) => setFresh({ flags: { ...f.flags, [k]: v } })}
              />
            ))}
          </fieldset>
        </>
      )}
    </>
  );
}

function EmployerPicker({
  chosen,
  onPick,
  error,
}: {
  chosen: ExistingEmployer | null;
  onPick: (e: ExistingEmployer) => void;
  error: string | undefined;
}) {
  const { t } = useApp();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 250);
  const found = useData((signal) => api.listEmployers({ query: { q: dq || undefined, limit: 8 } }, { signal }), [dq]);
  const id = fieldId('employer');
  const kindLabel = (k: string) => ((EMPLOYER_KINDS as readonly string[]).includes(k) ? t(`newcase.kind.${k}`) : k);
  return (
    <div className={`field picker${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{t('newcase.employer.search')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('newcase.employer.searchHint')}
      </p>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        type="search"
        value={q}
        autoComplete="off"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        aria-describedby={describedBy(id, true, error)}
      />
      {chosen && (
        <p className="chosen">
          <strong>{t('newcase.employer.chosen')}</strong> {chosen.name}, {t('newcase.innShort')} {chosen.inn}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {found.data ? t('newcase.employer.found', { n: found.data.total }) : ''}
      </p>
      {found.error ? (
        <ErrorBox error={found.error} />
      ) : found.data === undefined ? (
        <p className="hint">{t('common.loading')}</p>
      ) : found.data.items.length === 0 ? (
        <p>{dq ? t('newcase.employer.noResults') : t('newcase.employer.none')}</p>
      ) : (
        <fieldset className="results">
          <legend>{t('newcase.employer.results')}</legend>
          {found.data.items.map((r) => (
            <div className="radio" key={r.employerId}>
              <input
                type="radio"
                id={`emp-${r.employerId}`}
                name="employer-pick"
                checked={chosen?.employerId === r.employerId}
                onChange={() => onPick({ employerId: r.employerId, name: r.name, inn: r.inn, employer: r.employer })}
              />
              <label htmlFor={`emp-${r.employerId}`}>
                {r.name}{' '}
                <span className="hint">
                  {t('newcase.innShort')} {r.inn} · {kindLabel(r.kind)}
                </span>
              </label>
            </div>
          ))}
          {found.data.total > found.data.items.length && (
            <p className="hint">{t('newcase.employer.more', { n: found.data.total - found.data.items.length })}</p>
          )}
        </fieldset>
      )}
    </div>
  );
}

// ——— People ———

interface PersonProps {
  at: string;
  value: PersonForm;
  onChange: (p: PersonForm) => void;
  errorOf: ErrorOf;
  /** Drawn where the citizenship goes (family: "same as the specialist"); the field itself only when showCitizenship. */
  citizenshipSlot?: ReactNode;
  showCitizenship?: boolean;
  residenceSlot?: ReactNode;
  showResidence?: boolean;
  /** Family: the optional details (other names, sex, email, passport, history) behind a button. */
  collapsible?: boolean;
}

const EXTRA_PATHS = [
  'name.cyrillic',
  'name.native',
  'sex',
  'email',
  'passports[0].number',
  'passports[0].country',
  'passports[0].issued',
  'passports[0].expires',
  'history',
];

function PersonFields({
  at,
  value: p,
  onChange,
  errorOf,
  citizenshipSlot,
  showCitizenship = true,
  residenceSlot,
  showResidence = true,
  collapsible = false,
}: PersonProps) {
  const { t } = useApp();
  const put = (patch: Partial<PersonForm>) => onChange({ ...p, ...patch });
  const hasExtras = !!(
    p.cyrillic ||
    p.native ||
    p.sex ||
    p.email ||
    p.passport.number ||
    p.passport.issued ||
    p.passport.expires ||
    HISTORY_FLAGS.some((f) => p.history[f])
  );
  const extraError = EXTRA_PATHS.some((x) => errorOf(`${at}.${x}`));
  const [open, setOpen] = useState(hasExtras);
  const showExtras = !collapsible || open || extraError;
  const extrasId = `${rawId(at)}-extras`;
  const pp = p.passport;
  const putPassport = (patch: Partial<PersonForm['passport']>) =>
    put({
      passport: {
        ...pp,
        ...patch,
        ...(!pp.country && !patch.country && p.citizenship ? { country: p.citizenship } : {}),
      },
    });
  return (
    <>
      <TextInput
        path={`${at}.name.latin`}
        label={t('newcase.person.latin')}
        hint={t('newcase.person.latinHint')}
        value={p.latin}
        onChange={(latin) => put({ latin })}
        autoComplete="off"
        errorOf={errorOf}
      />
      <DateInput
        path={`${at}.birthDate`}
        label={t('newcase.person.birthDate')}
        value={p.birthDate}
        onChange={(birthDate) => put({ birthDate })}
        errorOf={errorOf}
      />
      {citizenshipSlot}
      {showCitizenship && (
        <>
          <CountrySelect
            path={`${at}.citizenships[0]`}
            label={t('newcase.person.citizenship')}
            value={p.citizenship}
            onChange={(citizenship) => put({ citizenship })}
            errorOf={errorOf}
          />
          <CountrySelect
            path={`${at}.citizenships[1]`}
            label={t('newcase.person.otherCitizenship')}
            value={p.otherCitizenship}
            onChange={(otherCitizenship) => put({ otherCitizenship })}
            empty={t('newcase.none')}
            exclude={p.citizenship}
            errorOf={errorOf}
          />
        </>
      )}
      {residenceSlot}
      {showResidence && (
        <CountrySelect
          path={`${at}.residenceCountry`}
          label={t('newcase.person.residence')}
          hint={t('newcase.person.residenceHint')}
          value={p.residence}
          onChange={(residence) => put({ residence })}
          empty={t('newcase.person.residenceSame')}
          errorOf={errorOf}
        />
      )}
      {collapsible && !extraError && (
        <p>
          <button
            type="button"
            className="link"
            aria-expanded={showExtras}
            aria-controls={extrasId}
            onClick={() => setOpen(!open)}
          >
            {showExtras ? t('newcase.person.lessDetails') : t('newcase.person.moreDetails')}
          </button>
        </p>
      )}
      {showExtras && (
        <div id={extrasId}>
          <TextInput
            path={`${at}.name.cyrillic`}
            label={t('newcase.person.cyrillic')}
            hint={t('newcase.person.cyrillicHint')}
            value={p.cyrillic}
            onChange={(cyrillic) => put({ cyrillic })}
            errorOf={errorOf}
          />
          <TextInput
            path={`${at}.name.native`}
            label={t('newcase.person.native')}
            value={p.native}
            onChange={(native) => put({ native })}
            errorOf={errorOf}
          />
          <Radios
            name={fieldId(`${at}.sex`)}
            legend={t('newcase.person.sex')}
            value={p.sex}
            onChange={(sex) => put({ sex })}
            error={errorOf(`${at}.sex`)}
            options={[
              { value: 'F', label: t('newcase.sex.F') },
              { value: 'M', label: t('newcase.sex.M') },
              { value: '', label: t('newcase.notGiven') },
            ]}
          />
          <TextInput
            path={`${at}.email`}
            type="email"
            label={t('newcase.person.email')}
            hint={t('newcase.person.emailHint')}
            value={p.email}
            onChange={(email) => put({ email })}
            errorOf={errorOf}
          />
          <fieldset className="field group">
            <legend>{t('newcase.person.passport')}</legend>
            <p className="hint">{t('newcase.person.passportHint')}</p>
            <TextInput
              path={`${at}.passports[0].number`}
              label={t('newcase.passport.number')}
              value={pp.number}
              onChange={(number) => putPassport({ number })}
              className="w10"
              errorOf={errorOf}
            />
            <CountrySelect
              path={`${at}.passports[0].country`}
              label={t('newcase.passport.country')}
              value={pp.country}
              onChange={(country) => putPassport({ country })}
              errorOf={errorOf}
            />
            <DateInput
              path={`${at}.passports[0].issued`}
              label={t('newcase.passport.issued')}
              value={pp.issued}
              onChange={(issued) => putPassport({ issued })}
              errorOf={errorOf}
            />
            <DateInput
              path={`${at}.passports[0].expires`}
              label={t('newcase.passport.expires')}
              value={pp.expires}
              onChange={(expires) => putPassport({ expires })}
              errorOf={errorOf}
            />
          </fieldset>
          <fieldset
            className={`field group${errorOf(`${at}.history`) ? ' invalid' : ''}`}
            id={fieldId(`${at}.history`)}
          >
            <legend>{t('newcase.person.history')}</legend>
            <p className="hint">{t('newcase.person.historyHint')}</p>
            {errorOf(`${at}.history`) && <p className="error">{errorOf(`${at}.history`)}</p>}
            {HISTORY_FLAGS.map((f) => (
              <Check
                key={f}
                id={`${fieldId(`${at}.history`)}-${f}`}
                label={t(`newcase.history.${f}`)}
                checked={p.history[f]}
                onChange={(v) => put({ history: { ...p.history, [f]: v } })}
              />
            ))}
          </fieldset>
        </div>
      )}
    </>
  );
}

export function PrincipalStep({ form, set, errorOf }: StepProps) {
  return (
    <PersonFields
      at="people[0]"
      value={form.principal}
      onChange={(principal) => set({ ...form, principal })}
      errorOf={errorOf}
    />
  );
}

// ——— Contract ———

export function ContractStep({ form, set, errorOf }: StepProps) {
  const { t } = useApp();
  const c = form.contract;
  const put = (patch: Partial<CaseForm['contract']>) => set({ ...form, contract: { ...c, ...patch } });
  const addRegion = () => {
    put({ regions: [...c.regions, ''] });
    focusSoon(fieldId(`contract.regions[${c.regions.length}]`));
  };
  const removeRegion = (i: number) => {
    put({ regions: c.regions.filter((_, j) => j !== i) });
    focusSoon(fieldId(`contract.regions[${Math.max(0, i - 1)}]`));
  };
  return (
    <>
      <Radios
        name={fieldId('contract.kind')}
        legend={t('newcase.contract.kind')}
        value={c.kind}
        onChange={(kind) => put({ kind })}
        error={errorOf('contract.kind')}
        options={CONTRACT_KINDS.map((k) => ({ value: k, label: t(`newcase.contractKind.${k}`) }))}
      />
      <TextInput
        path="contract.position"
        label={t('newcase.contract.position')}
        hint={t('newcase.contract.positionHint')}
        value={c.position}
        onChange={(position) => put({ position })}
        errorOf={errorOf}
      />
      <Select
        path="contract.occupation"
        label={t('newcase.contract.occupation')}
        hint={t('newcase.contract.occupationHint')}
        value={c.occupation}
        onChange={(occupation) => put({ occupation })}
        options={OCCUPATIONS.map((o) => ({ value: o, label: t(`newcase.occupation.${o}`) }))}
        empty={t('newcase.choose')}
        errorOf={errorOf}
      />
      <div className="inline-fields">
        <TextInput
          path="contract.salary.amount"
          label={t('newcase.contract.amount')}
          hint={t('newcase.contract.amountHint')}
          value={c.amount}
          onChange={(amount) => put({ amount })}
          inputMode="decimal"
          className="w10"
          errorOf={errorOf}
        />
        <Select
          path="contract.salary.per"
          label={t('newcase.contract.per')}
          value={c.per}
          onChange={(per) => per && put({ per })}
          options={SALARY_PERIODS.map((p) => ({ value: p, label: t(`newcase.period.${p}`) }))}
          errorOf={errorOf}
        />
      </div>
      <DateInput
        path="contract.start"
        label={t('newcase.contract.start')}
        value={c.start}
        onChange={(start) => put({ start })}
        errorOf={errorOf}
      />
      <DateInput
        path="contract.end"
        label={t('newcase.contract.end')}
        hint={t('newcase.contract.endHint')}
        value={c.end}
        onChange={(end) => put({ end })}
        errorOf={errorOf}
      />
      <fieldset className="field group">
        <legend>{t('newcase.contract.regions')}</legend>
        <p className="hint">{t('newcase.contract.regionsHint')}</p>
        {c.regions.map((r, i) => (
          <div className="region-row" key={i}>
            <RegionSelect
              path={`contract.regions[${i}]`}
              label={t('newcase.contract.region', { n: i + 1 })}
              value={r}
              onChange={(v) => put({ regions: c.regions.map((x, j) => (j === i ? v : x)) })}
              errorOf={errorOf}
            />
            {c.regions.length > 1 && (
              <button type="button" className="link" onClick={() => removeRegion(i)}>
                {t('newcase.contract.removeRegion', { n: i + 1 })}
              </button>
            )}
          </div>
        ))}
        <button type="button" className="secondary" onClick={addRegion}>
          {t('newcase.contract.addRegion')}
        </button>
      </fieldset>
      <Check
        id={fieldId('contract.religiousActivity')}
        label={t('newcase.contract.religious')}
        hint={t('newcase.contract.religiousHint')}
        checked={c.religiousActivity}
        onChange={(religiousActivity) => put({ religiousActivity })}
      />
    </>
  );
}

// ——— Family ———

export function FamilyStep({ form, set, errorOf }: StepProps) {
  const { t } = useApp();
  const fam = form.family;
  const put = (i: number, m: FamilyForm) => set({ ...form, family: fam.map((x, j) => (j === i ? m : x)) });
  const add = () => {
    const relation: Relation = fam.some((m) => m.relation === 'spouse') ? 'child' : 'spouse';
    set({ ...form, family: [...fam, emptyFamilyMember(relation)] });
    focusSoon(fieldId(`people[${fam.length + 1}].relation`));
  };
  const remove = (i: number) => {
    set({ ...form, family: fam.filter((_, j) => j !== i) });
    focusSoon(fam.length > 1 ? fieldId(`people[${Math.max(1, i)}].relation`) : 'add-member');
  };
  return (
    <>
      <p className="hint">{t('newcase.family.intro')}</p>
      {fam.length === 0 && <p>{t('newcase.family.none')}</p>}
      {fam.map((m, i) => {
        const at = `people[${i + 1}]`;
        const base = rawId(at);
        return (
          <section className="member" key={i} aria-labelledby={`${base}-title`}>
            <h3 id={`${base}-title`}>
              {t('newcase.family.member', { n: i + 1 })}
              {m.latin.trim() ? `: ${m.latin.trim()}` : ''}
            </h3>
            <Select
              path={`${at}.relation`}
              label={t('newcase.family.relation')}
              value={m.relation}
              onChange={(relation) => put(i, { ...m, relation })}
              options={RELATIONS.map((r) => ({ value: r, label: t(`newcase.relation.${r}`) }))}
              empty={t('newcase.choose')}
              errorOf={errorOf}
            />
            {(m.relation === 'child' || m.relation === 'parent') && (
              <Check
                id={`${base}-adopted`}
                label={t(m.relation === 'child' ? 'newcase.family.adoptedChild' : 'newcase.family.adoptiveParent')}
                checked={m.adopted}
                onChange={(adopted) => put(i, { ...m, adopted })}
              />
            )}
            {m.relation === 'child' && (
              <Check
                id={`${base}-incapacitated`}
                label={t('newcase.family.incapacitated')}
                checked={m.incapacitated}
                onChange={(incapacitated) => put(i, { ...m, incapacitated })}
              />
            )}
            <PersonFields
              at={at}
              value={m}
              onChange={(p) => put(i, { ...m, ...p })}
              errorOf={errorOf}
              collapsible
              citizenshipSlot={
                <Check
                  id={`${base}-sameCitizenship`}
                  label={t('newcase.family.sameCitizenship')}
                  checked={m.sameCitizenship}
                  onChange={(sameCitizenship) => put(i, { ...m, sameCitizenship })}
                />
              }
              showCitizenship={!m.sameCitizenship}
              residenceSlot={
                <Check
                  id={`${base}-sameResidence`}
                  label={t('newcase.family.sameResidence')}
                  checked={m.sameResidence}
                  onChange={(sameResidence) => put(i, { ...m, sameResidence })}
                />
              }
              showResidence={!m.sameResidence}
            />
            <button type="button" className="secondary" onClick={() => remove(i)}>
              {t('newcase.family.remove', { n: i + 1 })}
            </button>
          </section>
        );
      })}
      <button type="button" className="secondary" id="add-member" onClick={add}>
        {t('newcase.family.add')}
      </button>
    </>
  );
}

// ——— Review ———

export function ReviewStep({ form, set, errorOf, go }: StepProps) {
  const { t } = useApp();
  return (
    <>
      <CaseSummary form={form} onChange={go} />
      <TextInput
        path="id"
        label={t('newcase.review.reference')}
        hint={t('newcase.review.referenceHint')}
        value={form.reference}
        onChange={(reference) => set({ ...form, reference })}
        errorOf={errorOf}
      />
    </>
  );
}

/** The case as entered, section by section (with Change buttons in the form). */
export function CaseSummary({ form, onChange }: { form: CaseForm; onChange?: (step: StepId) => void }) {
  const { t, lang } = useApp();
  const none = t('newcase.notGiven');
  const date = (s: string) => (!s ? none : isRealDate(s) ? t.date(s) : s);
  const country = (c: string) => (c ? countryName(c, lang) : none);
  const yesList = (items: string[]) => (items.length ? items.join('; ') : t('newcase.none'));
  const e = employerDoc(form);
  const p = form.principal;
  const c = form.contract;
  const amount = parseAmount(c.amount);
  const section = (step: StepId, title: string, rows: [string, ReactNode][]) => (
    <section className="review-section" aria-labelledby={`review-${step}`}>
      <div className="review-head">
        <h3 id={`review-${step}`}>{title}</h3>
        {onChange && (
          <button type="button" className="link" onClick={() => onChange(step)}>
            {t('newcase.review.change')}
            <span className="visually-hidden"> {title}</span>
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <p>{t('newcase.family.none')}</p>
      ) : (
        <dl className="facts">
          {rows.map(([k, v]) => (
            <div key={k} className="fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
  const personRows = (m: PersonForm, citizenships: string, residence: string): [string, ReactNode][] => [
    [
      t('newcase.path.person.name'),
      [m.latin.trim() || none, m.cyrillic.trim(), m.native.trim()].filter(Boolean).join(' / '),
    ],
    [t('newcase.person.birthDate'), date(m.birthDate)],
    [t('newcase.review.citizenship'), citizenships],
    [t('newcase.review.livesIn'), residence],
    ...(m.sex ? [[t('newcase.path.person.sex'), t(`newcase.sex.${m.sex}`)] as [string, ReactNode]] : []),
    ...(m.email.trim() ? [[t('newcase.path.person.email'), m.email.trim()] as [string, ReactNode]] : []),
    [
      t('newcase.person.passport'),
      m.passport.number.trim()
        ? t('newcase.review.passport', {
            number: m.passport.number.trim(),
            country: country(m.passport.country),
            until: date(m.passport.expires),
          })
        : none,
    ],
    [
      t('newcase.person.history'),
      yesList(HISTORY_FLAGS.filter((f) => m.history[f]).map((f) => t(`newcase.history.${f}`))),
    ],
  ];
  const citizenshipsOf = (m: PersonForm) =>
    [m.citizenship, m.otherCitizenship]
      .filter(Boolean)
      .map((x) => countryName(x, lang))
      .join(', ') || none;
  const residenceOf = (m: PersonForm) => country(m.residence || m.citizenship);
  return (
    <div className="case-summary">
      {section('employer', t('newcase.step.employer'), [
        [
          t('newcase.employer.name'),
          e
            ? `${e.name || none}${form.employer.mode === 'existing' ? ` (${t('newcase.review.existingEmployer')})` : ''}`
            : none,
        ],
        [t('newcase.employer.inn'), e?.inn || none],
        [
          t('newcase.employer.kind'),
          e?.kind && (EMPLOYER_KINDS as readonly string[]).includes(e.kind)
            ? t(`newcase.kind.${e.kind}`)
            : (e?.kind ?? none),
        ],
        [t('newcase.review.registered'), e?.hqsRegistered ? date(e.hqsRegistered) : none],
        [t('newcase.path.employer.region'), e?.region ? regionName(e.region, lang) : none],
        [
          t('newcase.employer.flags'),
          yesList(EMPLOYER_FLAGS.filter((k) => e?.[k] === true).map((k) => t(`newcase.employer.flag.${k}`))),
        ],
      ])}
      {section('principal', t('newcase.step.principal'), personRows(p, citizenshipsOf(p), residenceOf(p)))}
      {section('contract', t('newcase.step.contract'), [
        [t('newcase.contract.kind'), t(`newcase.contractKind.${c.kind}`)],
        [t('newcase.contract.position'), c.position.trim() || none],
        [t('newcase.contract.occupation'), c.occupation ? t(`newcase.occupation.${c.occupation}`) : none],
        [
          t('newcase.review.salary'),
          amount !== null
            ? t('newcase.review.salaryValue', { amount: t.money(amount), per: t(`newcase.per.${c.per}`) })
            : c.amount || none,
        ],
        [
          t('newcase.review.term'),
          c.end
            ? t('newcase.review.fromTo', { from: date(c.start), to: date(c.end) })
            : t('newcase.review.from', { from: date(c.start) }),
        ],
        [
          t('newcase.contract.regions'),
          c.regions
            .filter(Boolean)
            .map((r) => regionName(r, lang))
            .join(', ') || none,
        ],
        ...(c.religiousActivity ? [[t('newcase.contract.religious'), t('common.yes')] as [string, ReactNode]] : []),
      ])}
      {section(
        'family',
        t('newcase.step.family'),
        form.family.length
          ? form.family.map((m, i): [string, ReactNode] => [
              `${t('newcase.family.member', { n: i + 1 })}${m.relation ? ` — ${t(`newcase.relation.${m.relation}`)}` : ''}`,
              [
                m.latin.trim() || none,
                t('newcase.review.born', { date: date(m.birthDate) }),
                m.sameCitizenship ? t('newcase.review.citizenshipAsPrincipal') : citizenshipsOf(m),
                m.sameResidence
                  ? t('newcase.review.livesWithPrincipal')
                  : t('newcase.review.livesInPlace', { place: residenceOf(m) }),
              ].join(', '),
            ])
          : [],
      )}
    </div>
  );
}
