// The entry: the public self-check at / (in the first download), everything signed-in (workspace,
// portal, sign-in, first run, invitations) loaded on demand, so the self-check stays small.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useLocation } from './router.tsx';
import { SelfCheck } from './selfcheck/SelfCheck.tsx';
import './styles.css';

const AppRoot = lazy(() => import('./app/AppRoot.tsx').then((m) => ({ default: m.AppRoot })));
const APP_PATHS = /^\/(app|portal|login|setup|invite|reset-password)(\/|$)/;

function Root() {
  const { path } = useLocation();
  if (!APP_PATHS.test(path)) return <SelfCheck />;
  return (
    <Suspense fallback={<p className="loading-page">HQS Desk…</p>}>
      <AppRoot />
    </Suspense>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
