import { describe, expect, it } from 'vitest';
import { permissionsOf, summarize } from './apiKeyScope.ts';

describe('API key scope', () => {
  it('turns "send in ventas" into rules limited to that session', () => {
    expect(permissionsOf({ capabilities: ['send'], sessions: ['ventas'] })).toEqual([
      { action: 'send', subject: 'Message', conditions: { sessionId: 'ventas' } },
      { action: 'create', subject: 'Media', conditions: { sessionId: 'ventas' } },
      { action: 'read', subject: 'Session', conditions: { sessionId: 'ventas' } },
    ]);
  });

  it('grants each permission once and lets "manage" cover "read"', () => {
    const perms = permissionsOf({ capabilities: ['send', 'read', 'sessions'], sessions: [] });
    expect(perms.filter((p) => p.subject === 'Session')).toEqual([{ action: 'manage', subject: 'Session' }]);
    expect(perms).toHaveLength(6);
  });

  it('one rule per session for several sessions', () => {
    const perms = permissionsOf({ capabilities: ['read'], sessions: ['a', 'b'] });
    expect(perms).toHaveLength(8);
    expect(new Set(perms.map((p) => p.conditions?.sessionId))).toEqual(new Set(['a', 'b']));
  });

  it('reads back what it wrote', () => {
    for (const scope of [
      { capabilities: ['send'] as const, sessions: ['ventas'] },
      { capabilities: ['send', 'read'] as const, sessions: [] },
      { capabilities: ['read', 'sessions', 'assignments'] as const, sessions: ['a', 'b'] },
    ]) {
      const s = summarize(permissionsOf({ capabilities: [...scope.capabilities], sessions: scope.sessions }));
      expect(s.capabilities).toEqual([...scope.capabilities]);
      expect(s.sessions).toEqual(scope.sessions);
      expect(s.other).toEqual([]);
    }
  });

  it('shows rules made elsewhere as they are', () => {
    const s = summarize([
      { action: 'send', subject: 'Message', conditions: { sessionId: 'a' } },
      { action: 'delete', subject: 'Media' },
      { action: 'read', subject: 'Chat', conditions: { jid: 'x@s.whatsapp.net' } },
    ]);
    expect(s.capabilities).toEqual([]);
    expect(s.other).toHaveLength(3);
  });

  it('a capability granted in only one of the sessions is not claimed for all', () => {
    const s = summarize([
      ...permissionsOf({ capabilities: ['send'], sessions: ['a', 'b'] }),
      ...permissionsOf({ capabilities: ['read'], sessions: ['a'] }),
    ]);
    expect(s.capabilities).toEqual(['send']);
    expect(s.other.length).toBeGreaterThan(0);
  });
});
