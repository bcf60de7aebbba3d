// Sending the self-check to an agency: the answers (the hqs-case/1 document they make) are kept by the
// server under a one-time code the specialist reads out or sends to the agency, for 14 days. The answers
// go in the POST body only, never in an address. Shown after the outcome; its own component, so the
// outcome's layout can change without it.
import { useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { T } from '../i18n.ts';
import type { Answers } from './flow.ts';
import { toCase } from './to-case.ts';

export function ShareCode({ t, answers }: { t: T; answers: Answers }) {
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; code: string; expiresAt: string }
    | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const result = useRef<HTMLParagraphElement>(null);
  // A stored case needs the employer's INN (the agency's case is made from these answers as they are).
  const innUnknown = answers.employer?.innUnknown === true;
  const share = async () => {
    setState({ kind: 'busy' });
    try {
      const r = await api.shareSelfCheck({ query: { lang: t.lang }, body: toCase(answers) });
      setState({ kind: 'done', code: r.code, expiresAt: r.expiresAt });
    } catch (e) {
      setState({
        kind: 'error',
        message: e instanceof ApiError && e.status === 429 ? t('share.tooMany') : t('share.failed'),
      });
    }
    requestAnimationFrame(() => result.current?.focus());
  };
  return (
    <section className="share-code no-print" aria-labelledby="share-title">
      <h2 id="share-title">{t('share.title')}</h2>
      <p>{t('share.intro')}</p>
      {innUnknown && <p className="hint">{t('share.needsInn')}</p>}
      {state.kind !== 'done' && !innUnknown && (
        <p>
          <button type="button" onClick={() => void share()} disabled={state.kind === 'busy'}>
            {state.kind === 'busy' ? t('share.busy') : t('share.button')}
          </button>
        </p>
      )}
      <div aria-live="polite">
        {state.kind === 'done' && (
          <>
            <p tabIndex={-1} ref={result}>
              {t('share.yourCode')}{' '}
              <strong className="code" lang="en">
                {state.code}
              </strong>
            </p>
            <p className="hint">{t('share.expires', { date: t.date(state.expiresAt.slice(0, 10)) })}</p>
          </>
        )}
        {state.kind === 'error' && (
          <p className="error" role="alert" tabIndex={-1} ref={result}>
            {state.message}
          </p>
        )}
      </div>
    </section>
  );
}
