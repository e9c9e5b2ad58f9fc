import Koa from 'koa';
import type Router from '@koa/router';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import helmet from 'koa-helmet';
import type { Logger } from 'pino';
import type { SessionHub } from '@switchboard/shared';
import { createAccountLimits, DEFAULT_LOCKOUT } from './auth/accountLimits.ts';
import type { GatewaySettings } from './config.ts';
import type { GatewayDeps, HealthReporter } from './deps.ts';
import { createEmailService, type EmailService } from './email/EmailService.ts';
import { trackMessageRates, type MessageRates } from './metrics/messageRates.ts';
import { httpMetrics, serveMetrics } from './metrics/metricsRoute.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics/prometheus.ts';
import { metricsEnabled } from './metrics/scrapeAccess.ts';
import { auditRefusals } from './middlewares/audit.ts';
import { corsOriginAllowed } from './middlewares/corsOrigins.ts';
import { methodNotAllowed, routerMethods } from './middlewares/methodNotAllowed.ts';
import { onerror } from './middlewares/onerror.ts';
import { plainClientIp } from './middlewares/plainClientIp.ts';
import { createLimiters, DEFAULT_RATE_LIMITS } from './middlewares/rateLimit.ts';
import { requestLog } from './middlewares/requestLog.ts';
import { consoleMethods, serveConsole } from './console/serveConsole.ts';
import { desktopUpdateMethods, serveDesktopUpdates } from './console/desktopUpdates.ts';
import { buildOpenApiDocument } from './openapi/document.ts';
import { docsRouter } from './openapi/docsRouter.ts';
import { mountRoutes } from './routes/mountRoutes.ts';
import { ROUTES } from './routes/routeTable.ts';

/** Inputs of createApp; email, clock, limiters and the rate tracker are built when not given. */
export interface CreateAppOptions {
  settings: GatewaySettings;
  logger: Logger;
  hub: SessionHub;
  email?: EmailService;
  now?: () => Date;
  health?: HealthReporter;
  /** Media pool and limits enabling multipart sends. */
  upload?: GatewayDeps['upload'];
  /** Extra routers mounted after the REST routes (e.g. the media router). */
  routers?: Router[];
  /** Folder of the built console (index.html + assets) to serve at `/`; absent: no console. */
  consoleDir?: string;
  /** Message-rate tracker; by default one subscribed to `hub` (the owner calls `deps.rates.close()`). */
  rates?: MessageRates;
}

/**
 * A Koa app with its resolved dependencies (tests read `deps.email`, `deps.limiters`) and its
 * Prometheus metrics (only when METRICS_TOKEN or METRICS_ALLOW is set; the owner calls `metrics.close()`).
 */
export type GatewayApp = Koa & { deps: GatewayDeps; metrics?: GatewayMetrics };

/**
 * Builds the Koa application: one error renderer, security headers, CORS from configuration,
 * 405 for unsupported methods, JSON bodies with a size limit, the docs, and every route of the route table.
 */
export function createApp(opts: CreateAppOptions): GatewayApp {
  const { settings, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const deps: GatewayDeps = {
    config: settings,
    logger,
    hub: opts.hub,
    email: opts.email ?? createEmailService({ config: settings, logger }),
    limiters: createLimiters(settings.rateLimits),
    accountLimits: createAccountLimits(
      {
        lockout: settings.rateLimits.accountLockout ?? DEFAULT_LOCKOUT,
        forgotPasswordPerHour: settings.rateLimits.forgotPasswordPerAccountPerHour ?? DEFAULT_RATE_LIMITS.forgotPasswordPerAccountPerHour!,
      },
      now,
    ),
    now,
    rates: opts.rates ?? trackMessageRates(opts.hub, () => now().getTime()),
    ...(opts.health ? { health: opts.health } : {}),
    ...(opts.upload ? { upload: opts.upload } : {}),
  };
  // TRUST_PROXY: one reverse proxy in front; the client is the last X-Forwarded-For entry (the
  // one our proxy appended), so a client cannot choose its own address by sending the header.
  const app = new Koa({ proxy: settings.trustProxy, maxIpsCount: 1 }) as GatewayApp;
  app.deps = deps;
  app.silent = true;
  // Outside the error renderer, so the duration histogram sees the final status.
  if (metricsEnabled(settings.metrics)) app.metrics = createGatewayMetrics({ hub: opts.hub, now: () => now().getTime() });
  app.use(plainClientIp());
  if (app.metrics) app.use(httpMetrics(app.metrics));
  app.use(onerror(logger));
  app.use(requestLog(logger));
  app.use(serveMetrics(settings.metrics, app.metrics));
  app.use(auditRefusals(deps));
  app.use(helmet());
  const originAllowed = corsOriginAllowed(settings.corsOrigins);
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return originAllowed(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'X-API-Key'],
      maxAge: 600,
    }),
  );
  const docs = docsRouter(buildOpenApiDocument(ROUTES, { version: '1.0.0' }));
  const api = mountRoutes(deps, ROUTES);
  const routers = [docs, api, ...(opts.routers ?? [])];
  // 405 with Allow for a method a known path does not serve, before any body is read.
  const { desktopUpdatesDir } = settings;
  app.use(methodNotAllowed([...routers.map(routerMethods), ...(opts.consoleDir ? [consoleMethods] : []), ...(desktopUpdatesDir ? [desktopUpdateMethods] : [])]));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: settings.bodyLimit, jsonStrict: true }));
  for (const r of routers) app.use(r.routes());
  if (desktopUpdatesDir) app.use(serveDesktopUpdates(desktopUpdatesDir));
  if (opts.consoleDir) app.use(serveConsole(opts.consoleDir));
  return app;
}
