/**
 * The sections of the app and who sees them: each entry names the ability it needs, so the
 * navigation shows exactly what the gateway would allow (never role names).
 */
import type { MessageKey } from '../i18n/index.tsx';
import type { IconName } from '../ui/Icon.tsx';
import type { ClientAbility } from '../auth/ability.ts';

/** One navigation entry. */
export interface NavItem {
  to: string;
  label: MessageKey;
  icon: IconName;
  /** Single-key shortcut after `g` (g i → inbox). */
  key: string;
  visible(a: ClientAbility): boolean;
}

/** Every section, in menu order. */
export const NAV: readonly NavItem[] = [
  { to: '/inbox', label: 'nav.inbox', icon: 'inbox', key: 'i', visible: (a) => a.can('read', 'Chat') },
  { to: '/dashboard', label: 'nav.dashboard', icon: 'dashboard', key: 'd', visible: (a) => a.can('read', 'Dashboard') },
  { to: '/reports', label: 'nav.reports', icon: 'chart', key: 'e', visible: (a) => a.can('read', 'Dashboard') },
  { to: '/sessions', label: 'nav.sessions', icon: 'phone', key: 's', visible: (a) => a.can('update', 'Session') || a.can('create', 'Session') },
  { to: '/assignments', label: 'nav.assignments', icon: 'link', key: 'a', visible: (a) => a.can('create', 'Assignment') },
  { to: '/users', label: 'nav.users', icon: 'users', key: 'u', visible: (a) => a.can('read', 'User') },
  { to: '/roles', label: 'nav.roles', icon: 'shield', key: 'r', visible: (a) => a.can('read', 'Role') },
  { to: '/integrations', label: 'nav.integrations', icon: 'zap', key: 'w', visible: (a) => a.can('read', 'Webhook') || a.can('read', 'ApiKey') },
  { to: '/audit', label: 'nav.audit', icon: 'list', key: 'l', visible: (a) => a.can('read', 'AuditLog') },
];

/** Where a user lands after signing in: the dashboard for those who have one, else the inbox. */
export function homePath(a: ClientAbility): string {
  const first = NAV.find((n) => n.to === '/dashboard' && n.visible(a)) ?? NAV.find((n) => n.visible(a));
  return first?.to ?? '/inbox';
}
