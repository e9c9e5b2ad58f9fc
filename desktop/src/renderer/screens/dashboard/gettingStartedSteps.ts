/**
 * The steps of *Primeros pasos* for one user: link a WhatsApp account, invite the team, assign
 * conversations. Each is listed only when the user may take it, and done from the dashboard's
 * figures.
 */
import type { DashboardView, SessionStatus } from '@switchboard/shared';
import type { ClientAbility } from '../../auth/ability.ts';

/** States of a session that has been linked to a phone. */
const LINKED: readonly SessionStatus[] = ['connected', 'connecting', 'reconnecting', 'logged_out', 'replaced', 'problematic'];

/** One step: what, whether it is done, and where it is done. */
export interface GettingStartedStep {
  key: 'session' | 'team' | 'assign';
  done: boolean;
  to: string;
}

/** The steps the user may take, in order. */
export function gettingStartedSteps(dash: DashboardView, ability: ClientAbility): GettingStartedStep[] {
  const steps: GettingStartedStep[] = [];
  if (ability.can('create', 'Session')) {
    // Done once a session was linked (one logged out since is the alerts' business); with no
    // session yet the link opens the form to create one.
    const linked = LINKED.reduce((n, s) => n + (dash.sessions.byStatus[s] ?? 0), 0);
    steps.push({ key: 'session', done: linked > 0, to: dash.sessions.total === 0 ? '/sessions?new=1' : '/sessions' });
  }
  if (ability.can('create', 'User')) steps.push({ key: 'team', done: dash.users.total > 1, to: '/users?new=1' });
  if (ability.can('create', 'Assignment')) steps.push({ key: 'assign', done: dash.assignments > 0, to: '/assignments' });
  return steps;
}
