/**
 * Koa middleware of the metrics: `httpMetrics` times every request by its matched route
 * template, `serveMetrics` answers GET /metrics behind the scrape guard. Mounted by createApp
 * outside the REST route table (it is not part of the API, its OpenAPI document or its roles).
 */
import type { Context, Middleware, Next } from 'koa';
import type { MetricsAccess } from '../config.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import type { GatewayMetrics } from './prometheus.ts';
import { scrapeGuard } from './scrapeAccess.ts';

/** Path of the scrape endpoint. */
export const METRICS_PATH = '/metrics';

/**
 * Observes the duration of every request. Mounted before the error renderer so it sees the
 * final status; the route label is @koa/router's matched template, or `unmatched` (404s, the
 * console, /metrics) so arbitrary URLs never become label values.
 */
export function httpMetrics(metrics: GatewayMetrics): Middleware {
  return async function timeRequest(ctx: Context, next: Next): Promise<void> {
    const started = performance.now();
    try {
      await next();
    } finally {
      const matched = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
      const route = typeof matched === 'string' ? matched : ctx.path === METRICS_PATH ? METRICS_PATH : 'unmatched';
      metrics.observeRequest(ctx.method, route, ctx.status, (performance.now() - started) / 1000);
    }
  };
}

/**
 * GET /metrics in Prometheus text format. 404 while scraping is not configured (secure by
 * default), 403 for an address outside METRICS_ALLOW, 401 without the METRICS_TOKEN bearer token.
 */
export function serveMetrics(access: MetricsAccess | undefined, metrics: GatewayMetrics | undefined): Middleware {
  const check = scrapeGuard(access);
  return async function metricsEndpoint(ctx: Context, next: Next): Promise<void> {
    if (ctx.path !== METRICS_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const verdict = metrics ? check(ctx.ip, ctx.get('authorization') || undefined) : 'disabled';
    if (verdict === 'disabled') throw notFound('page');
    if (verdict === 'forbidden') throw forbidden('metrics_forbidden', 'This address may not scrape metrics');
    if (verdict === 'unauthorized') {
      ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw unauthorized('metrics_token_required', 'A valid metrics bearer token is required');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics!.registry.contentType;
    ctx.body = await metrics!.registry.metrics();
  };
}

