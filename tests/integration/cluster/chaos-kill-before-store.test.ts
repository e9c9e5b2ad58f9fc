/**
 * A kill between the receipt of an incoming message and its store, made deterministic: the real
 * actor process SIGKILLs itself (test hook `killBeforeStore`) right after Baileys hands it the
 * message and before the persistence queue sees it. Baileys has sent the receipt by then, so
 * WhatsApp will not deliver it again: only the durable inbox (written before the receipt) can
 * bring it back. The supervisor restarts the actor, which stores and announces it exactly once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthKey, Message } from '@switchboard/shared/node';
import { openCluster, type Cluster } from './harness.ts';

const PHONE = '34600200201';
const CONTACT = '34600200299';
const SESSION = 'chaos-before-store';
const KILLED_AT = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_chaos_before_store');
});
afterAll(async () => {
  await cluster?.close();
});

describe('incoming message under SIGKILL', () => {
  it('stores a message once when the actor dies after Baileys handed it over and before the store', async () => {
    const { sup, rec } = cluster.supervisor({ testHooks: { killBeforeStore: [KILLED_AT] } });
    await cluster.createSession(SESSION);
    await cluster.link(sup, rec, SESSION, PHONE);
    cluster.sim.createContact({ phone: CONTACT, name: 'Eve' });

    const mark = rec.events.length;
    await cluster.sim.contactSend(CONTACT, { to: PHONE, id: KILLED_AT, text: 'between receipt and store' });
    const exit = await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.sessionId === SESSION && e.type === 'actor-exit');
    expect(exit).toMatchObject({ exit: 'killed', action: 'restart' });
    expect(existsSync(join(cluster.dataDir, 'test-hooks', `${SESSION}.kill-before-store.${KILLED_AT}`))).toBe(true);
    // Nothing was stored or announced before the kill.
    expect(rec.events.slice(mark).some((e) => e.type === 'message' && e.message.id === KILLED_AT)).toBe(false);

    await rec.waitStatus(SESSION, 'connected', mark);
    const announced = await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.type === 'message' && e.message.id === KILLED_AT);
    expect(announced).toMatchObject({ message: { text: 'between receipt and store', fromMe: false } });
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: KILLED_AT })).toBe(1);

    // The restarted actor keeps receiving, and the message is still stored once after later traffic.
    const { id: after } = await cluster.sim.contactSend(CONTACT, { to: PHONE, text: 'after the restart' });
    await rec.waitFor((e) => e.type === 'message' && e.message.id === after);
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: KILLED_AT })).toBe(1);

    // The supervisor confirmed both announcements (barriers): a graceful stop leaves no inbox
    // entry to replay, so the next start announces nothing twice.
    await sup.shutdown();
    expect(await AuthKey.countDocuments({ sessionId: SESSION, type: 'inbox' })).toBe(0);
  }, 120_000);
});
