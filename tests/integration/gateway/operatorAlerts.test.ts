/**
 * Operator alert emails over a real SMTP server, from a real Supervisor whose actors (real
 * Baileys) are logged out by the WhatsApp simulator. The clock and the digest timer are
 * injected: one email an hour is allowed, so the second and third logouts wait for a digest.
 */
import { alertRecipients, createEmailService, watchOperatorAlerts, type AlertDecision } from '@switchboard/gateway';
import { silentLogger } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';
import { startMailbox, type Mailbox } from './support/mailbox.ts';

const HOUR = 60 * 60_000;
const SESSIONS = [
  { sessionId: 'oa-ventas', name: 'Ventas', phone: '34600000501' },
  { sessionId: 'oa-soporte', name: 'Soporte', phone: '34600000502' },
  { sessionId: 'oa-compras', name: 'Compras', phone: '34600000503' },
] as const;

let w: GatewayWorld;
let mail: Mailbox;
let email: ReturnType<typeof createEmailService>;
let stop: () => void;
let clock = Date.UTC(2026, 11, 1, 9);
const timers: Array<{ ms: number; run: () => void }> = [];
const decisions: Array<{ sessionId: string; decision: AlertDecision }> = [];
const waiters: Array<() => void> = [];

/** Resolves once `n` throttle decisions have been made. */
const decided = (n: number) =>
  new Promise<void>((resolve) => {
    const check = () => (decisions.length >= n ? resolve() : waiters.push(check));
    check();
  });

beforeAll(async () => {
  mail = await startMailbox();
  w = await openGateway('gw-alerts', { simulator: true, preloadChats: 0 });
  email = createEmailService({
    config: { dataDir: w.settings.dataDir, smtp: { host: '127.0.0.1', port: mail.port, secure: false, fromEmail: 'alerts@switchboard.test', fromName: 'Switchboard' } },
    logger: silentLogger(),
    baseDelayMs: 10,
  });
  stop = watchOperatorAlerts({
    hub: w.hub,
    email,
    logger: silentLogger(),
    alertEmails: [],
    frontendUrl: 'http://console.test/',
    policy: { perSessionCooldownMs: 30 * 60_000, maxPerWindow: 1, windowMs: HOUR },
    now: () => clock,
    setTimer: (ms, run) => {
      timers.push({ ms, run });
      return () => undefined;
    },
    onDecision: (sessionId, decision) => {
      decisions.push({ sessionId, decision });
      for (const wake of waiters.splice(0)) wake();
    },
  });
  const admin = await w.login('admin');
  for (const s of SESSIONS) await linkSession(w, admin, s);
}, 180_000);

afterAll(async () => {
  stop?.();
  await email?.close();
  await w?.close();
  await mail?.close();
});

describe('operator alerts', () => {
  it('go to the active users who may manage sessions, each in their language', async () => {
    const to = await alertRecipients('oa-ventas', []);
    expect(to.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: w.users.admin.email, locale: 'en' },
      { email: w.users.supervisor.email, locale: 'es' },
    ]);
    expect(await alertRecipients('oa-ventas', [w.users.supervisor.email, 'noc@example.com'])).toEqual([
      { email: w.users.supervisor.email, locale: 'es' },
      { email: 'noc@example.com', locale: 'es' },
    ]);
  });

  it('email a logout at once with its classified cause, then hold further alerts for one digest', async () => {
    const [ventas, soporte, compras] = SESSIONS;
    w.sim!.unlink(ventas.phone);
    const en = await mail.next(w.users.admin.email);
    expect(en.subject).toBe('Alert: session Ventas needs attention');
    expect(en.lang).toBe('en');
    expect(en.text).toContain('Session "Ventas" (oa-ventas) was logged out of WhatsApp and needs a new QR code.');
    expect(en.text).toContain('Cause: logged out from the phone or by WhatsApp.');
    expect(en.text).toMatch(/Detail: logged_out \(401\)/);
    expect(en.html).toContain('href="http://console.test/sessions/oa-ventas"');
    const es = await mail.next(w.users.supervisor.email);
    expect(es.subject).toBe('Alerta: la sesión Ventas necesita atención');
    expect(es.lang).toBe('es');
    expect(es.text).toContain('Causa: se cerró la sesión desde el teléfono o WhatsApp la invalidó.');

    // One email an hour: the next two logouts wait for the digest timer.
    clock += 5 * 60_000;
    w.sim!.unlink(soporte.phone);
    w.sim!.unlink(compras.phone);
    await decided(3);
    // The two logouts happen at once: their alerts may be decided in either order.
    expect(decisions[0]).toEqual({ sessionId: ventas.sessionId, decision: 'send' });
    expect(decisions.slice(1).sort((a, b) => a.sessionId.localeCompare(b.sessionId))).toEqual([
      { sessionId: compras.sessionId, decision: 'hold' },
      { sessionId: soporte.sessionId, decision: 'hold' },
    ]);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(55 * 60_000);

    clock += 55 * 60_000;
    timers[0]!.run();
    const digest = await mail.next(w.users.admin.email);
    expect(digest.subject).toBe('Alert: sessions needing attention (2)');
    expect(digest.text).toContain('Session "Soporte" (oa-soporte) was logged out');
    expect(digest.text).toContain('Session "Compras" (oa-compras) was logged out');
    expect((await mail.next(w.users.supervisor.email)).subject).toBe('Alerta: sesiones que necesitan atención (2)');

    await email.close();
    // Nobody else was emailed: two alerts for each of the two recipients, none for employees.
    expect(mail.received.map((m) => m.to).sort()).toEqual([w.users.admin.email, w.users.admin.email, w.users.supervisor.email, w.users.supervisor.email].sort());
  });
});
