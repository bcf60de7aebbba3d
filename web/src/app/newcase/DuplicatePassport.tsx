// "Already in case …": a new case whose person's passport is in another open case of the organization is
// refused by the server (409 passport.duplicate, naming that case); this names it, with a link to open it
// and a button to create the new case anyway.
import { useEffect, useRef } from 'react';
import type { ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { useApp } from '../session.tsx';

interface Holder {
  caseId: string;
  caseRef: string | null;
  caseName: string;
  country: string;
  number: string;
  personName: string;
}

/** The other cases a duplicate-passport refusal names (none: it is not one). */
export function duplicateHolders(error: ApiError | null | undefined): Holder[] {
  if (!error || error.status !== 409 || error.code !== 'passport.duplicate') return [];
  const cases = (error.params?.cases ?? []) as Holder[];
  return Array.isArray(cases) ? cases.filter((c) => c && typeof c.caseId === 'string') : [];
}

export function DuplicatePassport({
  error,
  busy,
  onCreateAnyway,
}: {
  error: ApiError | null | undefined;
  busy: boolean;
  onCreateAnyway: () => void;
}) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  const holders = duplicateHolders(error);
  useEffect(() => {
    if (holders.length) ref.current?.focus();
  }, [error]);
  if (!holders.length) return null;
  return (
    <div className="notice warn" role="alert" tabIndex={-1} ref={ref} data-testid="duplicate-passport">
      <h2 className="notice-title">{t('newcase.duplicate.title')}</h2>
      <ul>
        {[...new Set(holders.map((h) => h.caseId))].map((caseId) => {
          const of = holders.filter((h) => h.caseId === caseId);
          const h = of[0]!;
          return (
            <li key={caseId}>
              {t('newcase.duplicate.item', {
                passport: of.map((x) => `${x.country} ${x.number} (${x.personName})`).join(', '),
                case: h.caseRef ? `${h.caseRef} (${h.caseName})` : h.caseName,
              })}{' '}
              <Link href={`/app/cases/${encodeURIComponent(caseId)}`}>{t('newcase.duplicate.open')}</Link>
            </li>
          );
        })}
      </ul>
      <p>
        <button type="button" onClick={onCreateAnyway} disabled={busy}>
          {t('newcase.duplicate.anyway')}
        </button>
      </p>
    </div>
  );
}
