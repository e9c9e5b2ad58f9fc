/**
 * Sign-in lockout per account (issue 12): failures from many addresses lock the account for a
 * while, its owner is told by email in their language, and the per-IP limiter sees the client
 * behind a trusted proxy. Time moves on a fake clock, never by sleeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { startMailbox, type Mailbox } from './support/mailbox.ts';

let w: GatewayWorld;
let mail: Mailbox;
let t = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;

beforeAll(async () => {
  mail = await startMailbox();
  w = await openGateway('gw-lockout', {
    smtp: { host: '127.0.0.1', port: mail.port, secure: false, fromEmail: 'noreply@switchboard.test', fromName: 'Switchboard' },
    now: () => new Date(t),
    settings: {
      trustProxy: true,
      rateLimits: { loginPerMinute: 3, forgotPasswordPerHour: 1000, sendPerMinute: 1000, forgotPasswordPerAccountPerHour: 2 },
    },
  });
});
afterAll(async () => {
  await w?.close();
  await mail?.close();
});

/** A sign-in from `ip` (the proxy appends it to X-Forwarded-For; what the client sent comes first). */
const login = (email: string, password: string, ip: string, spoofed = '203.0.113.66') =>
  w.api('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': `${spoofed}, ${ip}` } });

describe('account lockout', () => {
  it('locks an account after 10 failures from different addresses, emails its owner, and lets them in 15 minutes later', async () => {
    const emp = w.users.employee; // Spanish
    for (let i = 1; i <= 10; i++) {
      const res = await login(emp.email, `wrong-${i}`, `198.51.100.${i}`);
      expect([res.status, res.body.error.code], `attempt ${i}`).toEqual([401, 'invalid_credentials']);
      t += 30_000;
    }
    const locked = await login(emp.email, emp.password, '198.51.100.50');
    expect([locked.status, locked.body.error.code]).toEqual([429, 'account_locked']);
    // Locked at the 10th failure, asked 30 s later: 14 min 30 s to go.
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60 - 30));
    expect(locked.body.error.message).toMatch(/locked/);
    const notice = await mail.next(emp.email);
    expect(notice.lang).toBe('es');
    expect(notice.subject).toBe('Bloqueamos el acceso a tu cuenta por unos minutos');
    expect(notice.text).toContain('15 minutos');

    // Other accounts are not affected.
    expect((await login(w.users.supervisor.email, w.users.supervisor.password, '198.51.100.51')).status).toBe(200);
    t += 15 * MIN;
    const back = await login(emp.email, emp.password, '198.51.100.52');
    expect(back.status).toBe(200);
  });

  it('answers an unknown email the same way, so a lockout tells nothing about which emails exist', async () => {
    for (let i = 1; i <= 10; i++) await login('nobody@test.local', `wrong-${i}`, `192.0.2.${i}`);
    const res = await login('nobody@test.local', 'whatever', '192.0.2.99');
    expect([res.status, res.body.error.code]).toEqual([429, 'account_locked']);
  });

  it('lifts the lock when the owner resets the password by admin (a new password is a fresh start)', async () => {
    const out = w.users.outsider; // English
    for (let i = 1; i <= 10; i++) await login(out.email, `wrong-${i}`, `198.51.100.${100 + i}`);
    expect((await login(out.email, out.password, '198.51.100.120')).body.error.code).toBe('account_locked');
    expect((await mail.next(out.email)).subject).toBe('We locked sign-in to your account for a few minutes');
    const admin = await login(w.users.admin.email, w.users.admin.password, '198.51.100.121');
    const reset = await w.api('POST', `/api/admin/users/${out.id}/reset-password`, { token: admin.body.token });
    expect(reset.status).toBe(200);
    const temp = /\n([A-Za-z0-9_-]{16})\n/.exec((await mail.next(out.email)).text)?.[1];
    expect((await login(out.email, temp!, '198.51.100.122')).status).toBe(200);
  });

  it('limits sign-ins per client address as the trusted proxy reports it, not as the client claims', async () => {
    const sup = w.users.supervisor;
    for (let i = 0; i < 3; i++) expect((await login(sup.email, sup.password, '198.51.100.200', `10.0.0.${i}`)).status).toBe(200);
    // Changing the spoofable first entry does not help: the address our proxy appended is the same.
    const fourth = await login(sup.email, sup.password, '198.51.100.200', '10.0.0.99');
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await login(sup.email, sup.password, '198.51.100.201')).status).toBe(200);
  });

  it('limits forgot-password per email across addresses (same answer for unknown emails)', async () => {
    for (const email of [w.users.supervisor.email, 'ghost@test.local']) {
      expect((await w.api('POST', '/api/auth/forgot-password', { body: { email }, headers: { 'x-forwarded-for': '192.0.2.201' } })).status).toBe(202);
      expect((await w.api('POST', '/api/auth/forgot-password', { body: { email }, headers: { 'x-forwarded-for': '192.0.2.202' } })).status).toBe(202);
      const third = await w.api('POST', '/api/auth/forgot-password', { body: { email }, headers: { 'x-forwarded-for': '192.0.2.203' } });
      expect([third.status, third.body.error.code]).toEqual([429, 'rate_limited']);
    }
    t += 61 * MIN;
    expect((await w.api('POST', '/api/auth/forgot-password', { body: { email: 'ghost@test.local' } })).status).toBe(202);
  });
});
