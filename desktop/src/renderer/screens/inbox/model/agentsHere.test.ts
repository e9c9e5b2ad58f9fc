import { describe, expect, it } from 'vitest';
import { AGENT_STALE_MS, afterReply, applyActivity, pruneAgents, type AgentsByChat } from './agentsHere.ts';

const sofia = { id: 'u1', name: 'Sofía' };
const elena = { id: 'u2', name: 'Elena' };

describe('agents in chats', () => {
  it('adds, updates and removes an agent per chat, leaving other chats as they were', () => {
    let m: AgentsByChat = new Map();
    m = applyActivity(m, 'a', { user: sofia, state: 'viewing' }, 1);
    m = applyActivity(m, 'b', { user: elena, state: 'viewing' }, 1);
    const b = m.get('b');
    m = applyActivity(m, 'a', { user: sofia, state: 'typing' }, 2);
    m = applyActivity(m, 'a', { user: elena, state: 'viewing' }, 3);
    expect(m.get('a')!.map((x) => `${x.name}:${x.state}`)).toEqual(['Elena:viewing', 'Sofía:typing']);
    expect(m.get('b')).toBe(b);
    m = applyActivity(m, 'a', { user: sofia, state: 'left' }, 4);
    m = applyActivity(m, 'a', { user: elena, state: 'left' }, 4);
    expect(m.has('a')).toBe(false);
    expect(applyActivity(m, 'c', { user: sofia, state: 'left' }, 5)).toBe(m);
  });

  it('stops showing an agent as writing once their reply went out, and changes nothing otherwise', () => {
    let m: AgentsByChat = new Map();
    m = applyActivity(m, 'a', { user: sofia, state: 'typing' }, 1);
    m = applyActivity(m, 'a', { user: elena, state: 'typing' }, 1);
    const after = afterReply(m, 'a', sofia.id);
    expect(after.get('a')!.map((x) => `${x.name}:${x.state}`)).toEqual(['Elena:typing', 'Sofía:viewing']);
    expect(afterReply(after, 'a', sofia.id)).toBe(after);
    expect(afterReply(after, 'b', elena.id)).toBe(after);
  });

  it('forgets agents not heard from for a while, and keeps the map when nobody is stale', () => {
    let m: AgentsByChat = new Map();
    m = applyActivity(m, 'a', { user: sofia, state: 'viewing' }, 0);
    m = applyActivity(m, 'a', { user: elena, state: 'viewing' }, 30_000);
    expect(pruneAgents(m, AGENT_STALE_MS - 1)).toBe(m);
    expect(pruneAgents(m, AGENT_STALE_MS).get('a')!.map((x) => x.name)).toEqual(['Elena']);
    expect(pruneAgents(m, 30_000 + AGENT_STALE_MS).size).toBe(0);
  });
});
