import Koa from 'koa';
import { AuditLog, silentLogger } from '@switchboard/shared/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayDeps } from '../deps.ts';
import { forbidden } from '../errors.ts';
import { mountRoutes } from '../routes/mountRoutes.ts';
import { defineRoute } from '../routes/types.ts';
import { auditRefusals, recordAudit } from './audit.ts';
import { onerror } from './onerror.ts';

const deps = { logger: silentLogger(), now: () => new Date('2026-03-01T10:00:00Z') } as GatewayDeps;

/** Makes AuditLog.create fail (e.g. a validation error) or succeed, without a database. */
function auditInsert(fails: boolean) {
  const impl = fails ? async () => Promise.reject(new Error('AuditLog validation failed: action: Path `action` is required.')) : async () => ({});
  return vi.spyOn(AuditLog, 'create').mockImplementation(impl as never);
}

/** Serves `app` on a free port for one request. */
async function request(app: Koa, method: string, path: string): Promise<{ status: number; body: { error?: { code: string } } }> {
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

/** A public mutating route through the real route chain (mountRoutes → writeAudit). */
function appWithRoute(done: { count: number }) {
  const app = new Koa();
  app.use(onerror(silentLogger()));
  const route = defineRoute({
    method: 'post', path: '/api/things', tag: 'Test', summary: 'Change a thing', auth: 'public', audit: 'thing.change',
    response: { status: 200, description: 'Changed' },
    async handler({ audit }) {
      done.count += 1;
      audit.targetType = 'Thing';
      audit.targetId = 't1';
      return { ok: true };
    },
  });
  app.use(mountRoutes(deps, [route]).routes());
  return app;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('audit writes', () => {
  it('fails a mutating request whose audit entry cannot be written (500 audit_failed), never an unaudited success', async () => {
    const insert = auditInsert(true);
    const done = { count: 0 };
    const res = await request(appWithRoute(done), 'POST', '/api/things');
    expect(done.count).toBe(1);
    expect(res).toEqual({ status: 500, body: { error: { code: 'audit_failed', message: expect.any(String) } } });
    expect(insert).toHaveBeenCalledTimes(2);
  });

  it('answers the route normally when the entry is written, with the target the handler named', async () => {
    const insert = auditInsert(false);
    const res = await request(appWithRoute({ count: 0 }), 'POST', '/api/things');
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(insert).toHaveBeenCalledWith(expect.objectContaining({ action: 'thing.change', targetType: 'Thing', targetId: 't1', userId: null, at: deps.now() }));
  });

  it('retries once, then throws a coded error and logs the entry it could not write', async () => {
    const logger = silentLogger();
    const error = vi.spyOn(logger, 'error');
    const insert = vi.spyOn(AuditLog, 'create').mockRejectedValueOnce(new Error('transient') as never).mockResolvedValueOnce({} as never);
    const entry = { userId: null, action: 'x.y', targetType: null, targetId: null, details: null, ip: '::1', userAgent: 'ua' };
    await recordAudit({ logger, now: deps.now }, entry);
    expect(insert).toHaveBeenCalledTimes(2);
    insert.mockRejectedValue(new Error('down') as never);
    await expect(recordAudit({ logger, now: deps.now }, entry)).rejects.toMatchObject({ status: 500, code: 'audit_failed' });
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ audit: expect.objectContaining({ action: 'x.y' }) }), 'audit write failed');
  });
});

describe('auditRefusals', () => {
  /** An app whose one handler throws `err` as the user `userId`. */
  function refusing(err: Error, userId?: string) {
    const app = new Koa();
    app.use(onerror(silentLogger()));
    app.use(auditRefusals(deps));
    app.use(async (ctx) => {
      if (userId) ctx.state.auth = { user: { id: userId } };
      throw err;
    });
    return app;
  }

  it('records a 403 as auth.forbidden with the caller, method, path and code', async () => {
    const insert = auditInsert(false);
    const res = await request(refusing(forbidden(), '665f1c2b9d3e4a00123456aa'), 'DELETE', '/api/users/665f1c2b9d3e4a0012345678');
    expect(res.status).toBe(403);
    expect(insert).toHaveBeenCalledWith(
      expect.objectContaining({
        userId: '665f1c2b9d3e4a00123456aa',
        action: 'auth.forbidden',
        details: { method: 'DELETE', path: '/api/users/665f1c2b9d3e4a0012345678', code: 'forbidden' },
      }),
    );
  });

  it('keeps the 403 when the entry cannot be written, and skips pending password changes', async () => {
    const insert = auditInsert(true);
    expect((await request(refusing(forbidden()), 'GET', '/api/x')).body.error?.code).toBe('forbidden');
    insert.mockClear();
    const pending = await request(refusing(forbidden('password_change_required', 'Change it')), 'GET', '/api/x');
    expect(pending.body.error?.code).toBe('password_change_required');
    expect(insert).not.toHaveBeenCalled();
  });
});
