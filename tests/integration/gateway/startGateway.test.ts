import { startGateway, type GatewayEnvConfig, type RunningGateway } from '@switchboard/gateway';
import { Assignment, Media, Message, silentLogger } from '@switchboard/shared/node';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';
import { startMailbox, type Mailbox } from './support/mailbox.ts';

let w: GatewayWorld;
let mail: Mailbox;
let gw: RunningGateway;

/** The gateway's configuration in these tests (PORT 0: any free port). */
const baseConfig = (): GatewayEnvConfig => ({
  NODE_ENV: 'test',
  DATA_DIR: w.settings.dataDir,
  PORT: 0,
  JWT_SECRET: w.settings.jwtSecret,
  JWT_EXPIRES_IN: '3600',
  CORS_ORIGINS: [],
  FRONTEND_URL: 'http://console.test',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: mail.port,
  SMTP_SECURE: false,
  SMTP_FROM_EMAIL: 'alerts@switchboard.test',
  SMTP_FROM_NAME: 'Switchboard',
  JSON_BODY_LIMIT_BYTES: 2048,
  RATE_LIMIT_LOGIN_PER_MINUTE: 3,
  RATE_LIMIT_FORGOT_PASSWORD_PER_HOUR: 1,
});

beforeAll(async () => {
  mail = await startMailbox();
  w = await openGateway('gw-start', { simulator: true });
  gw = await startGateway({
    config: baseConfig(),
    logger: silentLogger(),
    hub: w.hub,
    health: () => w.hub.healthReport(),
    host: '127.0.0.1',
  });
}, 60_000);

afterAll(async () => {
  await gw?.close();
  await w?.close();
  await mail?.close();
});

describe('startGateway', () => {
  it('serves REST and Socket.IO on one port with the configured JWT settings', async () => {
    const login = await fetch(`${gw.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: w.users.admin.email, password: w.users.admin.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(3600);

    const socket = io(gw.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    socket.close();
  });

  it('emails admins (SMTP from configuration) when a session is logged out from the phone', async () => {
    const token = await w.login('admin');
    const mark = w.rec.events.length;
    const created = await fetch(`${gw.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ sessionId: 'alerted', name: 'Ventas' }),
    });
    expect(created.status).toBe(201);
    const qr = await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.sessionId === 'alerted' && e.type === 'qr');
    w.sim!.createPhone({ phone: '34600000077' });
    await w.sim!.scanQr('34600000077', (qr as { qr: string }).qr);
    await w.rec.waitStatus('alerted', 'connected', mark);

    w.sim!.unlink('34600000077');
    const alert = await mail.next(w.users.admin.email);
    expect(alert.subject).toBe('Alert: session Ventas needs attention');
    expect(alert.text).toContain('alerted');
    expect(alert.text).toContain('logged out');
  });

  it('accepts a multipart send: the file is stored as media of that chat and the message queued', async () => {
    const token = await w.login('employee');
    await Assignment.create({ sessionId: 'alerted', chatId: '34699111222@s.whatsapp.net', userId: w.users.employee.id });
    const form = new FormData();
    form.set('to', '34699111222');
    form.set('caption', 'factura');
    form.set('clientId', 'mp-1');
    form.set('file', new Blob([Buffer.from('hola, esto es un documento')], { type: 'text/plain' }), 'nota.txt');
    const res = await fetch(`${gw.url}/api/sessions/alerted/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as { messageId: string; chatId: string };
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect(body.chatId).toBe('34699111222@s.whatsapp.net');
    const msg = await Message.findOne({ sessionId: 'alerted', messageId: body.messageId }).lean();
    expect(msg).toMatchObject({ kind: 'document', caption: 'factura', status: 'pending' });
    const media = await Media.findById(msg!.mediaId).lean();
    expect(media).toMatchObject({ chatId: '34699111222@s.whatsapp.net', mimeType: 'text/plain', fileName: 'nota.txt' });

    const anonymous = await fetch(`${gw.url}/api/sessions/alerted/messages`, { method: 'POST', body: form });
    expect(anonymous.status).toBe(401);
    const outsider = await fetch(`${gw.url}/api/sessions/alerted/messages`, { method: 'POST', headers: { authorization: `Bearer ${await w.login('outsider')}` }, body: form });
    expect(outsider.status).toBe(403);
  });

  it('applies the body and rate limits of the configuration', async () => {
    const post = (path: string, body: string) => fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const big = await post('/api/auth/login', JSON.stringify({ email: 'a@test.local', password: 'x'.repeat(3000) }));
    expect([big.status, ((await big.json()) as { error: { code: string } }).error.code]).toEqual([413, 'payload_too_large']);

    const forgot = JSON.stringify({ email: 'nobody@test.local' });
    expect((await post('/api/auth/forgot-password', forgot)).status).toBe(202);
    const limited = await post('/api/auth/forgot-password', forgot);
    expect([limited.status, ((await limited.json()) as { error: { code: string } }).error.code]).toEqual([429, 'rate_limited']);

    // Three login attempts a minute per IP (earlier tests may have used one): 401 until the limit, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/auth/login', JSON.stringify({ email: w.users.outsider.email, password: 'Wrong-pass-123' }))).status);
    const allowed = statuses.indexOf(429);
    expect(allowed, statuses.join()).toBeGreaterThanOrEqual(2);
    expect(allowed, statuses.join()).toBeLessThanOrEqual(3);
    expect(statuses.slice(0, allowed).every((st) => st === 401) && statuses.slice(allowed).every((st) => st === 429), statuses.join()).toBe(true);
  });

  it('says plainly that the port is taken, and leaves nothing running', async () => {
    const port = Number(new URL(gw.url).port);
    const second = startGateway({ config: { ...baseConfig(), PORT: port }, logger: silentLogger(), hub: w.hub, health: () => w.hub.healthReport(), host: '127.0.0.1' });
    await expect(second).rejects.toThrow(`Port ${port} is already in use: stop what uses it or set another PORT / El puerto ${port} ya está en uso`);
    // The first gateway still answers.
    expect((await fetch(`${gw.url}/api/openapi.json`)).status).toBe(200);
  });
});
