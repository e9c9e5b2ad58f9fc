/**
 * A client retries a send (same clientId) after the node that first took it died between
 * claiming the send key and storing the message — seen in the three-node failover scenario:
 * four accepted sends never delivered. The retry stores the message under the key's message id;
 * it must also ask the running actor to deliver it, which a caught-up actor (claiming hinted
 * sends by key, not scanning) otherwise never does until its next connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimSendKey, Message, messageObjectId } from '@switchboard/shared/node';
import type { Supervisor } from '@switchboard/supervisor';
import { openCluster, type Cluster } from './harness.ts';

const SESSION = 'orphan-key';
const PHONE = '34600300301';
const CONTACT = '34600300399';

let cluster: Cluster;
let sup: Supervisor;
beforeAll(async () => {
  cluster = await openCluster('cluster_orphan_send_key');
});
afterAll(async () => {
  await cluster?.close();
});

describe('a send retried after its first attempt died between the send key and the message', () => {
  it('is stored under the first attempt’s message id and delivered once', async () => {
    const started = cluster.supervisor();
    sup = started.sup;
    const rec = started.rec;
    await cluster.createSession(SESSION);
    await cluster.link(sup, rec, SESSION, PHONE);
    cluster.sim.createContact({ phone: CONTACT, name: 'Olga' });
    // A first send, delivered: the actor's outbox is caught up (hinted sends are claimed by key).
    const first = await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text: 'primero', clientId: 'c-first' });
    await cluster.sim.waitForReceived(CONTACT, (m) => m.id === first.messageId);

    // What a node killed mid-request leaves: the key claimed for a message id, no message.
    const orphanId = '3EB0AA00BB11CC22DD33EE';
    expect(await claimSendKey(SESSION, 'c-retried', orphanId)).toEqual({ claimed: true });
    const retried = await sup.hub.send(SESSION, { to: CONTACT, kind: 'text', text: 'reintentado', clientId: 'c-retried' });
    expect(retried).toMatchObject({ messageId: orphanId, status: 'pending' });
    expect(await Message.exists({ _id: messageObjectId(SESSION, orphanId) })).toBeTruthy();

    const received = await cluster.sim.waitForReceived(CONTACT, (m) => m.id === orphanId, 20_000);
    expect(received.text).toBe('reintentado');
    expect(cluster.sim.received(CONTACT).filter((m) => m.id === orphanId)).toHaveLength(1);
  }, 90_000);

  it('is delivered at the next outbox depth refresh even when no kick reached the actor (the safety net)', async () => {
    // The actor of the first test, caught up: hinted sends are claimed by key, no scans.
    // A pending send stored behind the hub's back: nothing asks the (caught-up) actor for it.
    const silentId = '3EB0FF00EE11DD22CC33BB';
    await Message.create({ sessionId: SESSION, chatId: `${CONTACT}@s.whatsapp.net`, messageId: silentId, fromMe: true, kind: 'text', text: 'sin aviso', status: 'pending', timestamp: new Date() });
    sup.hub.outboxChanged(SESSION);
    await sup.hub.refreshOutboxDepth();
    const received = await cluster.sim.waitForReceived(CONTACT, (m) => m.id === silentId, 20_000);
    expect(received.text).toBe('sin aviso');
  }, 90_000);
});
