// The workspace's pages by path. Each area's pages are loaded on first use.
import { lazy, type ReactNode } from 'react';

export interface RouteDef {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
  /** The top navigation entry this page belongs to (for aria-current). */
  nav?: NavId;
}
export type NavId =
  'dashboard' | 'obligations' | 'cases' | 'import' | 'employers' | 'users' | 'audit' | 'outbox' | 'account';

const l = <K extends string>(load: () => Promise<Record<K, React.ComponentType<Record<string, string>>>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const Dashboard = l(() => import('./pages/Dashboard.tsx'), 'Dashboard');
const Obligations = l(() => import('./pages/Obligations.tsx'), 'Obligations');
const Cases = l(() => import('./pages/Cases.tsx'), 'Cases');
const Findings = l(() => import('./pages/Findings.tsx'), 'Findings');
const Employers = l(() => import('./pages/Employers.tsx'), 'Employers');
const EmployerPage = l(() => import('./pages/EmployerPage.tsx'), 'EmployerPage');
const Audit = l(() => import('./pages/Audit.tsx'), 'Audit');
const Outbox = l(() => import('./mail/Outbox.tsx'), 'Outbox');
const Account = l(() => import('./pages/Account.tsx'), 'Account');
const Users = l(() => import('./users/Users.tsx'), 'Users');
const NewCase = l(() => import('./newcase/NewCase.tsx'), 'NewCase');
const CasePage = l(() => import('./case/CasePage.tsx'), 'CasePage');
const ImportSheet = l(() => import('./import/ImportSheet.tsx'), 'ImportSheet');

export const routes: readonly RouteDef[] = [
  { path: '/app', nav: 'dashboard', render: () => <Dashboard /> },
  { path: '/app/obligations', nav: 'obligations', render: () => <Obligations /> },
  { path: '/app/cases', nav: 'cases', render: () => <Cases /> },
  { path: '/app/findings', nav: 'dashboard', render: () => <Findings /> },
  { path: '/app/cases/new', nav: 'cases', render: () => <NewCase /> },
  { path: '/app/cases/:id', nav: 'cases', render: (p) => <CasePage key={p.id!} id={p.id!} /> },
  { path: '/app/import', nav: 'import', render: () => <ImportSheet /> },
  { path: '/app/employers', nav: 'employers', render: () => <Employers /> },
  { path: '/app/employers/:id', nav: 'employers', render: (p) => <EmployerPage key={p.id!} id={p.id!} /> },
  { path: '/app/users', nav: 'users', render: () => <Users /> },
  { path: '/app/audit', nav: 'audit', render: () => <Audit /> },
  { path: '/app/outbox', nav: 'outbox', render: () => <Outbox /> },
  { path: '/app/account', nav: 'account', render: () => <Account /> },
];
