import type { DashboardView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { abilityFromRules } from '../../auth/ability.ts';
import { gettingStartedSteps } from './gettingStartedSteps.ts';

const dash = (byStatus: Record<string, number>, users: number, assignments: number): DashboardView =>
  ({
    sessions: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), active: 0, byStatus, messagesSent: 0, messagesReceived: 0, chats: 0, runningActors: 0, restarts: 0 },
    users: { total: users, active: users, byRole: {} },
    assignments,
    messagesToday: { received: 0, sent: 0 },
    recentActivity: [],
  }) as DashboardView;

const admin = abilityFromRules([{ action: 'manage', subject: 'all' }]);

describe('getting started', () => {
  it('starts a new installation at creating a session, and ticks each step from the figures', () => {
    expect(gettingStartedSteps(dash({}, 1, 0), admin)).toEqual([
      { key: 'session', done: false, to: '/sessions?new=1' },
      { key: 'team', done: false, to: '/users?new=1' },
      { key: 'assign', done: false, to: '/assignments' },
    ]);
    // A session waiting for its QR is not linked yet: the step leads to the list.
    expect(gettingStartedSteps(dash({ qr: 1 }, 1, 0), admin)[0]).toEqual({ key: 'session', done: false, to: '/sessions' });
    // Linked once, even if the phone logged it out since.
    expect(gettingStartedSteps(dash({ logged_out: 1 }, 3, 2), admin).map((s) => s.done)).toEqual([true, true, true]);
  });

  it('lists only the steps the user may take', () => {
    const supervisorLike = abilityFromRules([
      { action: 'manage', subject: 'Assignment' },
      { action: 'read', subject: 'Session' },
    ]);
    expect(gettingStartedSteps(dash({}, 1, 0), supervisorLike).map((s) => s.key)).toEqual(['assign']);
    expect(gettingStartedSteps(dash({}, 1, 0), abilityFromRules([]))).toEqual([]);
  });
});
