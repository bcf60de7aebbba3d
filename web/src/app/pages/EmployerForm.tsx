// The employer's facts as a form (create on /app/employers, edit on /app/employers/{id}): the fields of
// the case format's employer object, each with its label and hint, the server's problems shown beside
// the field they name and summarized at the top.
import { useState, type InputHTMLAttributes } from 'react';
import { useApp } from '../session.tsx';
import { describedBy, ErrorBox, Field } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { employerKindName, regionOptions, sezTypeName } from './common.tsx';
import {
  EMPLOYER_FLAGS,
  employerFieldError,
  employerFieldIds,
  employerFromForm,
  emptyEmployerForm,
  formFromEmployer,
  type Employer,
  type EmployerFormState,
} from './employer-form.ts';
import { asFieldProblem } from './format-error.ts';
import { EMPLOYER_KINDS, SEZ_TYPES } from './vocab.ts';

export function EmployerForm({
  id,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  initial?: Employer;
  submitLabel: string;
  onSubmit: (e: Employer) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useApp();
  const [form, setForm] = useState<EmployerFormState>(() =>
    initial ? formFromEmployer(initial) : emptyEmployerForm(),
  );
  const save = useAction(() => onSubmit(employerFromForm(form, initial)), { toError: asFieldProblem });
  const error = save.error;
  const fid = (f: string) => `${id}-${f}`;
  const err = (f: string) => employerFieldError(error, f);
  const set = <K extends keyof EmployerFormState>(k: K, v: EmployerFormState[K]) => setForm((s) => ({ ...s, [k]: v }));

  const text = (f: 'name' | 'inn', hint: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field id={fid(f)} label={t(`employers.field.${f}`)} hint={hint} error={err(f)}>
      <input
        id={fid(f)}
        type="text"
        value={form[f]}
        onChange={(e) => set(f, e.target.value)}
        aria-describedby={describedBy(fid(f), true, err(f))}
        aria-invalid={err(f) ? true : undefined}
        required
        {...extra}
      />
    </Field>
  );

  return (
    <form className="employer-form" onSubmit={save.submit} noValidate>
      <ErrorBox error={error} fieldIds={employerFieldIds(id)} />
      {text('name', t('employers.field.nameHint'), { autoComplete: 'organization', maxLength: 300 })}
      {text('inn', t('employers.field.innHint'), {
        inputMode: 'numeric',
        autoComplete: 'off',
        maxLength: 14,
        className: 'w10',
      })}
      <Field
        id={fid('kind')}
        label={t('employers.field.kind')}
        hint={t('employers.field.kindHint')}
        error={err('kind')}
      >
        <select
          id={fid('kind')}
          value={form.kind}
          onChange={(e) => set('kind', e.target.value)}
          aria-describedby={describedBy(fid('kind'), true, err('kind'))}
        >
          {EMPLOYER_KINDS.map((k) => (
            <option key={k} value={k}>
              {employerKindName(t, k)}
            </option>
          ))}
        </select>
      </Field>
      {form.kind === 'special-economic-zone' && (
        <Field id={fid('sezType')} label={t('employers.field.sezType')} error={err('sezType')}>
          <select
            id={fid('sezType')}
            value={form.sezType}
            onChange={(e) => set('sezType', e.target.value)}
            aria-describedby={describedBy(fid('sezType'), false, err('sezType'))}
          >
            <option value="">{t('employers.field.notStated')}</option>
            {SEZ_TYPES.map((k) => (
              <option key={k} value={k}>
                {sezTypeName(t, k)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field
        id={fid('region')}
        label={t('employers.field.region')}
        hint={t('employers.field.regionHint')}
        error={err('region')}
      >
        <select
          id={fid('region')}
          value={form.region}
          onChange={(e) => set('region', e.target.value)}
          aria-describedby={describedBy(fid('region'), true, err('region'))}
        >
          <option value="">{t('employers.field.notStated')}</option>
          {regionOptions(t.lang).map((r) => (
            <option key={r.code} value={r.code}>
              {r.names[t.lang]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fid('hqsRegistered')}
        label={t('employers.field.hqsRegistered')}
        hint={t('employers.field.hqsRegisteredHint')}
        error={err('hqsRegistered')}
      >
        <input
          id={fid('hqsRegistered')}
          type="date"
          className="w10"
          value={form.hqsRegistered}
          onChange={(e) => set('hqsRegistered', e.target.value)}
          aria-describedby={describedBy(fid('hqsRegistered'), true, err('hqsRegistered'))}
        />
      </Field>
      <fieldset className="field checks">
        <legend>{t('employers.field.facts')}</legend>
        {EMPLOYER_FLAGS.map((f) => (
          <div key={f}>
            <div className="radio">
              <input
                id={fid(f)}
                type="checkbox"
                checked={form.flags[f]}
                onChange={(e) => set('flags', { ...form.flags, [f]: e.target.checked })}
                aria-describedby={describedBy(fid(f), false, err(f))}
              />
              <label htmlFor={fid(f)}>{t(`employers.flag.${f}`)}</label>
            </div>
            {err(f) && (
              <p className="error" id={`${fid(f)}-error`}>
                {err(f)}
              </p>
            )}
          </div>
        ))}
      </fieldset>
      <p className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </p>
    </form>
  );
}
