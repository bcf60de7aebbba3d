// Form fields of the new-case form. Each field is named by the case path it fills (`people[1].birthDate`):
// its element id comes from that path, so a problem the server names lands on the field and the problem
// summary can link to it.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { countries, regions, type Named } from 'virtual:hqs-data';
import type { Lang } from '../../i18n.ts';
import { useApp } from '../session.tsx';
import { describedBy, FieldNotes } from '../ui.tsx';
import { fieldId, type CaseForm, type StepId } from './build.ts';

/** The problem (if any) of the field at a case path. */
export type ErrorOf = (path: string) => string | undefined;

/** What each step of the form is given. */
export interface StepProps {
  form: CaseForm;
  set: (f: CaseForm) => void;
  errorOf: ErrorOf;
  /** Go to a step, focusing the field of a path there. */
  go: (step: StepId, path?: string) => void;
}

/** A value after a pause in typing (for searches). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

interface Common {
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  errorOf: ErrorOf;
}

/** The frame of one field: label, hint, error (named in words), then the control. */
function Frame({
  path,
  label,
  hint,
  errorOf,
  children,
}: Common & {
  children: (p: {
    id: string;
    'aria-describedby': string | undefined;
    'aria-invalid': boolean | undefined;
  }) => ReactNode;
}) {
  const id = fieldId(path);
  const error = errorOf(path);
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children({ id, 'aria-describedby': describedBy(id, !!hint, error), 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

export function TextInput({
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  className,
  ...common
}: Common & {
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'email' | 'date';
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  className?: string;
}) {
  return (
    <Frame {...common}>
      {(p) => (
        <input
          {...p}
          type={type}
          className={className}
          value={value}
          autoComplete={autoComplete ?? 'off'}
          inputMode={inputMode}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Frame>
  );
}

export function DateInput(props: Common & { value: string; onChange: (v: string) => void }) {
  return <TextInput {...props} type="date" className="w10" />;
}

export function Select<T extends string>({
  value,
  onChange,
  options,
  empty,
  ...common
}: Common & {
  value: T | '';
  onChange: (v: T | '') => void;
  options: readonly { value: T; label: string }[];
  empty?: string;
}) {
  return (
    <Frame {...common}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Frame>
  );
}

const sorted = (list: Named[], lang: Lang) => {
  const c = new Intl.Collator(lang);
  return [...list]
    .sort((a, b) => c.compare(a.names[lang], b.names[lang]))
    .map((x) => ({ value: x.code, label: x.names[lang] }));
};

/** A country (ISO 3166-1) by its name in the reader's language. */
export function CountrySelect(
  props: Common & { value: string; onChange: (v: string) => void; empty?: string; exclude?: string },
) {
  const { lang, t } = useApp();
  const options = useMemo(
    () => sorted(countries, lang).filter((o) => o.value !== props.exclude),
    [lang, props.exclude],
  );
  return <Select {...props} options={options} empty={props.empty ?? t('newcase.choose')} />;
}

/** A Russian region (ISO 3166-2:RU) by its name. */
export function RegionSelect(props: Common & { value: string; onChange: (v: string) => void; empty?: string }) {
  const { lang, t } = useApp();
  const options = useMemo(() => sorted(regions, lang), [lang]);
  return <Select {...props} options={options} empty={props.empty ?? t('newcase.choose')} />;
}

export function countryName(code: string, lang: Lang): string {
  return countries.find((c) => c.code === code)?.names[lang] ?? code;
}

export function regionName(code: string, lang: Lang): string {
  return regions.find((r) => r.code === code)?.names[lang] ?? code;
}

/** One checkbox with its label after it. */
export function Check({
  id,
  label,
  checked,
  onChange,
  hint,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: ReactNode;
}) {
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Radio buttons in a fieldset with a legend. */
export function Radios<T extends string>({
  name,
  legend,
  value,
  onChange,
  options,
  error,
  hint,
}: {
  name: string;
  legend: ReactNode;
  value: T | '';
  onChange: (v: T) => void;
  options: readonly { value: T; label: ReactNode }[];
  error?: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <fieldset
      id={name}
      className={`field${error ? ' invalid' : ''}`}
      aria-describedby={describedBy(name, !!hint, error)}
    >
      <legend>{legend}</legend>
      <FieldNotes id={name} hint={hint} error={error} />
      {options.map((o) => (
        <div className="radio" key={o.value}>
          <input
            type="radio"
            id={`${name}-${o.value || 'none'}`}
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${name}-${o.value || 'none'}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
