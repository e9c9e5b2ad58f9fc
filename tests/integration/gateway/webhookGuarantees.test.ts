/**
 * The delivery guarantees of webhooks (docs/webhooks.md, issue 15) that webhooks.test.ts does
 * not show: a delivery is stored before its first attempt; a global webhook covers every
 * session, also one created after it, each in seq order; a paused webhook loses nothing; a
 * receiver down for an hour of the injected clock (default retry policy) misses nothing; and
 * pending deliveries a lane will never send (skipped by a replay, a filter or a scope change)
 * are settled (failed, `skipped: …`) instead of staying pending, and counted, for ever. Real gateway, real EventLog, real
 * dispatcher and real HTTP receivers on 127.0.0.1; no sleeps.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session, silentLogger, Webhook, WebhookDelivery } from '@switchboard/shared/node';
import type { ActorEvent } from '@switchboard/shared';
import { startWebhookDispatcher, type WebhookDispatcher } from '@switchboard/gateway';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingHub } from '../realtime/support/recordingHub.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { startReceiver, type Receiver, type Received } from './support/webhookReceiver.ts';
import { manualTimers } from './support/manualTimers.ts';

let w: GatewayWorld;
let hub: RecordingHub;
let dispatcher: WebhookDispatcher;
let receiver: Receiver;
let admin: string;

const startDispatcher = () => startWebhookDispatcher({ hub, logger: silentLogger(), allowPrivate: true, retry: { baseMs: 10, capMs: 80 }, sweepMs: 60_000 });

const status = (n: number): ActorEvent => ({ type: 'message-status', messageId: `M${n}`, chatId: '34600111222@s.whatsapp.net', status: 'delivered' });
const idOf = (r: Received) => r.headers['x-switchboard-delivery'] as string;
const forSession = (sessionId: string) => (r: Received) => r.json.sessionId === sessionId;
const eventIds = (sessionId: string, seqs: number[]) => seqs.map((seq) => `${sessionId}:${seq}:message-status`);

async function ensureSession(sessionId: string): Promise<void> {
  if (!(await Session.exists({ sessionId }))) await Session.create({ sessionId, name: sessionId, active: false, status: 'stopped' });
}

/** Creates a webhook through REST (the session record first, unless global). */
async function createHook(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  if (typeof body.sessionId === 'string') await ensureSession(body.sessionId);
  const res = await w.api('POST', '/api/webhooks', { token: admin, body: { name: 'hook', url: receiver.url(), ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Records `n` message-status events of a session; returns their seqs. */
async function record(sessionId: string, n: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 1; i <= n; i++) seqs.push((await hub.record(sessionId, status(i))).seq);
  return seqs;
}

beforeAll(async () => {
  w = await openGateway('gw-webhook-guarantees', { settings: { webhookAllowPrivate: true } });
  hub = new RecordingHub();
  receiver = await startReceiver();
  dispatcher = startDispatcher();
  w.app.deps.webhooks = dispatcher;
  admin = await w.login('admin');
}, 60_000);

afterAll(async () => {
  await dispatcher?.stop();
  await receiver?.stop();
  await w?.close();
});

describe('webhook delivery guarantees', () => {
  it('stores a delivery as pending before its first attempt, then logs status, latency and attempts', async () => {
    // A receiver that holds each request until the test answers it.
    const held: { headers: IncomingHttpHeaders; res: ServerResponse }[] = [];
    let arrived: () => void = () => undefined;
    const holder = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        held.push({ headers: req.headers, res });
        arrived();
      });
    });
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const came = new Promise<void>((resolve) => (arrived = resolve));
      const hook = await createHook({ sessionId: 'g-durable', url: `http://127.0.0.1:${(holder.address() as AddressInfo).port}/hook` });
      const [seq] = await record('g-durable', 1);
      await came;
      // The request is in flight and unanswered: the delivery is already stored, not yet attempted.
      const during = await WebhookDelivery.findOne({ webhookId: hook.id }).lean();
      expect(during).toMatchObject({ eventId: `g-durable:${seq}:message-status`, status: 'pending', attempts: 0, lastAttemptAt: null });
      expect(held[0]!.headers['x-switchboard-delivery']).toBe(during!.eventId);
      held[0]!.res.writeHead(204).end();
      await vi.waitFor(async () => expect((await WebhookDelivery.findById(during!._id).lean())!.status).toBe('delivered'), { timeout: 10_000, interval: 20 });
      const log = await w.api('GET', `/api/webhooks/${hook.id}/deliveries`, { token: admin });
      expect(log.body.data).toHaveLength(1);
      expect(log.body.data[0]).toMatchObject({ eventId: during!.eventId, status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null });
      expect(log.body.data[0].latencyMs).toEqual(expect.any(Number));
      expect(log.body.data[0].latencyMs).toBeGreaterThanOrEqual(0);
      await w.api('DELETE', `/api/webhooks/${hook.id}`, { token: admin });
    } finally {
      for (const h of held) if (!h.res.writableEnded) h.res.end();
      await new Promise<void>((resolve) => {
        holder.close(() => resolve());
        holder.closeAllConnections();
      });
    }
  });

  it('sends every session to a global webhook, also a session created after it, each in seq order', async () => {
    await ensureSession('g-one');
    await ensureSession('g-two');
    const hook = await createHook({ sessionId: null });
    const from = receiver.requests.length;
    const one: number[] = [];
    const two: number[] = [];
    // Interleaved: the sessions' lanes run side by side, each strictly in order.
    for (let i = 1; i <= 3; i++) {
      one.push(...(await record('g-one', 1)));
      two.push(...(await record('g-two', 1)));
    }
    await ensureSession('g-later');
    const later = await record('g-later', 2);
    for (const [sessionId, seqs] of [['g-one', one], ['g-two', two], ['g-later', later]] as const) {
      const ids = eventIds(sessionId, seqs);
      await receiver.waitFor((r) => idOf(r) === ids.at(-1), from);
      expect(receiver.requests.slice(from).filter(forSession(sessionId)).map(idOf), sessionId).toEqual(ids);
    }
    expect((await w.api('DELETE', `/api/webhooks/${hook.id}`, { token: admin })).status).toBe(200);
  });

  it('keeps the events of a paused webhook and sends them, in order, when it is active again', async () => {
    const hook = await createHook({ sessionId: 'g-paused' });
    expect((await w.api('PUT', `/api/webhooks/${hook.id}`, { token: admin, body: { active: false } })).body.active).toBe(false);
    await dispatcher.sweep();
    const seqs = await record('g-paused', 3);
    const from = receiver.requests.length;
    expect(await WebhookDelivery.countDocuments({ webhookId: hook.id })).toBe(0);
    expect((await w.api('PUT', `/api/webhooks/${hook.id}`, { token: admin, body: { active: true } })).body.active).toBe(true);
    const ids = eventIds('g-paused', seqs);
    await receiver.waitFor((r) => idOf(r) === ids[2], from);
    // Nothing went out while paused (every request came after re-activation), each once, in order.
    expect(receiver.requests.filter(forSession('g-paused')).map(idOf)).toEqual(ids);
    expect(receiver.requests.slice(0, from).some(forSession('g-paused'))).toBe(false);
  });

  it('settles the pending head a replay from a later seq skips, instead of leaving it pending for ever', async () => {
    const hook = await createHook({ sessionId: 'g-skip' });
    receiver.answer = (r) => (r.json.sessionId === 'g-skip' && r.json.data.messageId === 'M1' ? 503 : 200);
    try {
      const seqs = await record('g-skip', 3);
      const ids = eventIds('g-skip', seqs);
      await receiver.waitFor((r) => idOf(r) === ids[0] && r.status === 503);
      const res = await w.api('POST', `/api/webhooks/${hook.id}/replay`, { token: admin, body: { sessionId: 'g-skip', fromSeq: seqs[1] } });
      expect(res.status).toBe(202);
      await receiver.waitFor((r) => idOf(r) === ids[2]);
      const head = await WebhookDelivery.findOne({ webhookId: hook.id, seq: seqs[0] }).lean();
      expect(head).toMatchObject({ status: 'failed', nextAttemptAt: null });
      expect(head!.lastError).toMatch(/^skipped: the webhook was replayed from seq/);
      await vi.waitFor(async () => expect(await WebhookDelivery.countDocuments({ webhookId: hook.id, status: 'pending' })).toBe(0), { timeout: 10_000, interval: 20 });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('settles pending deliveries of an event the webhook stops subscribing to', async () => {
    const hook = await createHook({ sessionId: 'g-filter' });
    receiver.answer = (r) => (r.json.sessionId === 'g-filter' ? 503 : 200);
    try {
      const [seq] = await record('g-filter', 1);
      await receiver.waitFor((r) => idOf(r) === `g-filter:${seq}:message-status` && r.status === 503);
      const put = await w.api('PUT', `/api/webhooks/${hook.id}`, { token: admin, body: { events: ['message'] } });
      expect(put.status).toBe(200);
      const d = await WebhookDelivery.findOne({ webhookId: hook.id, seq }).lean();
      expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null, lastError: 'skipped: the webhook no longer subscribes to message-status' });
      expect((await w.api('GET', `/api/webhooks/${hook.id}`, { token: admin })).body.stats).toMatchObject({ pending: 0, failed: 1 });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('has the lane settle what a change left pending behind the route (a run that used the old settings)', async () => {
    const hook = await createHook({ sessionId: 'g-lane' });
    receiver.answer = (r) => (r.json.sessionId === 'g-lane' ? 503 : 200);
    try {
      const [seq] = await record('g-lane', 1);
      await receiver.waitFor((r) => idOf(r) === `g-lane:${seq}:message-status` && r.status === 503);
      // The filter changes without the route's own settling (as when a lane run that loaded the
      // old settings queued the delivery after it): the lane settles it when it next runs.
      await Webhook.updateOne({ _id: hook.id }, { $set: { events: ['message'] } });
      await dispatcher.sweep();
      await vi.waitFor(async () => expect(await WebhookDelivery.findOne({ webhookId: hook.id, seq }).lean()).toMatchObject({ status: 'failed', lastError: 'skipped: the webhook no longer subscribes to message-status' }), {
        timeout: 10_000,
        interval: 20,
      });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('settles pending deliveries of a session the webhook is moved away from', async () => {
    const hook = await createHook({ sessionId: 'g-moved' });
    await ensureSession('g-moved-to');
    receiver.answer = (r) => (r.json.sessionId === 'g-moved' ? 503 : 200);
    try {
      const [seq] = await record('g-moved', 1);
      await receiver.waitFor((r) => idOf(r) === `g-moved:${seq}:message-status` && r.status === 503);
      const put = await w.api('PUT', `/api/webhooks/${hook.id}`, { token: admin, body: { sessionId: 'g-moved-to' } });
      expect(put.body.sessionId).toBe('g-moved-to');
      const d = await WebhookDelivery.findOne({ webhookId: hook.id, seq }).lean();
      expect(d).toMatchObject({ status: 'failed', nextAttemptAt: null, lastError: 'skipped: the webhook no longer receives the events of g-moved' });
      // The new session's events go out as usual.
      const [next] = await record('g-moved-to', 1);
      await receiver.waitFor((r) => idOf(r) === `g-moved-to:${next}:message-status` && r.status === 200);
      await vi.waitFor(async () => expect(await WebhookDelivery.countDocuments({ webhookId: hook.id, status: 'pending' })).toBe(0), { timeout: 10_000, interval: 20 });
    } finally {
      receiver.answer = () => 200;
    }
  });

  it('settles a ping left pending by a gateway that stopped during its attempt', async () => {
    const hook = await createHook({ sessionId: 'g-ping' });
    await dispatcher.stop();
    // What a stop between storing the ping and recording its attempt leaves behind.
    const stale = await WebhookDelivery.create({ webhookId: hook.id, sessionId: 'g-ping', seq: 0, eventId: 'ping:stale', event: 'ping', body: '{}', status: 'pending', queuedAt: new Date(Date.now() - 3_600_000) });
    const fresh = await WebhookDelivery.create({ webhookId: hook.id, sessionId: 'g-ping', seq: 0, eventId: 'ping:fresh', event: 'ping', body: '{}', status: 'pending', queuedAt: new Date() });
    dispatcher = startDispatcher();
    w.app.deps.webhooks = dispatcher;
    await vi.waitFor(async () => expect(await WebhookDelivery.findById(stale._id).lean()).toMatchObject({ status: 'failed', lastError: 'interrupted: the gateway stopped during the attempt' }), { timeout: 10_000, interval: 20 });
    // One still within an attempt's time is left alone.
    expect((await WebhookDelivery.findById(fresh._id).lean())!.status).toBe('pending');
    await WebhookDelivery.deleteOne({ _id: fresh._id });
  });

  it('misses nothing while the receiver is down for an hour (default policy, injected clock), each event once, in order', async () => {
    await dispatcher.stop();
    const down = await startReceiver();
    await down.stop();
    const HOUR = 3_600_000;
    const SWEEP_MS = 10 * 86_400_000;
    const manual = manualTimers(Date.UTC(2030, 5, 1), SWEEP_MS);
    // No hub: events recorded during the outage only reach the lane through the stored log
    // (sessionevents), and the lane runs only when its retry timer fires, one timer at a time.
    const fake = startWebhookDispatcher({
      hub: { subscribe: () => () => undefined },
      logger: silentLogger(),
      allowPrivate: true,
      sweepMs: SWEEP_MS,
      now: manual.now,
      random: () => 0.999,
      timers: manual.timers,
    });
    w.app.deps.webhooks = fake;
    try {
      await ensureSession('g-outage');
      const res = await w.api('POST', '/api/webhooks', { token: admin, body: { name: 'outage', url: down.url(), sessionId: 'g-outage' } });
      expect(res.status).toBe(201);
      const start = manual.now();
      const seqs = await record('g-outage', 1);
      await fake.sweep(); // wakes the lane: its first attempt is refused
      let t = await manual.nextRetry();
      // Each round moves the clock to the lane's retry and fires it; while the hour lasts, a new
      // event is stored every other round (it waits behind the head).
      for (let round = 1; t.at - start < HOUR; round++) {
        manual.advanceTo(t);
        if (round % 2 === 0) seqs.push(...(await record('g-outage', 1)));
        t.fn();
        t = await manual.nextRetry();
      }
      const ids = eventIds('g-outage', seqs);
      const head = await WebhookDelivery.findOne({ eventId: ids[0] }).lean();
      expect(head).toMatchObject({ status: 'pending' });
      expect(head!.attempts).toBeGreaterThanOrEqual(10);
      expect(head!.lastError).toMatch(/ECONNREFUSED/);
      expect(down.requests).toHaveLength(0);
      // An hour after the first attempt the receiver is back; the lane's next retry sends it all.
      await down.listen();
      manual.advanceTo(t);
      expect(manual.now() - start).toBeGreaterThanOrEqual(HOUR);
      const last = down.waitFor((r) => idOf(r) === ids.at(-1));
      t.fn();
      await last;
      expect(seqs.length).toBeGreaterThanOrEqual(4);
      expect(down.requests.map(idOf)).toEqual(ids);
      expect(down.requests.every((r) => r.status === 200)).toBe(true);
      await vi.waitFor(async () => expect(await WebhookDelivery.countDocuments({ eventId: { $in: ids }, status: 'delivered' })).toBe(ids.length), { timeout: 10_000, interval: 20 });
    } finally {
      await fake.stop();
      await down.stop().catch(() => undefined);
      dispatcher = startDispatcher();
      w.app.deps.webhooks = dispatcher;
    }
  });
});
