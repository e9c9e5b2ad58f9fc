import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Router from '@koa/router';
import type { Logger } from 'pino';
import type { SessionHub } from '@switchboard/shared';
import { createApp } from './app.ts';
import { settingsFromConfig, type GatewayEnvConfig, type GatewaySettings } from './config.ts';
import type { HealthReporter } from './deps.ts';
import { watchOperatorAlerts } from './email/operatorAlerts.ts';
import { watchAutoAssign } from './assignments/autoAssign.ts';
import { watchAwayReplies } from './automation/awayReplies.ts';
import { startScheduledSends } from './automation/scheduledSends.ts';
import { assignmentsChanged } from './realtimeNotify.ts';
import { attachRealtime, gatewaySocketAuth } from './realtime/index.ts';
import { createMediaModule } from './routes/media/index.ts';
import { startWebhookDispatcher } from './webhooks/index.ts';

/** Inputs of startGateway (the supervisor composes it with the real SessionHub). */
export interface StartGatewayOptions {
  /** Validated env configuration (shared's gateway or supervisor config). */
  config: GatewayEnvConfig;
  logger: Logger;
  hub: SessionHub;
  /** Supervisor health report for /api/admin/system/health. */
  health?: HealthReporter;
  /** Overrides derived settings (tests: SMTP, port 0, FRONTEND_URL …). */
  settings?: Partial<GatewaySettings>;
  /** Extra routers to mount. */
  routers?: Router[];
  /** Uploads and multipart sends (default on; `false` answers them 415 `multipart_unavailable`). */
  media?: boolean;
  /** Host to bind; default all interfaces. */
  host?: string;
  /** Port to bind; default config PORT. */
  port?: number;
  /** Folder of the built console to serve at `/` (see @switchboard/desktop/build). */
  consoleDir?: string;
  /**
   * Cluster mode (docs/cluster.md): Socket.IO over Redis, and per-session background work
   * (webhook lanes) only for the sessions this node holds.
   */
  cluster?: { redisUrl: string; owns(sessionId: string): boolean };
}

/** A running gateway. */
export interface RunningGateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Starts the HTTP server with the REST API, Socket.IO, webhooks and operator email alerts. `close()`
 * stops alerts, webhooks, the rate tracker and sockets, finishes queued emails, then closes the server.
 */
export async function startGateway(opts: StartGatewayOptions): Promise<RunningGateway> {
  const settings = { ...settingsFromConfig(opts.config), ...opts.settings };
  const logger = opts.logger.child({ module: 'gateway' });
  // The in-process Supervisor exposes healthReport(); other hubs may not.
  const reporter = (opts.hub as SessionHub & { healthReport?: () => unknown }).healthReport;
  const health = opts.health ?? (typeof reporter === 'function' ? () => reporter.call(opts.hub) : undefined);
  const maxBytes = opts.config.MEDIA_MAX_BYTES ?? 100 * 1024 * 1024;
  // The media routes are in the route table; the module supplies their pool and limits.
  const media =
    opts.media === false
      ? undefined
      : createMediaModule({
          config: {
            MEDIA_MAX_BYTES: maxBytes,
            MEDIA_COMPRESS_ABOVE_BYTES: opts.config.MEDIA_COMPRESS_ABOVE_BYTES ?? 5 * 1024 * 1024,
          },
          jwtSecret: settings.jwtSecret,
          hub: opts.hub,
          logger,
        });
  const app = createApp({
    settings,
    logger,
    hub: opts.hub,
    ...(health ? { health } : {}),
    ...(media ? { upload: media.upload } : {}),
    routers: opts.routers ?? [],
    ...(opts.consoleDir ? { consoleDir: opts.consoleDir } : {}),
  });
  const server = createServer(app.callback());
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  const realtime = attachRealtime(server, {
    hub: opts.hub,
    logger,
    config: { corsOrigins: settings.corsOrigins, ...(opts.cluster ? { cluster: { redisUrl: opts.cluster.redisUrl } } : {}) },
    ...gatewaySocketAuth(settings.jwtSecret, { now: app.deps.now, logger }),
  });
  app.deps.realtime = realtime;
  // Webhooks: delivered from the stored event log, woken by the hub (docs/webhooks.md).
  const webhooks = startWebhookDispatcher({
    hub: opts.hub,
    logger,
    allowPrivate: settings.webhookAllowPrivate ?? false,
    ...(opts.cluster ? { owns: opts.cluster.owns } : {}),
    ...(app.metrics ? { onFailed: app.metrics.webhookFailed } : {}),
  });
  app.deps.webhooks = webhooks;
  // New chats of sessions with "Reparto automático" go to their people (assignments/autoAssign.ts).
  const autoAssign = watchAutoAssign({
    hub: opts.hub,
    logger,
    online: () => realtime.connectedUserIds(),
    onAssigned: (userId, sessionId, chatId) => assignmentsChanged(app.deps, sessionId, chatId, userId),
    ...(opts.cluster ? { owns: opts.cluster.owns } : {}),
  });
  app.deps.autoAssign = autoAssign;
  // Customers who write while their session's business is closed get its away reply once (automation/awayReplies.ts).
  const awayReplies = watchAwayReplies({ hub: opts.hub, logger, ...(opts.cluster ? { owns: opts.cluster.owns } : {}) });
  app.deps.awayReplies = awayReplies;
  // Replies scheduled in the inbox go out when due, exactly once (automation/scheduledSends.ts).
  const scheduledSends = startScheduledSends({ hub: opts.hub, logger, emit: realtime.emitToChat });
  const stopAlerts = watchOperatorAlerts({
    hub: opts.hub,
    email: app.deps.email,
    logger,
    alertEmails: settings.alertEmails,
    frontendUrl: settings.frontendUrl,
  });
  let closing: Promise<void> | null = null;
  // Idempotent: a second call waits for the first one.
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopAlerts();
      autoAssign.stop();
      awayReplies.stop();
      await scheduledSends.stop();
      await webhooks.stop();
      app.deps.rates.close();
      app.metrics?.close();
      await realtime.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.deps.email.close();
      await media?.close();
    })();
    return closing;
  };
  const wanted = opts.port ?? opts.config.PORT;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(wanted, opts.host, () => resolve());
    });
  } catch (err) {
    await close();
    // Said plainly at start-up: what is wrong and what to change.
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new Error(`Port ${wanted} is already in use: stop what uses it or set another PORT / El puerto ${wanted} ya está en uso: detén lo que lo usa o elige otro PORT`, { cause: err });
  }
  const { port } = server.address() as AddressInfo;
  logger.info({ port }, 'gateway listening');
  return { url: `http://127.0.0.1:${port}`, server, close };
}
