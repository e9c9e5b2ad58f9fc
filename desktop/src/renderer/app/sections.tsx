/**
 * The routed sections of the signed-in app and the ability each needs (the same predicate as
 * its navigation entry). Screens are loaded on demand so an employee never downloads the
 * administration screens' code until needed.
 */
import { lazy, type ReactNode } from 'react';
import type { ClientAbility } from '../auth/ability.ts';
import { NAV } from '../layout/nav.ts';

const DashboardScreen = lazy(() => import('../screens/dashboard/DashboardScreen.tsx').then((m) => ({ default: m.DashboardScreen })));
const SessionsScreen = lazy(() => import('../screens/sessions/SessionsScreen.tsx').then((m) => ({ default: m.SessionsScreen })));
const SessionDetailScreen = lazy(() => import('../screens/sessions/SessionDetailScreen.tsx').then((m) => ({ default: m.SessionDetailScreen })));
const UsersScreen = lazy(() => import('../screens/users/UsersScreen.tsx').then((m) => ({ default: m.UsersScreen })));
const RolesScreen = lazy(() => import('../screens/roles/RolesScreen.tsx').then((m) => ({ default: m.RolesScreen })));
const AssignmentsScreen = lazy(() => import('../screens/assignments/AssignmentsScreen.tsx').then((m) => ({ default: m.AssignmentsScreen })));
const AuditScreen = lazy(() => import('../screens/audit/AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })));
const IntegrationsScreen = lazy(() => import('../screens/integrations/IntegrationsScreen.tsx').then((m) => ({ default: m.IntegrationsScreen })));
const ReportsScreen = lazy(() => import('../screens/reports/ReportsScreen.tsx').then((m) => ({ default: m.ReportsScreen })));
const InboxScreen = lazy(() => import('../screens/inbox/InboxScreen.tsx').then((m) => ({ default: m.InboxScreen })));

/** One routed section. */
export interface Section {
  path: string;
  element: ReactNode;
  visible(a: ClientAbility): boolean;
}

const need = (to: string) => NAV.find((n) => n.to === to)!.visible;

/** Every section. */
export const SECTIONS: readonly Section[] = [
  { path: '/inbox', element: <InboxScreen />, visible: need('/inbox') },
  { path: '/inbox/:sessionId/:chatId', element: <InboxScreen />, visible: need('/inbox') },
  { path: '/dashboard', element: <DashboardScreen />, visible: need('/dashboard') },
  { path: '/reports', element: <ReportsScreen />, visible: need('/reports') },
  { path: '/sessions', element: <SessionsScreen />, visible: need('/sessions') },
  { path: '/sessions/:sessionId', element: <SessionDetailScreen />, visible: need('/sessions') },
  { path: '/assignments', element: <AssignmentsScreen />, visible: need('/assignments') },
  { path: '/users', element: <UsersScreen />, visible: need('/users') },
  { path: '/roles', element: <RolesScreen />, visible: need('/roles') },
  { path: '/integrations', element: <IntegrationsScreen />, visible: need('/integrations') },
  { path: '/audit', element: <AuditScreen />, visible: need('/audit') },
];
