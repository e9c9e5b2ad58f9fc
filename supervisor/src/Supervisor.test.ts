/**
 * Supervisor engine against the real database with the fixture actor (process plumbing and
 * supervision logic only; tests/integration/cluster runs the real session actor and Baileys).
 */
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, disconnectDatabase, Message, Session, SessionEvent, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../tests/support/testDb.ts';
import { Supervisor } from './Supervisor.ts';
import { withDefaults } from './supervisorOptions.ts';
import { recordHub } from './testing/hubRecorder.ts';

const entry = fileURLToPath(new URL('./testing/fixtureActor.ts', import.meta.url));
let uri = '';
let counter = 0;
const supervisors: Supervisor[] = [];

function supervisor(overrides: Parameters<typeof withDefaults>[0]['limits'] = {}, restart = {}) {
  const sup = new Supervisor(
    withDefaults({
      logger: silentLogger(),
      dataDir: mkdtempSync(join(tmpdir(), 'sup-test-')),
      actor: { mongoUri: uri, authStorage: 'mongo', logLevel: 'silent', wa: {}, preloadChats: { type: 'individual', limit: 1 } },
      actorEntry: entry,
      limits: { heartbeatMs: 100, missedHeartbeats: 3, readyTimeoutMs: 10_000, stopGraceMs: 1_000, ...overrides },
      restart: { baseDelayMs: 10, maxDelayMs: 50, random: () => 0.5, intensity: { maxRestarts: 3, windowMs: 60_000 }, ...restart },
      startJitterMs: 0,
      startConcurrency: 2,
    }),
  );
  supervisors.push(sup);
  return { sup, rec: recordHub(sup) };
}

async function newSession(mode: string): Promise<string> {
  const sessionId = `${mode}-${++counter}`;
  await Session.create({ sessionId, name: sessionId });
  return sessionId;
}

beforeAll(async () => {
  uri = testDbUri('supervisor');
  await connectDatabase(uri, silentLogger());
});
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.shutdown()));
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('Supervisor', () => {
  it('starts an actor, numbers and persists its events, and keeps the Session current', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    await sup.start(id);
    const qr = await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    const seqs = rec.of(id).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(qr.seq).toBeGreaterThan(0);
    const stored = await SessionEvent.find({ sessionId: id }).sort({ seq: 1 }).lean();
    expect(stored.map((e) => e.seq)).toEqual(rec.of(id).map((e) => e.seq));
    expect(sup.snapshot(id)).toMatchObject({ sessionId: id, status: 'qr', restarts: 0 });
    const pid = sup.snapshot(id)?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(await Session.findOne({ sessionId: id }).lean()).toMatchObject({ status: 'qr', metrics: { pid, connectionAttempts: 1 } });
    await expect(sup.call(id, 'probe', {})).resolves.toEqual({ open: true, lastTrafficAt: 42 });
  });

  it('rejects commands for sessions without a running actor with a coded error', async () => {
    const { sup } = supervisor();
    await expect(sup.call('nope', 'probe', {})).rejects.toMatchObject({ code: 'actor_not_running' });
    await expect(sup.start('missing-session')).rejects.toMatchObject({ code: 'session_not_found' });
  });

  it('restarts a crashing actor with backoff, records each restart, then marks it problematic; reset-attempts revives it', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('crash');
    await sup.start(id);
    await rec.waitStatus(id, 'problematic');
    const doc = await Session.findOne({ sessionId: id }).lean();
    expect(doc?.restarts).toHaveLength(3);
    expect(doc?.restarts[0]?.reason).toContain('crash');
    expect(doc?.restarts[0]?.exitCode).toBe(1);
    expect(doc?.problematicSince).toBeInstanceOf(Date);
    expect(sup.snapshot(id)).toMatchObject({ status: 'problematic', restarts: 3, pid: null });
    expect(sup.snapshot(id)?.lastError).toContain('restart intensity exceeded');

    const mark = rec.events.length;
    await sup.resetAttempts(id);
    await rec.waitStatus(id, 'starting', mark);
    expect((await Session.findOne({ sessionId: id }).lean())?.problematicSince).toBeNull();
    await rec.waitStatus(id, 'problematic', mark);
  });

  it('does not restart a logged-out actor', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('loggedout');
    await sup.start(id);
    await rec.waitStatus(id, 'logged_out');
    expect(sup.snapshot(id)).toMatchObject({ status: 'logged_out', restarts: 0, pid: null });
    expect((await Session.findOne({ sessionId: id }).lean())?.status).toBe('logged_out');
  });

  it('kills an actor that stops sending heartbeats and restarts it', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('mute');
    await sup.start(id);
    await rec.waitStatus(id, 'reconnecting');
    expect(sup.snapshot(id)?.lastError).toMatch(/^hung: no heartbeat/);
    await rec.waitStatus(id, 'starting', rec.events.length);
    const doc = await Session.findOne({ sessionId: id }).lean();
    expect(doc?.restarts[0]?.reason).toMatch(/^hung/);
  });

  it('recycles an actor over its RSS budget', async () => {
    const { sup, rec } = supervisor({ rssBudgetBytes: 1024 ** 3 });
    const id = await newSession('fat');
    await sup.start(id);
    await rec.waitStatus(id, 'reconnecting');
    expect(sup.snapshot(id)?.lastError).toMatch(/^recycled: rss/);
  });

  it('stores a send as pending before delivery, once per clientId, and asks the actor to flush', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    await sup.start(id);
    await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    const first = await sup.send(id, { to: '+34 600 000 001', kind: 'text', text: 'hola', clientId: 'c-1' });
    expect(first).toMatchObject({ status: 'pending', duplicate: false });
    expect(first.messageId).toMatch(/^3EB0[0-9A-F]{18}$/);
    const again = await sup.send(id, { to: '+34 600 000 001', kind: 'text', text: 'hola', clientId: 'c-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    const stored = await Message.find({ sessionId: id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ chatId: '34600000001@s.whatsapp.net', fromMe: true, status: 'pending', clientId: 'c-1' });
    await rec.waitFor((e) => e.sessionId === id && e.type === 'chat-update' && e.chatId === 'flushed@s.whatsapp.net');
    await expect(sup.send(id, { to: 'nobody', kind: 'text', text: 'x' })).rejects.toMatchObject({ code: 'invalid_recipient' });
    await expect(sup.send(id, { to: '34600000001', kind: 'text', text: ' ' })).rejects.toMatchObject({ code: 'invalid_message' });
  });

  it('stops an actor on request and keeps it stopped', async () => {
    const { sup, rec } = supervisor();
    const id = await newSession('ok');
    await sup.start(id);
    await rec.waitFor((e) => e.sessionId === id && e.type === 'qr');
    await sup.stop(id);
    expect(sup.snapshot(id)).toMatchObject({ status: 'stopped', pid: null });
    expect(await Session.findOne({ sessionId: id }).lean()).toMatchObject({ status: 'stopped', active: false });
  });

  it('restores active sessions with bounded concurrency and skips the ones waiting for an operator', async () => {
    const ids = await Promise.all(Array.from({ length: 5 }, () => newSession('ok')));
    const skipped = await newSession('ok');
    await Session.updateOne({ sessionId: skipped }, { status: 'logged_out' });
    await Session.updateMany({ sessionId: { $nin: [...ids, skipped] } }, { active: false });
    const { sup, rec } = supervisor();
    await sup.restoreAll();
    for (const id of ids) expect(sup.snapshot(id)?.pid).toBeGreaterThan(0);
    expect(sup.snapshot(skipped)).toBeUndefined();
    // Bounded: at no point were more than 2 sessions between 'starting' and their first QR.
    let inFlight = 0;
    let peak = 0;
    for (const e of rec.events.filter((x) => ids.includes(x.sessionId))) {
      if (e.type === 'connection-state' && e.status === 'starting') inFlight += 1;
      if (e.type === 'qr') inFlight -= 1;
      peak = Math.max(peak, inFlight);
    }
    expect(peak).toBeLessThanOrEqual(2);
  });
});
