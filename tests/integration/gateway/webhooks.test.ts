/**
 * Webhooks end to end: the real gateway (REST), the Supervisor's real EventLog writing
 * `sessionevents` and publishing (RecordingHub), the real dispatcher, and a real HTTP receiver
 * on 127.0.0.1. Retries use tiny backoff delays; tests wait for requests, never sleep.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AuditLog, Session, silentLogger, WebhookDelivery } from '@switchboard/shared/node';
import type { ActorEvent } from '@switchboard/shared';
import { startWebhookDispatcher, type WebhookDispatcher } from '@switchboard/gateway';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingHub } from '../realtime/support/recordingHub.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { startReceiver, type Receiver, type Received } from './support/webhookReceiver.ts';
import { manualTimers } from './support/manualTimers.ts';

const docs = readFileSync(fileURLToPath(new URL('../../../docs/webhooks.md', import.meta.url)), 'utf8');
const snippet = (lang: string) => [...docs.matchAll(/```(\w+)\n([\s\S]*?)```/g)].find((m) => m[1] === lang)![2]!;

let w: GatewayWorld;
let hub: RecordingHub;
let dispatcher: WebhookDispatcher;
let receiver: Receiver;
let admin: string;
let verifyFromDocs: (secret: string, headers: Record<string, unknown>, rawBody: string) => boolean;
const tmp = mkdtempSync(join(tmpdir(), 'webhook-docs-'));

const startDispatcher = () =>
  startWebhookDispatcher({ hub, logger: silentLogger(), allowPrivate: true, retry: { baseMs: 10, capMs: 80 }, sweepMs: 60_000 });

const status = (sessionId: string, n: number): ActorEvent => ({ type: 'message-status', messageId: `M${n}`, chatId: '34600111222@s.whatsapp.net', status: 'delivered' });

/** Creates a session record and a webhook for it; returns the webhook (with its secret). */
async function hookFor(sessionId: string, extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  if (!(await Session.exists({ sessionId }))) await Session.create({ sessionId, name: sessionId, active: false, status: 'stopped' });
  const res = await w.api('POST', '/api/webhooks', { token: admin, body: { name: `hook ${sessionId}`, url: receiver.url(), sessionId, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const idOf = (r: Received) => r.headers['x-switchboard-delivery'] as string;
const forSession = (sessionId: string) => (r: Received) => r.json.sessionId === sessionId;

beforeAll(async () => {
  w = await openGateway('gw-webhooks', { settings: { webhookAllowPrivate: true } });
  hub = new RecordingHub();
  receiver = await startReceiver();
  dispatcher = startDispatcher();
  w.app.deps.webhooks = dispatcher;
  admin = await w.login('admin');
  const file = join(tmp, 'verify.mjs');
  writeFileSync(file, snippet('js'));
  ({ verifySwitchboard: verifyFromDocs } = await import(pathToFileURL(file).href));
}, 60_000);

afterAll(async () => {
  await dispatcher?.stop();
  await receiver?.stop();
  await w?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('webhooks', () => {
  it('signs each request so that the documented Node and Python snippets verify it', async () => {
    const hook = await hookFor('wh-sig', { events: ['message'] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    await hub.record('wh-sig', status('wh-sig', 1)); // not subscribed: never sent
    const event = await hub.record('wh-sig', { type: 'message', message: { id: 'M-SIG', sessionId: 'wh-sig', chatId: '34600111222@s.whatsapp.net', fromMe: false, kind: 'text', text: 'hola', status: 'delivered', timestamp: Date.now() } });
    const got = await receiver.waitFor(forSession('wh-sig'));
    expect(got.json).toMatchObject({ id: `wh-sig:${event.seq}:message`, event: 'message', sessionId: 'wh-sig', seq: event.seq, data: { seq: event.seq, message: { id: 'M-SIG' } } });
    expect(got.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1', 'x-switchboard-event': 'message', 'x-switchboard-delivery': got.json.id });
    expect(verifyFromDocs(hook.secret, got.headers, got.body)).toBe(true);
    expect(verifyFromDocs('whsec_not_the_right_secret_at_all', got.headers, got.body)).toBe(false);
    expect(verifyFromDocs(hook.secret, got.headers, got.body.replace('hola', 'hole'))).toBe(false);
    expect(verifyFromDocs(hook.secret, { ...got.headers, 'x-switchboard-timestamp': String(Number(got.headers['x-switchboard-timestamp']) - 3600) }, got.body)).toBe(false);

    const python = spawnSync('python3', ['-c', `${snippet('python')}\nimport json, sys\nr = json.load(sys.stdin)\nprint(verify_switchboard(r["secret"], r["headers"], r["body"].encode()), verify_switchboard("x" * 20, r["headers"], r["body"].encode()))\n`], {
      input: JSON.stringify({ secret: hook.secret, body: got.body, headers: { 'X-Switchboard-Timestamp': got.headers['x-switchboard-timestamp'], 'X-Switchboard-Signature': got.headers['x-switchboard-signature'] } }),
      encoding: 'utf8',
    });
    // Machines without python3 (spawn error ENOENT) skip this half; CI images have it.
    if (!python.error) expect(python.stdout.trim(), python.stderr).toBe('True False');
  });

  it('never shows the secret again: not in GET answers, not in the audit log', async () => {
    const hook = await hookFor('wh-secret', { secret: 'my-own-secret-1234567890' });
    expect(hook.secret).toBe('my-own-secret-1234567890');
    const one = await w.api('GET', `/api/webhooks/${hook.id}`, { token: admin });
    const list = await w.api('GET', '/api/webhooks', { token: admin });
    expect(one.body).toMatchObject({ id: hook.id, secretHint: '7890', sessionId: 'wh-secret', events: [], active: true, stats: { delivered: 0, failed: 0, pending: 0, lastDeliveryAt: null, lastStatus: null } });
    expect(list.body.data.map((h: { id: string }) => h.id)).toContain(hook.id);
    const rotated = await w.api('POST', `/api/webhooks/${hook.id}/rotate-secret`, { token: admin });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    const again = await w.api('GET', `/api/webhooks/${hook.id}`, { token: admin });
    expect(again.body.secretHint).toBe(rotated.body.secret.slice(-4));
    const audit = JSON.stringify(await AuditLog.find({ action: /^webhook\./ }).lean());
    for (const text of [JSON.stringify(one.body), JSON.stringify(list.body), JSON.stringify(again.body), audit]) {
      expect(text).not.toContain('my-own-secret-1234567890');
      expect(text).not.toContain(rotated.body.secret);
    }
    expect(one.body.secret).toBeUndefined();
  });

  it('retries while the receiver is down, then delivers each event exactly once, in seq order', async () => {
    const hook = await hookFor('wh-down');
    const from = receiver.requests.length;
    receiver.answer = (r) => (r.json.sessionId === 'wh-down' ? 503 : 200);
    const seqs: number[] = [];
    for (let n = 1; n <= 3; n++) seqs.push((await hub.record('wh-down', status('wh-down', n))).seq);
    const ids = seqs.map((seq) => `wh-down:${seq}:message-status`);
    // Answers 503 three times, then refuses connections.
    for (let i = 0; i < 3; i++) await receiver.waitFor((r) => idOf(r) === ids[0] && receiver.requests.indexOf(r) >= from + i, from);
    await receiver.stop();
    const first = await w.api('GET', `/api/webhooks/${hook.id}/deliveries`, { token: admin });
    const attemptsBefore = first.body.data.find((d: { eventId: string }) => d.eventId === ids[0]).attempts;
    await vi.waitFor(async () => {
      const d = await WebhookDelivery.findOne({ eventId: ids[0] }).lean();
      expect(d!.attempts).toBeGreaterThanOrEqual(attemptsBefore + 2);
      expect(d!.lastError).toMatch(/ECONNREFUSED/);
    }, { timeout: 15_000, interval: 20 });
    // Head of line: nothing after the first event was tried while it failed.
    expect(await WebhookDelivery.countDocuments({ webhookId: hook.id, eventId: { $in: ids.slice(1) } })).toBe(0);

    receiver.answer = () => 200;
    await receiver.listen();
    await receiver.waitFor((r) => idOf(r) === ids[2], from);
    const mine = receiver.requests.slice(from).filter(forSession('wh-down'));
    const ok = mine.filter((r) => r.status === 200).map(idOf);
    expect(ok).toEqual(ids);
    expect(mine.filter((r) => r.status !== 200).every((r) => idOf(r) === ids[0])).toBe(true);

    // The log is written once the receiver's answer is back.
    await vi.waitFor(async () => expect(await WebhookDelivery.countDocuments({ webhookId: hook.id, status: 'delivered' })).toBe(3), { timeout: 10_000, interval: 20 });
    const log = await w.api('GET', `/api/webhooks/${hook.id}/deliveries?status=delivered`, { token: admin });
    expect(log.body.total).toBe(3);
    expect(log.body.data.map((d: { seq: number }) => d.seq)).toEqual([...seqs].reverse());
    const head = log.body.data.find((d: { eventId: string }) => d.eventId === ids[0]);
    expect(head).toMatchObject({ status: 'delivered', lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(head.attempts).toBeGreaterThan(attemptsBefore + 1);
    const view = await w.api('GET', `/api/webhooks/${hook.id}`, { token: admin });
    expect(view.body.stats).toMatchObject({ delivered: 3, failed: 0, pending: 0, lastStatus: 'delivered' });
  });

  it('replays from a seq: the events from it on are sent again, in order, with their ids', async () => {
    const hook = (await w.api('GET', '/api/webhooks', { token: admin })).body.data.find((h: { sessionId: string }) => h.sessionId === 'wh-down');
    const seqs = (await WebhookDelivery.find({ webhookId: hook.id }).sort({ seq: 1 }).lean()).map((d) => d.seq);
    const from = receiver.requests.length;
    const res = await w.api('POST', `/api/webhooks/${hook.id}/replay`, { token: admin, body: { sessionId: 'wh-down', fromSeq: seqs[1] } });
    expect(res.status).toBe(202);
    await receiver.waitFor((r) => idOf(r) === `wh-down:${seqs[2]}:message-status`, from);
    expect(receiver.requests.slice(from).filter(forSession('wh-down')).map(idOf)).toEqual([`wh-down:${seqs[1]}:message-status`, `wh-down:${seqs[2]}:message-status`]);
    const other = await w.api('POST', `/api/webhooks/${hook.id}/replay`, { token: admin, body: { sessionId: 'wh-sig', fromSeq: 1 } });
    expect([other.status, other.body.error.code]).toEqual([400, 'session_not_in_scope']);
  });

  it('redelivers one delivery with the same event id, signed with the current secret', async () => {
    const hook = await hookFor('wh-redeliver');
    const seq = (await hub.record('wh-redeliver', status('wh-redeliver', 1))).seq;
    const firstSent = await receiver.waitFor(forSession('wh-redeliver'));
    // The log is written once the receiver's answer is back.
    await vi.waitFor(async () => expect(await WebhookDelivery.countDocuments({ webhookId: hook.id, status: 'delivered' })).toBe(1), { timeout: 10_000, interval: 20 });
    const log = await w.api('GET', `/api/webhooks/${hook.id}/deliveries`, { token: admin });
    const delivery = log.body.data[0];
    expect(delivery).toMatchObject({ eventId: `wh-redeliver:${seq}:message-status`, event: 'message-status', sessionId: 'wh-redeliver', seq, status: 'delivered', attempts: 1 });
    const rotated = (await w.api('POST', `/api/webhooks/${hook.id}/rotate-secret`, { token: admin })).body.secret;
    const from = receiver.requests.length;
    const res = await w.api('POST', `/api/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`, { token: admin });
    expect(res.status).toBe(202);
    const again = await receiver.waitFor(forSession('wh-redeliver'), from);
    expect(idOf(again)).toBe(delivery.eventId);
    expect(again.body).toBe(firstSent.body);
    expect(verifyFromDocs(rotated, again.headers, again.body)).toBe(true);
    await vi.waitFor(async () => expect((await WebhookDelivery.findById(delivery.id).lean())!.attempts).toBe(2), { timeout: 10_000, interval: 20 });
  });

  it('answers a ping with the delivery of its attempt', async () => {
    const hook = await hookFor('wh-ping');
    const res = await w.api('POST', `/api/webhooks/${hook.id}/ping`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ event: 'ping', status: 'delivered', attempts: 1, lastStatusCode: 200, seq: 0, sessionId: 'wh-ping' });
    const got = await receiver.waitFor((r) => idOf(r) === res.body.eventId);
    expect(got.json).toMatchObject({ event: 'ping', data: { webhookId: hook.id } });
  });

  it('catches up from the cursor after the gateway was down', async () => {
    await hookFor('wh-restart');
    await dispatcher.stop();
    const seqs: number[] = [];
    for (let n = 1; n <= 2; n++) seqs.push((await hub.record('wh-restart', status('wh-restart', n))).seq);
    const from = receiver.requests.length;
    dispatcher = startDispatcher();
    w.app.deps.webhooks = dispatcher;
    await receiver.waitFor((r) => idOf(r) === `wh-restart:${seqs[1]}:message-status`, from);
    expect(receiver.requests.slice(from).filter(forSession('wh-restart')).map(idOf)).toEqual(seqs.map((s) => `wh-restart:${s}:message-status`));
  });

  it('gives a delivery up after 24 hours of retries on the injected clock, counts it, and moves on', async () => {
    // Only this test's dispatcher runs: a fake clock and timers, the default policy (1 s … 1 h, 24 h).
    await dispatcher.stop();
    const SWEEP_MS = 10 * 86_400_000;
    const manual = manualTimers(Date.UTC(2030, 0, 1), SWEEP_MS);
    const failed: string[] = [];
    const fake = startWebhookDispatcher({
      hub,
      logger: silentLogger(),
      allowPrivate: true,
      sweepMs: SWEEP_MS,
      now: manual.now,
      random: () => 0.999,
      onFailed: (id) => failed.push(id),
      timers: manual.timers,
    });
    w.app.deps.webhooks = fake;
    try {
      const hook = await hookFor('wh-giveup');
      // The first event of the session always fails; the second one succeeds.
      receiver.answer = (r) => (r.json.sessionId === 'wh-giveup' && r.json.data.messageId === 'M1' ? 503 : 200);
      const head = (await hub.record('wh-giveup', status('wh-giveup', 1))).seq;
      const next = (await hub.record('wh-giveup', status('wh-giveup', 2))).seq;
      const start = manual.now();
      let rounds = 0;
      const moved = receiver.waitFor((r) => r.json.sessionId === 'wh-giveup' && r.json.seq === next);
      // Each round: wait for the lane's retry timer, move the clock to it, fire it.
      for (;;) {
        const t = await Promise.race([manual.nextRetry(), moved.then(() => null)]);
        if (!t) break;
        manual.advanceTo(t);
        rounds += 1;
        t.fn();
      }
      const after = await moved;
      expect(after.status).toBe(200);
      const d = await WebhookDelivery.findOne({ webhookId: hook.id, seq: head }).lean();
      expect(d).toMatchObject({ status: 'failed', lastStatusCode: 503, nextAttemptAt: null });
      expect(d!.attempts).toBe(rounds + 1);
      // Retried for at least 24 hours of the injected clock, never a real second.
      expect(manual.now() - start).toBeGreaterThanOrEqual(24 * 3_600_000);
      expect(failed).toEqual([hook.id]);
    } finally {
      receiver.answer = () => 200;
      await fake.stop();
      dispatcher = startDispatcher();
      w.app.deps.webhooks = dispatcher;
    }
  });

  it('refuses private and loopback URLs unless WEBHOOK_ALLOW_PRIVATE is set, also at delivery time', async () => {
    await Session.updateOne({ sessionId: 'wh-ssrf' }, { $setOnInsert: { name: 'wh-ssrf', active: false, status: 'stopped' } }, { upsert: true });
    const create = (url: string) => w.api('POST', '/api/webhooks', { token: admin, body: { name: 'ssrf', url, sessionId: 'wh-ssrf' } });
    const allowedHook = await create(`http://localhost:${new URL(receiver.url()).port}/hook`);
    expect(allowedHook.status).toBe(201);
    w.settings.webhookAllowPrivate = false;
    const installed = w.app.deps.webhooks;
    try {
      for (const url of ['http://10.0.0.1/hook', 'http://127.0.0.1:9/hook', 'http://[::ffff:169.254.169.254]/latest', 'http://localhost/x']) {
        const res = await create(url);
        expect([res.status, res.body.error?.code], url).toEqual([400, 'webhook_url_forbidden']);
        expect(res.body.error.message).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
      }
      const put = await w.api('PUT', `/api/webhooks/${allowedHook.body.id}`, { token: admin, body: { url: 'http://192.168.1.1/x' } });
      expect([put.status, put.body.error?.code]).toEqual([400, 'webhook_url_forbidden']);
      // A saved URL whose name resolves to loopback is refused when connecting (no dispatcher: the route sends it itself).
      w.app.deps.webhooks = undefined;
      const from = receiver.requests.length;
      const ping = await w.api('POST', `/api/webhooks/${allowedHook.body.id}/ping`, { token: admin });
      expect(ping.body).toMatchObject({ status: 'failed', lastStatusCode: null });
      expect(ping.body.lastError).toMatch(/webhook_address_forbidden/);
      expect(receiver.requests.length).toBe(from);
    } finally {
      w.settings.webhookAllowPrivate = true;
      w.app.deps.webhooks = installed;
    }
    expect((await create('http://10.0.0.1/hook')).status).toBe(201);
    // Allowed again: the name resolves through the guarded lookup and the ping arrives.
    const ping = await w.api('POST', `/api/webhooks/${allowedHook.body.id}/ping`, { token: admin });
    expect(ping.body).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
  });

  it('validates input: unknown sessions and event names, non-http URLs', async () => {
    const bad = async (body: Record<string, unknown>) => (await w.api('POST', '/api/webhooks', { token: admin, body: { name: 'x', url: receiver.url(), ...body } })).body.error.code;
    expect(await bad({ sessionId: 'does-not-exist' })).toBe('session_not_found');
    expect(await bad({ events: ['message', 'nope'] })).toBe('validation_failed');
    expect(await bad({ url: 'ftp://example.com/x' })).toBe('validation_failed');
    expect(await bad({ secret: 'short' })).toBe('validation_failed');
  });

  it("lists the webhooks that receive one session's events: its own and the global ones", async () => {
    const own = await hookFor('wh-list-a');
    const other = await hookFor('wh-list-b');
    const global = (await w.api('POST', '/api/webhooks', { token: admin, body: { name: 'every session', url: receiver.url(), sessionId: null } })).body as { id: string };
    const ids = (await w.api('GET', '/api/webhooks?sessionId=wh-list-a&limit=200', { token: admin })).body.data.map((x: { id: string }) => x.id);
    expect(ids).toContain(own.id);
    expect(ids).toContain(global.id);
    expect(ids).not.toContain(other.id);
    expect((await w.api('GET', `/api/webhooks?sessionId=${encodeURIComponent('not a session id!')}`, { token: admin })).body.error.code).toBe('validation_failed');
  });

  it('refuses callers without the Webhook permission', async () => {
    for (const who of ['employee', 'supervisor'] as const) {
      const token = await w.login(who);
      expect((await w.api('GET', '/api/webhooks', { token })).status).toBe(403);
      expect((await w.api('POST', '/api/webhooks', { token, body: { name: 'x', url: receiver.url() } })).status).toBe(403);
    }
  });

  it('deletes a webhook with its cursors and deliveries', async () => {
    const hook = await hookFor('wh-delete');
    await w.api('POST', `/api/webhooks/${hook.id}/ping`, { token: admin });
    const res = await w.api('DELETE', `/api/webhooks/${hook.id}`, { token: admin });
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
    expect((await w.api('GET', `/api/webhooks/${hook.id}`, { token: admin })).status).toBe(404);
    expect(await WebhookDelivery.countDocuments({ webhookId: hook.id })).toBe(0);
  });
});
