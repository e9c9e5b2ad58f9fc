import Koa from 'koa';
import type Router from '@koa/router';
import cors from '@koa/cors';
import { bodyParser } from '@koa/bodyparser';
import helmet from 'koa-helmet';
import type { Logger } from 'pino';
import type { SessionHub } from '@switchboard/shared';
import type { GatewaySettings } from './config.ts';
import type { GatewayDeps, HealthReporter } from './deps.ts';
import { createEmailService, type EmailService } from './email/EmailService.ts';
import { trackMessageRates, type MessageRates } from './metrics/messageRates.ts';
import { corsOriginAllowed } from './middlewares/corsOrigins.ts';
import { onerror } from './middlewares/onerror.ts';
import { createLimiters } from './middlewares/rateLimit.ts';
import { requestLog } from './middlewares/requestLog.ts';
import { serveConsole } from './console/serveConsole.ts';
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

/** A Koa app with its resolved dependencies (tests read `deps.email`, `deps.limiters`). */
export type GatewayApp = Koa & { deps: GatewayDeps };

/**
 * Builds the Koa application: one error renderer, security headers, CORS from configuration,
 * JSON bodies with a size limit, the docs, and every route of the route table.
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
    now,
    rates: opts.rates ?? trackMessageRates(opts.hub, () => now().getTime()),
    ...(opts.health ? { health: opts.health } : {}),
    ...(opts.upload ? { upload: opts.upload } : {}),
  };
  const app = new Koa({ proxy: settings.trustProxy }) as GatewayApp;
  app.deps = deps;
  app.silent = true;
  app.use(onerror(logger));
  app.use(requestLog(logger));
  app.use(helmet());
  const originAllowed = corsOriginAllowed(settings.corsOrigins);
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return originAllowed(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: settings.bodyLimit, jsonStrict: true }));
  const docs = docsRouter(buildOpenApiDocument(ROUTES, { version: '1.0.0' }));
  app.use(docs.routes());
  const api = mountRoutes(deps, ROUTES);
  app.use(api.routes());
  app.use(api.allowedMethods());
  for (const r of opts.routers ?? []) app.use(r.routes());
  if (opts.consoleDir) app.use(serveConsole(opts.consoleDir));
  return app;
}
