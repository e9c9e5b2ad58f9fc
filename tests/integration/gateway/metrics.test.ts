/**
 * GET /metrics over real HTTP, with a real Supervisor, real actors and the WhatsApp simulator:
 * one connected session that received and sent a message, one waiting for its QR scan; a real
 * webhook dispatcher (injected clock) for the webhook series; and the Grafana dashboard's
 * queries checked against what is served.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, startWebhookDispatcher, type GatewaySettings } from '@switchboard/gateway';
import type { HubEvent } from '@switchboard/shared';
import { Session, silentLogger, WebhookDelivery } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingHub } from '../realtime/support/recordingHub.ts';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { parsePrometheusText, sampleValue, type PromFamily } from './support/promText.ts';
import { startReceiver } from './support/webhookReceiver.ts';

const TOKEN = 'metrics-scrape-token-0123456789';
const LIVE = 'm-live';
const IDLE = 'm-idle';
const PHONE = '34600000888';
const ALICE = '15550004001';

let w: GatewayWorld;
let admin: string;

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(`${w.url}/metrics`, { headers });

async function families(): Promise<Map<string, PromFamily>> {
  const res = await scrape();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

const hubEvent = (sessionId: string, type: HubEvent['type'], pred: (e: HubEvent) => boolean = () => true) =>
  w.rec.waitFor((e) => e.sessionId === sessionId && e.type === type && pred(e));

beforeAll(async () => {
  w = await openGateway('gw-metrics', { simulator: true, preloadChats: 0, settings: { metrics: { token: TOKEN, allow: [] } } });
  admin = await w.login('admin');
  for (const [sessionId, name] of [[LIVE, 'Ventas'], [IDLE, 'Soporte']]) {
    expect((await w.api('POST', '/api/sessions', { token: admin, body: { sessionId, name } })).status).toBe(201);
  }
  const qr = (await hubEvent(LIVE, 'qr')) as Extract<HubEvent, { type: 'qr' }>;
  await hubEvent(IDLE, 'qr');
  const mark = w.rec.events.length;
  w.sim!.createPhone({ phone: PHONE });
  await w.sim!.scanQr(PHONE, qr.qr);
  await w.rec.waitStatus(LIVE, 'connected', mark);
  w.sim!.createContact({ phone: ALICE, name: 'Alice' });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('GET /metrics', () => {
  it('answers 401 without the bearer token or with a wrong one, and never leaks series', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      const res = await scrape(headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = await res.text();
      expect(body).not.toContain('switchboard_');
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'metrics_token_required' } });
    }
  });

  it('answers 403 to an address outside METRICS_ALLOW and 404 when scraping is not configured', async () => {
    /** Status of GET /metrics on a second app over the same hub with other scrape settings. */
    const statusWith = async (metrics: GatewaySettings['metrics']) => {
      const settings: GatewaySettings = { ...w.settings };
      delete settings.metrics;
      if (metrics) settings.metrics = metrics;
      const app = createApp({ settings, logger: silentLogger(), hub: w.hub });
      const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
      } finally {
        app.metrics?.close();
        app.deps.rates.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    };
    expect(await statusWith({ token: TOKEN, allow: ['10.0.0.0/8'] })).toEqual([403, 'metrics_forbidden']);
    expect(await statusWith({ token: null, allow: [] })).toEqual([404, 'not_found']);
    expect(await statusWith(undefined)).toEqual([404, 'not_found']);
  });

  it('serves a series per session: state set, actor memory and lag, connected time', async () => {
    const f = await families();
    expect(f.get('switchboard_session_status')?.type).toBe('gauge');
    expect(sampleValue(f, 'switchboard_session_status', { session: LIVE, status: 'connected' })).toBe(1);
    expect(sampleValue(f, 'switchboard_session_status', { session: LIVE, status: 'qr' })).toBe(0);
    expect(sampleValue(f, 'switchboard_session_status', { session: IDLE, status: 'qr' })).toBe(1);
    expect(sampleValue(f, 'switchboard_session_status', { session: IDLE, status: 'connected' })).toBe(0);
    // Every session has exactly one current status.
    for (const session of [LIVE, IDLE]) {
      const current = f.get('switchboard_session_status')!.samples.filter((s) => s.labels.session === session && s.value === 1);
      expect(current).toHaveLength(1);
    }
    expect(sampleValue(f, 'switchboard_session_connected_seconds', { session: LIVE })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(f, 'switchboard_session_connected_seconds', { session: IDLE })).toBe(0);
    for (const session of [LIVE, IDLE]) {
      const snap = w.hub.snapshot(session)!;
      expect(snap.rssBytes, 'the actor has sent a heartbeat').not.toBeNull();
      expect(sampleValue(f, 'switchboard_actor_up', { session })).toBe(1);
      expect(sampleValue(f, 'switchboard_actor_rss_bytes', { session })).toBeGreaterThan(10 * 1024 * 1024);
      expect(sampleValue(f, 'switchboard_actor_event_loop_lag_seconds', { session })).toBeGreaterThanOrEqual(0);
      expect(sampleValue(f, 'switchboard_session_restarts', { session })).toBe(snap.restarts);
    }
  });

  it('counts messages received and sent per session', async () => {
    const { id } = await w.sim!.contactSend(ALICE, { to: PHONE, text: 'hola' });
    await hubEvent(LIVE, 'message', (e) => e.type === 'message' && e.message.id === id);
    const sent = await w.api('POST', `/api/sessions/${LIVE}/messages`, { token: admin, body: { to: ALICE, text: 'buenas', clientId: 'metrics-1' } });
    expect(sent.status).toBe(202);
    await hubEvent(LIVE, 'message-sent', (e) => e.type === 'message-sent' && e.message.id === sent.body.messageId);

    const f = await families();
    expect(f.get('switchboard_messages_received_total')?.type).toBe('counter');
    expect(sampleValue(f, 'switchboard_messages_received_total', { session: LIVE })).toBe(1);
    expect(sampleValue(f, 'switchboard_messages_sent_total', { session: LIVE })).toBe(1);
    expect(f.get('switchboard_messages_received_total')!.samples.some((s) => s.labels.session === IDLE)).toBe(false);
  });

  it('shows the outbox depth: messages accepted for a session that cannot send yet wait, and a live one drains', async () => {
    for (const clientId of ['depth-1', 'depth-2']) {
      expect((await w.api('POST', `/api/sessions/${IDLE}/messages`, { token: admin, body: { to: ALICE, text: 'en cola', clientId } })).status).toBe(202);
    }
    const sent = await w.api('POST', `/api/sessions/${LIVE}/messages`, { token: admin, body: { to: ALICE, text: 'sale ya', clientId: 'depth-3' } });
    await hubEvent(LIVE, 'message-sent', (e) => e.type === 'message-sent' && e.message.id === sent.body.messageId);
    await w.hub.refreshOutboxDepth();
    const f = await families();
    expect(f.get('switchboard_outbox_depth')?.type).toBe('gauge');
    expect(sampleValue(f, 'switchboard_outbox_depth', { session: IDLE })).toBe(2);
    expect(sampleValue(f, 'switchboard_outbox_depth', { session: LIVE })).toBe(0);
    // The session screen reads the same count.
    const details = await w.api('GET', `/api/sessions/${IDLE}/details`, { token: admin });
    expect(details.body.process.outboxDepth).toBe(2);
  });

  it('times HTTP requests by route template and status, never by raw URL', async () => {
    expect((await w.api('GET', `/api/sessions/${IDLE}/details`, { token: admin })).status).toBe(200);
    expect((await w.api('GET', '/api/sessions/no-such-session/details', { token: admin })).status).toBe(404);
    const f = await families();
    const http = f.get('switchboard_http_request_duration_seconds')!;
    expect(http.type).toBe('histogram');
    const count = (labels: Record<string, string>) => sampleValue(f, 'switchboard_http_request_duration_seconds', labels, 'switchboard_http_request_duration_seconds_count');
    expect(count({ method: 'GET', route: '/api/sessions/:sessionId/details', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ method: 'GET', route: '/api/sessions/:sessionId/details', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: '/metrics', status: '401' })).toBe(3);
    expect(http.samples.some((s) => s.labels.route?.includes(IDLE) || s.labels.route?.includes('no-such-session'))).toBe(false);
  });

  it('counts pending webhook deliveries and, per webhook, the ones given up', async () => {
    const receiver = await startReceiver();
    receiver.answer = () => 503;
    const hub = new RecordingHub();
    let clock = Date.now();
    // The real dispatcher, woken by hand (no hub, timers that never fire) on an injected clock,
    // wired to these metrics as start.ts wires it: retries every hour, given up after two.
    const dispatcher = startWebhookDispatcher({
      hub: { subscribe: () => () => undefined },
      logger: silentLogger(),
      allowPrivate: true,
      retry: { baseMs: 3_600_000, capMs: 3_600_000, maxAgeMs: 2 * 3_600_000 },
      sweepMs: 86_400_000,
      now: () => clock,
      timers: { setTimeout: () => null, clearTimeout: () => undefined },
      onFailed: w.app.metrics!.webhookFailed,
    });
    w.app.deps.webhooks = dispatcher;
    w.settings.webhookAllowPrivate = true;
    try {
      await Session.create({ sessionId: 'm-hooks', name: 'Hooks', active: false, status: 'stopped' });
      const made = await w.api('POST', '/api/webhooks', { token: admin, body: { name: 'down', url: receiver.url(), sessionId: 'm-hooks' } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      let f = await families();
      expect(f.get('switchboard_webhook_queue_depth')?.type).toBe('gauge');
      expect(sampleValue(f, 'switchboard_webhook_queue_depth', {})).toBe(0);
      expect(f.get('switchboard_webhook_failures_total')?.type).toBe('counter');

      await hub.record('m-hooks', { type: 'message-status', messageId: 'M1', chatId: `${ALICE}@s.whatsapp.net`, status: 'delivered' });
      await dispatcher.sweep();
      await receiver.waitFor(() => true);
      await vi.waitFor(async () => expect(await WebhookDelivery.findOne({ webhookId: made.body.id, attempts: 1, status: 'pending' })).not.toBeNull(), { timeout: 10_000, interval: 20 });
      f = await families();
      expect(sampleValue(f, 'switchboard_webhook_queue_depth', {})).toBe(1);
      expect(f.get('switchboard_webhook_failures_total')!.samples.some((s) => s.labels.webhook === made.body.id)).toBe(false);

      // Two hours later the retry fails again: given up, counted for this webhook, the queue empty.
      clock += 2 * 3_600_000 + 1;
      await dispatcher.sweep();
      await vi.waitFor(async () => expect(await WebhookDelivery.findOne({ webhookId: made.body.id, status: 'failed' })).not.toBeNull(), { timeout: 10_000, interval: 20 });
      // The dispatcher counts a failure just after it stores it: wait for the count, not the row.
      await vi.waitFor(async () => {
        f = await families();
        expect(f.get('switchboard_webhook_failures_total')!.samples.some((s) => s.labels.webhook === made.body.id)).toBe(true);
      }, { timeout: 10_000, interval: 20 });
      expect(sampleValue(f, 'switchboard_webhook_queue_depth', {})).toBe(0);
      expect(sampleValue(f, 'switchboard_webhook_failures_total', { webhook: made.body.id })).toBe(1);
    } finally {
      w.app.deps.webhooks = undefined;
      await dispatcher.stop();
      await receiver.stop();
    }
  });

  it('serves every series the Grafana dashboard queries (docs/grafana/switchboard.json)', async () => {
    const dashboard = JSON.parse(readFileSync(fileURLToPath(new URL('../../../docs/grafana/switchboard.json', import.meta.url)), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
      templating: { list: { query: { query: string } }[] };
    };
    const queries = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => v.query.query)];
    const names = new Set(queries.flatMap((q) => q.match(/\b(?:switchboard|process|nodejs)_[a-z0-9_]+/g) ?? []));
    expect(names.size).toBeGreaterThan(10);
    const f = await families();
    const served = (name: string) => f.has(name) || f.has(name.replace(/_(bucket|count|sum)$/, ''));
    expect([...names].filter((n) => !served(n))).toEqual([]);
    // The series the issue asks for are all on the dashboard.
    for (const name of ['switchboard_session_status', 'switchboard_session_connected_seconds', 'switchboard_actor_rss_bytes', 'switchboard_actor_event_loop_lag_seconds', 'switchboard_session_restarts', 'switchboard_messages_received_total', 'switchboard_messages_sent_total', 'switchboard_outbox_depth', 'switchboard_webhook_queue_depth', 'switchboard_webhook_failures_total', 'switchboard_http_request_duration_seconds_bucket']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('counts an actor crash by its classified kind and the restart it caused', async () => {
    const before = await families();
    expect(sampleValue(before, 'switchboard_session_restarts', { session: IDLE })).toBe(0);
    const pid = w.hub.snapshot(IDLE)!.pid!;
    const mark = w.rec.events.length;
    process.kill(pid, 'SIGKILL');
    const after = (type: HubEvent['type']) => w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.sessionId === IDLE && e.type === type);
    const exit = (await after('actor-exit')) as Extract<HubEvent, { type: 'actor-exit' }>;
    // Restarted by the supervisor: a new actor process shows a QR code again.
    await after('qr');
    const f = await families();
    expect(f.get('switchboard_actor_exits_total')?.type).toBe('counter');
    expect(sampleValue(f, 'switchboard_actor_exits_total', { session: IDLE, exit: exit.exit })).toBe(1);
    expect(sampleValue(f, 'switchboard_session_restarts', { session: IDLE })).toBe(1);
    expect(sampleValue(f, 'switchboard_actor_up', { session: IDLE })).toBe(1);
    expect(f.get('switchboard_actor_exits_total')!.samples.some((s) => s.labels.session === LIVE)).toBe(false);
  });

  it('includes the default Node.js metrics of the gateway process', async () => {
    const f = await families();
    expect(sampleValue(f, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
    expect(f.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
  });
});
