/**
 * SIGKILL the real actor again and again: it is restarted each time, turns `problematic`
 * exactly when the restart intensity is exceeded, and while no actor runs the API keeps
 * accepting sends and the contact keeps writing. reset-attempts brings it back and every
 * accepted send is delivered exactly once, every incoming message stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, Session } from '@switchboard/shared/node';
import type { Supervisor } from '@switchboard/supervisor';
import type { HubRecorder } from '@switchboard/supervisor/testing';
import { openCluster, type Cluster } from './harness.ts';

const PHONE = '34600200001';
const CONTACT = '34600200999';
const SESSION = 'chaos-1';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_chaos');
});
afterAll(async () => {
  await cluster?.close();
});

/** SIGKILLs the session's actor and returns the event index before the kill. */
function killActor(sup: Supervisor, rec: HubRecorder): number {
  const pid = sup.snapshot(SESSION)?.pid;
  if (!pid) throw new Error('no actor to kill');
  const mark = rec.events.length;
  process.kill(pid, 'SIGKILL');
  return mark;
}

describe('cluster under SIGKILL', () => {
  it('loses and duplicates nothing, turns problematic at the intensity limit, and recovers on reset-attempts', async () => {
    const { sup, rec } = cluster.supervisor({ restart: { intensity: { maxRestarts: 3, windowMs: 300_000 } } });
    await cluster.createSession(SESSION);
    await cluster.link(sup, rec, SESSION, PHONE);
    cluster.sim.createContact({ phone: CONTACT, name: 'Carol' });

    const incoming: string[] = [];
    const outgoing: string[] = [];
    const write = async (text: string) => incoming.push((await cluster.sim.contactSend(CONTACT, { to: PHONE, text })).id);
    const accept = async (text: string) => {
      const res = await sup.send(SESSION, { to: CONTACT, kind: 'text', text, clientId: text });
      expect(res.duplicate).toBe(false);
      // A client retry with the same clientId is answered with the same message.
      expect((await sup.send(SESSION, { to: CONTACT, kind: 'text', text, clientId: text })).messageId).toBe(res.messageId);
      outgoing.push(res.messageId);
    };

    // Kills hit actors with no message traffic in flight: a SIGKILL inside a Signal
    // transaction can leave the stored Signal session behind the peer's (an actor-side
    // durability limit, see docs/cluster.md), which is not what this test is about. Traffic
    // happens while the actor is down and after the final recovery.
    await write('before-kills');
    await accept('before-kills');
    await rec.waitFor((e) => e.type === 'message' && e.message.id === incoming.at(-1));
    await rec.waitFor((e) => e.type === 'message-status' && e.messageId === outgoing.at(-1) && e.status === 'delivered');
    for (let round = 1; round <= 3; round++) {
      const mark = killActor(sup, rec);
      await rec.waitStatus(SESSION, 'connected', mark);
      expect(sup.snapshot(SESSION)?.restarts).toBe(round);
    }

    const mark = killActor(sup, rec);
    await rec.waitStatus(SESSION, 'problematic', mark);
    expect(sup.snapshot(SESSION)).toMatchObject({ status: 'problematic', pid: null, restarts: 3 });
    const doc = await Session.findOne({ sessionId: SESSION }).lean();
    expect(doc?.status).toBe('problematic');
    expect(doc?.restarts.map((r) => r.reason.split(' ')[0])).toEqual(['killed', 'killed', 'killed']);
    // While no actor runs, sends are accepted (stored pending) and the contact keeps writing.
    for (let i = 1; i <= 3; i++) {
      await accept(`while-problematic-${i}`);
      await write(`in-while-problematic-${i}`);
    }
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true, status: 'pending' })).toBe(3);

    const back = rec.events.length;
    await sup.resetAttempts(SESSION);
    await rec.waitStatus(SESSION, 'connected', back);
    for (const id of outgoing) await cluster.sim.waitForReceived(CONTACT, (m) => m.id === id);
    for (const id of incoming) await rec.waitFor((e) => e.type === 'message' && e.message.id === id);

    const received = cluster.sim.received(CONTACT);
    for (const id of outgoing) expect(received.filter((m) => m.id === id), id).toHaveLength(1);
    expect(new Set(received.map((m) => m.text)).size).toBe(received.length);
    for (const id of incoming) expect(await Message.countDocuments({ sessionId: SESSION, messageId: id }), id).toBe(1);
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true })).toBe(outgoing.length);
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true, status: 'pending' })).toBe(0);
    const seqs = rec.of(SESSION).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }, 180_000);
});
