/**
 * SIGKILL the real actor ten times in a row while a contact writes and the API sends (issue 4):
 * it is restarted each time, turns `problematic` exactly when the restart intensity is exceeded,
 * and while no actor runs the API keeps accepting sends and the contact keeps writing.
 * reset-attempts brings it back and every accepted send is delivered exactly once, every
 * incoming message stored exactly once. Kills land in the middle of traffic: right after a
 * burst was handed to the socket, or once its first message was stored while the rest is still
 * being decrypted, receipted, sent or acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, Session } from '@switchboard/shared/node';
import type { Supervisor } from '@switchboard/supervisor';
import type { HubRecorder } from '@switchboard/supervisor/testing';
import { openCluster, type Cluster } from './harness.ts';

const PHONE = '34600200001';
const CONTACT = '34600200999';
const SESSION = 'chaos-1';
const KILLS = 10;

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_chaos');
});
afterAll(async () => {
  await cluster?.close();
});

/** SIGKILLs the session's actor and returns the event index before the kill. */
function killActor(sup: Supervisor, rec: HubRecorder): number {
  const pid = sup.hub.snapshot(SESSION)?.pid;
  if (!pid) throw new Error('no actor to kill');
  const mark = rec.events.length;
  process.kill(pid, 'SIGKILL');
  return mark;
}

describe('cluster under SIGKILL', () => {
  it('loses and duplicates nothing when killed during traffic, turns problematic at the intensity limit, and recovers on reset-attempts', async () => {
    const { sup, rec } = cluster.supervisor({ restart: { intensity: { maxRestarts: KILLS, windowMs: 600_000 } } });
    await cluster.createSession(SESSION);
    await cluster.link(sup, rec, SESSION, PHONE);
    cluster.sim.createContact({ phone: CONTACT, name: 'Carol' });

    const incoming: string[] = [];
    const outgoing: string[] = [];
    const write = async (text: string) => {
      const { id } = await cluster.sim.contactSend(CONTACT, { to: PHONE, text });
      incoming.push(id);
      return id;
    };
    const accept = async (text: string) => {
      const res = await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text, clientId: text });
      expect(res.duplicate).toBe(false);
      // A client retry with the same clientId is answered with the same message.
      expect((await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text, clientId: text })).messageId).toBe(res.messageId);
      outgoing.push(res.messageId);
      return res.messageId;
    };

    await write('before-kills');
    await accept('before-kills');
    await rec.waitFor((e) => e.type === 'message' && e.message.id === incoming.at(-1));
    await rec.waitFor((e) => e.type === 'message-status' && e.messageId === outgoing.at(-1) && e.status === 'delivered');
    for (let round = 1; round <= KILLS; round++) {
      const [first] = await Promise.all([write(`in-${round}-a`), accept(`out-${round}-a`), write(`in-${round}-b`), accept(`out-${round}-b`), write(`in-${round}-c`)]);
      // Odd rounds kill as soon as the burst is on the wire; even rounds once its first message
      // is stored, with the others still being processed.
      if (round % 2 === 0) await rec.waitFor((e) => e.type === 'message' && e.message.id === first);
      const mark = killActor(sup, rec);
      // The contact keeps writing and the API keeps accepting while the actor restarts.
      await Promise.all([write(`in-${round}-down`), accept(`out-${round}-down`)]);
      await rec.waitStatus(SESSION, 'connected', mark);
      expect(sup.hub.snapshot(SESSION)?.restarts).toBe(round);
    }

    await write('last-burst');
    const mark = killActor(sup, rec);
    await rec.waitStatus(SESSION, 'problematic', mark);
    expect(sup.hub.snapshot(SESSION)).toMatchObject({ status: 'problematic', pid: null, restarts: KILLS });
    const doc = await Session.findOne({ sessionId: SESSION }).lean();
    expect(doc?.status).toBe('problematic');
    expect(doc?.restarts.map((r) => r.reason.split(' ')[0])).toEqual(Array.from({ length: KILLS }, () => 'killed'));
    // While no actor runs, sends are accepted (stored pending) and the contact keeps writing.
    const pendingBefore = await Message.countDocuments({ sessionId: SESSION, fromMe: true, status: 'pending' });
    for (let i = 1; i <= 3; i++) {
      await accept(`while-problematic-${i}`);
      await write(`in-while-problematic-${i}`);
    }
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true, status: 'pending' })).toBe(pendingBefore + 3);

    const back = rec.events.length;
    await sup.resetAttempts(SESSION);
    await rec.waitStatus(SESSION, 'connected', back);
    // Every send reaching the contact and every incoming message announced, waited for as one
    // list so that a failure names every message still missing.
    const notDelivered = () => outgoing.filter((id) => !cluster.sim.received(CONTACT).some((m) => m.id === id));
    const notStored = () => incoming.filter((id) => !rec.events.some((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === id));
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([
        ...outgoing.map((id) => cluster.sim.waitForReceived(CONTACT, (m) => m.id === id, 120_000)),
        ...incoming.map((id) => rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === id)),
      ]),
      new Promise((_, reject) => {
        deadline = setTimeout(() => reject(new Error(`not delivered: ${notDelivered().join(', ')}; not stored: ${notStored().join(', ')}`)), 60_000);
      }),
    ]).finally(() => clearTimeout(deadline));

    const received = cluster.sim.received(CONTACT);
    for (const id of outgoing) expect(received.filter((m) => m.id === id), id).toHaveLength(1);
    expect(new Set(received.map((m) => m.text)).size).toBe(received.length);
    expect(received).toHaveLength(outgoing.length);
    for (const id of incoming) expect(await Message.countDocuments({ sessionId: SESSION, messageId: id }), id).toBe(1);
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: false })).toBe(incoming.length);
    expect(await Message.countDocuments({ sessionId: SESSION, fromMe: true })).toBe(outgoing.length);
    // The last acks may still be on their way to the database when the contact has the message.
    await expect.poll(() => Message.countDocuments({ sessionId: SESSION, fromMe: true, status: 'pending' }), { timeout: 15_000 }).toBe(0);
    const seqs = rec.of(SESSION).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }, 240_000);
});
