import { PasswordResetToken } from '@switchboard/shared/node';
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { startMailbox, type Mailbox } from './support/mailbox.ts';

let w: GatewayWorld;
let mail: Mailbox;

beforeAll(async () => {
  mail = await startMailbox();
  w = await openGateway('gw-recovery', {
    smtp: { host: '127.0.0.1', port: mail.port, secure: false, fromEmail: 'noreply@switchboard.test', fromName: 'Switchboard' },
  });
});
afterAll(async () => {
  await w?.close();
  await mail?.close();
});

const tokenFrom = (text: string) => /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('password recovery end to end (real SMTP)', () => {
  it('emails a Spanish link that resets once, revokes every token and rejects the old password', async () => {
    const emp = w.users.employee;
    const [t1, t2] = [await w.login('employee'), await w.login('employee')];

    const unknown = await w.api('POST', '/api/auth/forgot-password', { body: { email: 'nobody@test.local' } });
    const known = await w.api('POST', '/api/auth/forgot-password', { body: { email: emp.email.toUpperCase() } });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const msg = await mail.next(emp.email);
    expect(msg.subject).toBe('Restablece tu contraseña');
    expect(msg.lang).toBe('es');
    expect(msg.html).toContain('http://console.test/reset-password?token=');
    const token = tokenFrom(msg.text);
    expect(token).toBeTruthy();
    // Only the hash is stored.
    expect(await PasswordResetToken.exists({ tokenHash: token })).toBeNull();

    const newPassword = `New-${randomBytes(6).toString('hex')}`;
    const reset = await w.api('POST', '/api/auth/reset-password', { body: { token, password: newPassword } });
    expect(reset.status).toBe(200);
    const confirmation = await mail.next(emp.email);
    expect(confirmation.subject).toBe('Tu contraseña fue restablecida');

    const again = await w.api('POST', '/api/auth/reset-password', { body: { token, password: 'Another-pass-1' } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_reset_token');

    const oldLogin = await w.api('POST', '/api/auth/login', { body: { email: emp.email, password: emp.password } });
    expect(oldLogin.status).toBe(401);
    expect(oldLogin.body.error.code).toBe('invalid_credentials');

    for (const t of [t1, t2]) {
      const res = await w.api('GET', '/api/auth/me', { token: t });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token_revoked');
    }
    emp.password = newPassword;
    const fresh = await w.login('employee');
    expect((await w.api('GET', '/api/auth/me', { token: fresh })).body.email).toBe(emp.email);
  });

  it('writes English emails for English users', async () => {
    const res = await w.api('POST', '/api/auth/forgot-password', { body: { email: w.users.outsider.email } });
    expect(res.status).toBe(202);
    const msg = await mail.next(w.users.outsider.email);
    expect(msg.subject).toBe('Reset your password');
    expect(msg.lang).toBe('en');
    expect(msg.text).toContain('http://console.test/reset-password?token=');
  });

  it('rejects an expired token', async () => {
    const token = randomBytes(32).toString('base64url');
    await PasswordResetToken.create({
      userId: new Types.ObjectId(w.users.supervisor.id),
      tokenHash: createHash('sha256').update(token).digest('hex'),
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await w.api('POST', '/api/auth/reset-password', { body: { token, password: 'Whatever-123' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_reset_token');
  });

  it('change-password revokes other tokens, returns a working one and emails a confirmation', async () => {
    const u = w.users.outsider;
    const other = await w.login('outsider');
    const mine = await w.login('outsider');
    const wrong = await w.api('POST', '/api/auth/change-password', { token: mine, body: { currentPassword: 'nope-nope', newPassword: 'Changed-pass-1' } });
    expect(wrong.status).toBe(401);
    const res = await w.api('POST', '/api/auth/change-password', { token: mine, body: { currentPassword: u.password, newPassword: 'Changed-pass-1' } });
    expect(res.status).toBe(200);
    u.password = 'Changed-pass-1';
    expect((await w.api('GET', '/api/auth/me', { token: other })).status).toBe(401);
    expect((await w.api('GET', '/api/auth/me', { token: mine })).status).toBe(401);
    expect((await w.api('GET', '/api/auth/me', { token: res.body.token })).status).toBe(200);
    expect((await mail.next(u.email)).subject).toBe('Your password was changed');
  });

  it('admin reset emails a temporary password that must be changed before anything else', async () => {
    const admin = await w.login('admin');
    const sup = w.users.supervisor;
    const before = await w.login('supervisor');
    const res = await w.api('POST', `/api/admin/users/${sup.id}/reset-password`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, emailed: true });
    expect((await w.api('GET', '/api/auth/me', { token: before })).status).toBe(401);

    const msg = await mail.next(sup.email);
    expect(msg.subject).toBe('Tu contraseña temporal');
    const temp = /\n([A-Za-z0-9_-]{16})\n/.exec(msg.text)?.[1];
    expect(temp).toBeTruthy();
    const login = await w.api('POST', '/api/auth/login', { body: { email: sup.email, password: temp } });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const blocked = await w.api('GET', '/api/sessions', { token: login.body.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');

    const changed = await w.api('POST', '/api/auth/change-password', { token: login.body.token, body: { currentPassword: temp, newPassword: 'Super-pass-22' } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await w.api('GET', '/api/sessions', { token: changed.body.token })).status).toBe(200);
    sup.password = 'Super-pass-22';
  });

  it('records the recovery in the audit log without secrets', async () => {
    const admin = await w.login('admin');
    const res = await w.api('GET', `/api/audit?targetId=${w.users.employee.id}`, { token: admin });
    expect(res.status).toBe(200);
    const actions = res.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.forgot_password', 'auth.reset_password', 'auth.login']));
    // Anyone may ask for someone's reset link: the request has no actor, the account is its target.
    const forgot = res.body.data.filter((e: { action: string }) => e.action === 'auth.forgot_password');
    expect(forgot.every((e: { userId: string | null }) => e.userId === null)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/password":|token=/);
  });
});
