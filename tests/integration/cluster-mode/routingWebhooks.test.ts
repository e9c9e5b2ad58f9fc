/**
 * Cluster mode, webhooks: two dispatchers (two nodes' gateways) over one database, both hearing
 * every event (the worst case), each told which sessions its node holds (`owns`). Each event is
 * delivered once, by the owner; when the lease moves, the new owner carries on from the cursor.
 * Real gateway (REST), real EventLog writes (RecordingHub), real HTTP receiver.
 */
import type { ActorEvent } from '@switchboard/shared';
import { Session, silentLogger } from '@switchboard/shared/node';
import { startWebhookDispatcher, type WebhookDispatcher } from '@switchboard/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from '../gateway/support/harness.ts';
import { startReceiver, type Receiver, type Received } from '../gateway/support/webhookReceiver.ts';
import { RecordingHub } from '../realtime/support/recordingHub.ts';

let w: GatewayWorld;
let hub: RecordingHub;
let receiver: Receiver;
let admin: string;
const owner = new Map<string, 'node-a' | 'node-b'>();
const dispatchers: WebhookDispatcher[] = [];

const status = (n: number): ActorEvent => ({ type: 'message-status', messageId: `M${n}`, chatId: '34600111222@s.whatsapp.net', status: 'delivered' });
const idOf = (r: Received) => r.headers['x-switchboard-delivery'] as string;

function nodeDispatcher(nodeId: 'node-a' | 'node-b'): WebhookDispatcher {
  const d = startWebhookDispatcher({ hub, logger: silentLogger(), allowPrivate: true, retry: { baseMs: 10, capMs: 80 }, sweepMs: 60_000, owns: (sessionId) => owner.get(sessionId) === nodeId });
  dispatchers.push(d);
  return d;
}

beforeAll(async () => {
  w = await openGateway('cm-webhooks', { settings: { webhookAllowPrivate: true } });
  hub = new RecordingHub();
  receiver = await startReceiver();
  admin = await w.login('admin');
}, 60_000);

afterAll(async () => {
  for (const d of dispatchers) await d.stop();
  await receiver?.stop();
  await w?.close();
});

describe('cluster mode: webhooks', () => {
  it("delivers each session's events once, from the node holding its lease, and follows the lease when it moves", async () => {
    for (const sessionId of ['cm-wh-a', 'cm-wh-b']) {
      await Session.create({ sessionId, name: sessionId, active: false, status: 'stopped' });
      const res = await w.api('POST', '/api/webhooks', { token: admin, body: { name: `hook ${sessionId}`, url: receiver.url(), sessionId } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    owner.set('cm-wh-a', 'node-a');
    owner.set('cm-wh-b', 'node-b');
    const a = nodeDispatcher('node-a');
    const b = nodeDispatcher('node-b');
    await Promise.all([a.sweep(), b.sweep()]);

    const first = [await hub.record('cm-wh-a', status(1)), await hub.record('cm-wh-b', status(2))];
    for (const e of first) await receiver.waitFor((r) => idOf(r) === `${e.sessionId}:${e.seq}:message-status`);

    // Session a moves to node b: its next event is delivered by node b, from the stored cursor.
    owner.set('cm-wh-a', 'node-b');
    const moved = await hub.record('cm-wh-a', status(3));
    await receiver.waitFor((r) => idOf(r) === `cm-wh-a:${moved.seq}:message-status`);

    // Whatever was in flight has finished: every event reached the receiver exactly once.
    await a.stop();
    await b.stop();
    const ids = receiver.requests.map(idOf).filter((id) => id.startsWith('cm-wh-'));
    expect(ids.sort()).toEqual([...first, moved].map((e) => `${e.sessionId}:${e.seq}:message-status`).sort());
  });
});
