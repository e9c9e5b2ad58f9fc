/**
 * The gateway's Prometheus registry (docs/metrics.md). Session series are read from the hub's
 * snapshots at scrape time (nothing is polled between scrapes); connected time, exits and
 * message counters come from the hub's events. From: actor heartbeat / events → Supervisor →
 * hub.snapshots() / hub.subscribe → here → next: GET /metrics (metricsRoute.ts).
 */
import { SESSION_STATUSES, type SessionHub } from '@switchboard/shared';
import { WebhookDelivery } from '@switchboard/shared/node';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's metrics: the registry served at /metrics, the HTTP timer and the hub subscription. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** Records one HTTP request: `route` is the matched route template (`/api/sessions/:sessionId`), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts one webhook delivery given up after its retries (the dispatcher's `onFailed`). */
  webhookFailed(webhookId: string): void;
  /** Stops listening to the hub. */
  close(): void;
}

/** Options of createGatewayMetrics. */
export interface GatewayMetricsOptions {
  hub: Pick<SessionHub, 'subscribe' | 'snapshots'>;
  /** Injected clock in ms (tests). */
  now?: () => number;
  /** prom-client's default Node.js metrics of this process (default true). */
  defaultMetrics?: boolean;
}

/** Buckets of the HTTP duration histogram, in seconds (5 ms … 10 s). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Builds the registry; one per app, so several apps in one process (tests) do not collide. */
export function createGatewayMetrics(opts: GatewayMetricsOptions): GatewayMetrics {
  const { hub } = opts;
  const now = opts.now ?? Date.now;
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  // When each session last turned `connected` (event time), cleared by any other state.
  const connectedSince = new Map<string, number>();
  const registers = [registry];

  const http = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'Duration of HTTP requests by method, matched route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: HTTP_BUCKETS,
    registers,
  });
  const received = new Counter({ name: 'switchboard_messages_received_total', help: 'Incoming WhatsApp messages stored, per session (since this node started)', labelNames: ['session'], registers });
  const sent = new Counter({ name: 'switchboard_messages_sent_total', help: 'Outgoing WhatsApp messages handed to WhatsApp, per session (since this node started)', labelNames: ['session'], registers });
  const exits = new Counter({ name: 'switchboard_actor_exits_total', help: 'Session actor process exits by classified kind (crash, hung, recycled, logged_out, ...)', labelNames: ['session', 'exit'], registers });

  /** A gauge labelled by session whose values are read from the hub's snapshots at each scrape. */
  const perSession = (name: string, help: string, value: (s: ReturnType<typeof hub.snapshots>[number], at: number) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['session'],
      registers,
      collect() {
        this.reset();
        const at = now();
        for (const s of hub.snapshots()) {
          const v = value(s, at);
          if (v !== null) this.set({ session: s.sessionId }, v);
        }
      },
    });

  new Gauge({
    name: 'switchboard_session_status',
    help: 'Session state set: 1 for the current status of each session, 0 for the others',
    labelNames: ['session', 'status'],
    registers,
    collect() {
      this.reset();
      for (const s of hub.snapshots()) for (const status of SESSION_STATUSES) this.set({ session: s.sessionId, status }, s.status === status ? 1 : 0);
    },
  });
  perSession('switchboard_session_connected_seconds', 'Seconds since the session last connected to WhatsApp; 0 while not connected', (s, at) => {
    if (s.status !== 'connected') return 0;
    // A session seen connected before its event reached us counts from the first scrape that saw it.
    if (!connectedSince.has(s.sessionId)) connectedSince.set(s.sessionId, at);
    return Math.max(0, (at - connectedSince.get(s.sessionId)!) / 1000);
  });
  perSession('switchboard_session_restarts', 'Restarts in the current restart history of the session (reset-attempts clears it)', (s) => s.restarts);
  perSession('switchboard_actor_up', '1 while the session has a running actor process', (s) => (s.pid === null ? 0 : 1));
  perSession('switchboard_actor_uptime_seconds', 'Seconds since the running actor process started', (s, at) => (s.startedAt === null ? null : Math.max(0, (at - s.startedAt) / 1000)));
  perSession('switchboard_actor_rss_bytes', 'Resident memory of the actor process, from its last heartbeat', (s) => s.rssBytes);
  perSession('switchboard_actor_heap_used_bytes', 'V8 heap used by the actor process, from its last heartbeat', (s) => s.heapUsedBytes);
  perSession('switchboard_actor_event_loop_lag_seconds', 'Event-loop lag of the actor process, from its last heartbeat', (s) => (s.eventLoopLagMs === null ? null : s.eventLoopLagMs / 1000));
  perSession('switchboard_outbox_depth', 'Outgoing messages accepted and not yet handed to WhatsApp (recounted every 30 s while the outbox changes)', (s) => s.outboxDepth ?? null);
  perSession('switchboard_actor_heartbeat_age_seconds', 'Seconds since the actor last sent a heartbeat', (s, at) => (s.lastHeartbeatAt === null ? null : Math.max(0, (at - s.lastHeartbeatAt) / 1000)));

  // Webhooks (docs/webhooks.md): pending deliveries counted in the database at scrape time.
  new Gauge({
    name: 'switchboard_webhook_queue_depth',
    help: 'Webhook deliveries waiting to be sent or retried',
    registers,
    async collect() {
      // Not connected (a registry built without a database): no sample rather than a hung scrape.
      if (WebhookDelivery.db.readyState !== 1) return;
      this.set(await WebhookDelivery.countDocuments({ status: 'pending' }));
    },
  });
  const webhookFailures = new Counter({ name: 'switchboard_webhook_failures_total', help: 'Webhook deliveries given up after their retries, per webhook (since this node started)', labelNames: ['webhook'], registers });

  const unsubscribe = hub.subscribe((e) => {
    if (e.type === 'message' && !e.message.fromMe) received.inc({ session: e.sessionId });
    else if (e.type === 'message-sent') sent.inc({ session: e.sessionId });
    else if (e.type === 'actor-exit') exits.inc({ session: e.sessionId, exit: e.exit });
    else if (e.type === 'connection-state') {
      if (e.status === 'connected') connectedSince.set(e.sessionId, e.at);
      else connectedSince.delete(e.sessionId);
    }
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    webhookFailed(webhookId) {
      webhookFailures.inc({ webhook: webhookId });
    },
    close: unsubscribe,
  };
}
