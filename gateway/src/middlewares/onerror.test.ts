import { RpcError } from '@switchboard/shared';
import Koa from 'koa';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { forbidden } from '../errors.ts';
import { onerror } from './onerror.ts';

/** Runs one request through onerror with a handler that throws `err`; returns status and body. */
async function render(err: unknown): Promise<{ status: number; body: unknown }> {
  const app = new Koa();
  app.use(onerror(pino({ level: 'silent' })));
  app.use(() => {
    throw err;
  });
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/`);
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

describe('onerror', () => {
  it('renders coded errors in the envelope', async () => {
    expect(await render(forbidden())).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'You are not allowed to do this' } } });
  });

  it('maps hub errors to their status and actor domain errors to 409', async () => {
    expect((await render(new RpcError('actor_not_running', 'not running'))).status).toBe(409);
    expect((await render(new RpcError('session_not_found', 'nope'))).status).toBe(404);
    const paired = await render(new RpcError('already_paired', 'This session is already linked', { remote: true }));
    expect(paired).toEqual({ status: 409, body: { error: { code: 'already_paired', message: 'This session is already linked' } } });
    const timeout = await render(new RpcError('actor_timeout', 'command getQr timed out after 30000 ms'));
    expect(timeout.status).toBe(504);
    expect((timeout.body as { error: { message: string } }).error.message).not.toContain('getQr');
  });

  it('renders session_moving (cluster mode) as 503 with its own readable message', async () => {
    const moving = await render(new RpcError('session_moving', 'Session s1 is moving to another node, try again in a few seconds', { remote: true }));
    expect(moving).toEqual({ status: 503, body: { error: { code: 'session_moving', message: 'Session s1 is moving to another node, try again in a few seconds' } } });
  });

  it('maps a duplicate key (E11000) to 409 duplicate naming the field, not the value', async () => {
    const dup = Object.assign(new Error('E11000 duplicate key error collection: db.users index: email_1 dup key: { email: "a@b.c" }'), { name: 'MongoServerError', code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@b.c' } });
    expect(await render(dup)).toEqual({ status: 409, body: { error: { code: 'duplicate', message: 'A record with this email already exists', details: { fields: ['email'] } } } });
    // Servers that leave out keyPattern (FerretDB): the fields come from the index name.
    const bare = Object.assign(new Error('E11000 duplicate key error collection: db.roles index: name_1'), { code: 11000 });
    expect((await render(bare)).body).toMatchObject({ error: { code: 'duplicate', details: { fields: ['name'] } } });
  });

  it('maps a mongoose CastError to 400 validation_failed', async () => {
    const cast = Object.assign(new Error('Cast to date failed for value "Invalid Date"'), { name: 'CastError', path: 'timestamp' });
    expect(await render(cast)).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', message: 'Invalid value for timestamp' } } });
  });

  it('masks unknown errors as internal_error without details', async () => {
    expect(await render(new Error('secret stack'))).toEqual({ status: 500, body: { error: { code: 'internal_error', message: 'Internal server error' } } });
    expect((await render(new RpcError('internal', 'boom', { remote: true }))).status).toBe(500);
  });
});
