import { Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { rawRequest } from './support/rawHttp.ts';

let w: GatewayWorld;
let admin: string;

beforeAll(async () => {
  w = await openGateway('gw-hostile', { settings: { rateLimits: { loginPerMinute: 1000, forgotPasswordPerHour: 3, sendPerMinute: 1000 } } });
  admin = await w.login('admin');
});
afterAll(async () => w?.close());

describe('malformed and hostile input', () => {
  it('rejects a query operator where a string is expected, without logging anyone in', async () => {
    const res = await w.api('POST', '/api/auth/login', { body: { email: { $ne: null }, password: { $ne: null } } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers wrong types with validation_failed', async () => {
    const res = await w.api('POST', '/api/users', { token: admin, body: { name: 42, email: 'x@y.z', password: ['a'], role: 'employee' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('answers malformed JSON with malformed_body', async () => {
    const res = await w.api('POST', '/api/auth/login', { raw: '{"email": "a@b.c", ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_body');
  });

  it('answers a body over the limit with 413 payload_too_large', async () => {
    const res = await w.api('POST', '/api/auth/login', { raw: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(200_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers a bad object id with validation_failed, not a cast error', async () => {
    for (const path of ['/api/users/not-an-id', '/api/users/%24ne', '/api/users/000000000000000000000000x']) {
      const res = await w.api('GET', path, { token: admin });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('answers an unknown but well-formed id with 404 not_found', async () => {
    const res = await w.api('GET', '/api/users/0123456789abcdef01234567', { token: admin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('treats bracketed query keys as plain names (no operator injection through the query string)', async () => {
    const res = await w.api('GET', '/api/sessions/x/messages?chatId[$ne]=1', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('rejects a bad session id in the path', async () => {
    const res = await w.api('GET', `/api/sessions/${encodeURIComponent('a b$')}/details`, { token: admin });
    expect(res.status).toBe(400);
  });

  it('rejects an out-of-range page and limit', async () => {
    const res = await w.api('GET', '/api/users?page=0&limit=100000', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('answers a non-JSON body on a JSON route with validation_failed', async () => {
    const res = await w.api('POST', '/api/auth/login', { raw: 'email=a@b.c&password=x', contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('answers an unknown route with the error envelope', async () => {
    const res = await w.api('GET', '/api/nope', { token: admin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('rejects garbage authorization headers with 401 invalid_token', async () => {
    for (const header of ['Bearer', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', `Bearer ${'x'.repeat(5000)}`]) {
      const res = await w.api('GET', '/api/users', { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
      expect(['invalid_token', 'unauthorized']).toContain(res.body.error.code);
    }
  });

  it('sends security headers and no stack traces', async () => {
    const res = await w.api('GET', '/api/users', { token: admin });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const bad = await w.api('POST', '/api/roles', { token: admin, body: { name: 'x', permissions: [{ action: 'fly', subject: 'Moon' }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('allows CORS only for configured origins', async () => {
    const ok = await w.api('GET', '/api/openapi.json', { headers: { origin: 'http://console.test' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://console.test');
    const other = await w.api('GET', '/api/openapi.json', { headers: { origin: 'http://evil.test' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects hostile send input with stable codes', async () => {
    const cases: Array<[unknown, string]> = [
      [{ to: { $gt: '' }, text: 'hi' }, 'validation_failed'],
      [{ to: 'not a phone', text: 'hi' }, 'invalid_recipient'],
      [{ to: '34600000000' }, 'validation_failed'],
      [{ to: '34600000000', kind: 'image' }, 'validation_failed'],
      [{ to: '34600000000', text: 'hi', mediaId: 'zzz' }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const res = await w.api('POST', '/api/sessions/any/messages', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
  });

  it('answers a method a path does not support with 405, an Allow header and the error envelope', async () => {
    const cases: Array<[string, string, string]> = [
      ['TRACE', '/api/users', 'GET, HEAD, POST'],
      ['PATCH', '/api/users', 'GET, HEAD, POST'],
      ['DELETE', '/api/openapi.json', 'GET, HEAD'],
      ['PUT', '/api/auth/login', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      // node:http, because fetch refuses to send TRACE.
      const res = await rawRequest(w.url, method, path, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(String(res.headers.allow).split(/,\s*/).sort().join(', '), `${method} ${path}`).toBe(allow);
      expect(res.body.error.code).toBe('method_not_allowed');
    }
  });

  it('answers OPTIONS outside a CORS preflight with 405 and Allow, and still answers preflights', async () => {
    const plain = await w.api('OPTIONS', '/api/users', { token: admin });
    expect([plain.status, plain.body.error?.code]).toEqual([405, 'method_not_allowed']);
    expect(plain.headers.get('allow')).toContain('POST');
    const preflight = await w.api('OPTIONS', '/api/users', { headers: { origin: 'http://console.test', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://console.test');
  });

  it('answers out-of-range dates in the query with validation_failed, not a server error', async () => {
    await Session.create({ sessionId: 'dates', name: 'dates' });
    const paths = [
      '/api/sessions/dates/messages?chatId=34600000000&before=9007199254740991',
      '/api/sessions/dates/messages?chatId=34600000000&after=8640000000000001',
      '/api/sessions/dates/messages?chatId=34600000000&before=1e400',
      '/api/audit?from=2024-02-30T00:00:00Z',
      '/api/audit?to=99999-01-01T00:00:00Z',
    ];
    for (const path of paths) {
      const res = await w.api('GET', path, { token: admin });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('validation_failed');
    }
  });

  it('answers two concurrent creates of the same email or role name with one 201 and one 409', async () => {
    for (let round = 0; round < 2; round++) {
      const user = { name: 'Twin', email: `twin-${round}@test.local`, password: 'Twin-pass-123', role: 'employee' };
      const users = await Promise.all([0, 1].map(() => w.api('POST', '/api/users', { token: admin, body: user })));
      expect(users.map((r) => r.status).sort(), JSON.stringify(users.map((r) => r.body))).toEqual([201, 409]);
      expect(users.find((r) => r.status === 409)!.body.error.message).toMatch(/already exists/i);
      const role = { name: `twin-role-${round}`, permissions: [{ action: 'read', subject: 'Session' }] };
      const roles = await Promise.all([0, 1].map(() => w.api('POST', '/api/roles', { token: admin, body: role })));
      expect(roles.map((r) => r.status).sort(), JSON.stringify(roles.map((r) => r.body))).toEqual([201, 409]);
    }
  });

  it('rate-limits forgot-password with 429 rate_limited and Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await w.api('POST', '/api/auth/forgot-password', { body: { email: 'someone@test.local' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
