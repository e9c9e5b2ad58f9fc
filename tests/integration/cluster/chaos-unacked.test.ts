/**
 * A send whose server ack never came is not "sent": WhatsApp may not have it (a stanza written
 * just before a SIGKILL or a connection reset can be lost). It stays pending, and the next actor
 * sends it again with the same id, which the contact shows once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, messageObjectId } from '@switchboard/shared/node';
import { openCluster, type Cluster } from './harness.ts';

const PHONE = '34600200101';
const CONTACT = '34600200199';
const SESSION = 'chaos-unacked';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await openCluster('cluster_chaos_unacked');
});
afterAll(async () => {
  await cluster?.close();
});

describe('outbox under SIGKILL', () => {
  it('keeps a send without server ack pending and resends it with the same id after a kill', async () => {
    const { sup, rec } = cluster.supervisor();
    await cluster.createSession(SESSION);
    await cluster.link(sup, rec, SESSION, PHONE);
    cluster.sim.createContact({ phone: CONTACT, name: 'Dan' });
    // No delivery receipt either: only WhatsApp's ack could tell the actor the message got through.
    cluster.sim.setAutoReceipts(CONTACT, { delivery: false });
    cluster.sim.injectFault({ phone: PHONE, kind: 'ack-drop' });

    const unacked = (await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text: 'ack lost', clientId: 'a' })).messageId;
    const acked = (await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text: 'ack kept', clientId: 'b' })).messageId;
    await cluster.sim.waitForReceived(CONTACT, (m) => m.id === unacked);
    // The outbox writes in order, so once the second send is announced the first one would have
    // been announced too, had it been counted as sent on its write.
    await rec.waitFor((e) => e.type === 'message-sent' && e.message.id === acked);
    expect(rec.events.some((e) => e.type === 'message-sent' && e.message.id === unacked)).toBe(false);
    expect((await Message.findById(messageObjectId(SESSION, unacked)).lean())?.status).toBe('pending');

    const pid = sup.hub.snapshot(SESSION)?.pid;
    if (!pid) throw new Error('no actor to kill');
    const mark = rec.events.length;
    process.kill(pid, 'SIGKILL');
    await rec.waitStatus(SESSION, 'connected', mark);
    await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.type === 'message-sent' && e.message.id === unacked);

    expect((await Message.findById(messageObjectId(SESSION, unacked)).lean())?.status).toBe('sent');
    expect(cluster.sim.received(CONTACT).filter((m) => m.id === unacked)).toHaveLength(1);
    expect(cluster.sim.received(CONTACT).map((m) => m.text)).toEqual(['ack lost', 'ack kept']);
  }, 120_000);
});
