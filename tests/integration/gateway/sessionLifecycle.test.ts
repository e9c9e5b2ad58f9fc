/**
 * Session controls and the timeline through the REST API, with a real actor (Baileys) against
 * the WhatsApp simulator: link, stop and start (the gap and the messages sent meanwhile), a
 * logout on the phone, and relinking without losing the record, chats or assignments.
 */
import type { HubEvent, TimelineEntry } from '@switchboard/shared';
import { Assignment, Message, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'tl-1';
const PHONE = '34600200001';
const CONTACT = '34600200101';

let w: GatewayWorld;
let admin: string;

beforeAll(async () => {
  w = await openGateway('gw-lifecycle', { simulator: true, preloadChats: 0 });
  admin = await w.login('admin');
  w.sim!.createPhone({ phone: PHONE, name: 'Ventas' });
  w.sim!.createContact({ phone: CONTACT, name: 'Ana' });
}, 60_000);
afterAll(async () => w?.close());

/** The next QR the session shows after the `mark`-th recorded event. */
async function nextQr(mark: number): Promise<string> {
  const e = await w.rec.waitFor((x) => w.rec.events.indexOf(x) >= mark && x.sessionId === SESSION && x.type === 'qr');
  return (e as Extract<HubEvent, { type: 'qr' }>).qr;
}

async function timeline(query = ''): Promise<TimelineEntry[]> {
  const res = await w.api('GET', `/api/sessions/${SESSION}/timeline${query}`, { token: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as TimelineEntry[];
}

describe('session lifecycle and timeline', () => {
  it('shows the time a stopped session was down and the messages sent to it meanwhile', async () => {
    let mark = w.rec.events.length;
    expect((await w.api('POST', '/api/sessions', { token: admin, body: { sessionId: SESSION, name: 'Timeline' } })).status).toBe(201);
    await w.sim!.scanQr(PHONE, await nextQr(mark));
    await w.rec.waitStatus(SESSION, 'connected', mark);

    const gone = new Promise((resolve) => w.sim!.on('disconnected', (d) => d.phone === PHONE && resolve(d)));
    const stopped = await w.api('POST', `/api/sessions/${SESSION}/stop`, { token: admin });
    expect(stopped.body).toMatchObject({ sessionId: SESSION, status: 'stopped', active: false, summary: { pid: null } });
    // Sent once the server has seen the device go: WhatsApp queues it for the next login.
    await gone;
    const { id } = await w.sim!.contactSend(CONTACT, { to: PHONE, text: 'while you were away' });

    mark = w.rec.events.length;
    const started = await w.api('POST', `/api/sessions/${SESSION}/start`, { token: admin });
    expect(started.body).toMatchObject({ sessionId: SESSION, active: true });
    await w.rec.waitStatus(SESSION, 'connected', mark);
    await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === id);
    expect(w.rec.events.slice(mark).some((e) => e.sessionId === SESSION && e.type === 'qr')).toBe(false);

    const entries = await timeline();
    expect(entries.slice(0, 3).map((e) => e.kind)).toEqual(['connected', 'stopped', 'connected']);
    expect(entries.at(-1)?.kind).toBe('qr');
    expect(entries.filter((e) => e.kind === 'qr')).toHaveLength(1);
    const down = entries[1]!;
    expect(down).toMatchObject({ status: 'stopped', messagesDuringGap: 1 });
    expect(down.downMs).toBe(Date.parse(entries[0]!.at) - Date.parse(down.at));
    expect(entries[0]!.downMs).toBeUndefined();
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => b - a));

    const dashboard = await w.api('GET', '/api/admin/dashboard', { token: admin });
    expect(dashboard.body.rates.reduce((n: number, p: { received: number }) => n + p.received, 0)).toBeGreaterThanOrEqual(1);
  });

  it('shows connected then logged_out when the phone unlinks the device, and alerts the dashboard', async () => {
    const mark = w.rec.events.length;
    w.sim!.unlink(PHONE);
    await w.rec.waitStatus(SESSION, 'logged_out', mark);
    await w.rec.waitFor((e) => w.rec.events.indexOf(e) >= mark && e.sessionId === SESSION && e.type === 'actor-exit');

    const entries = await timeline();
    expect(entries[0]).toMatchObject({ kind: 'logged_out', status: 'logged_out', cause: 'logged_out', statusCode: 401 });
    expect(entries[1]).toMatchObject({ kind: 'connected', status: 'connected' });
    // Still down: no reconnection yet, so no down time.
    expect(entries[0]!.downMs).toBeUndefined();

    // Pages: `before` is the last seq of the previous page; a gap that ended on an earlier page keeps its figures.
    const first = await timeline('?limit=2');
    expect(first.map((e) => e.seq)).toEqual([entries[0]!.seq, entries[1]!.seq]);
    const second = await timeline(`?limit=1&before=${first[1]!.seq}`);
    expect(second).toEqual([entries[2]]);

    const dashboard = await w.api('GET', '/api/admin/dashboard', { token: admin });
    expect(dashboard.body.alerts).toContainEqual(expect.objectContaining({ sessionId: SESSION, status: 'logged_out', cause: 'logged_out' }));
  });

  it('relinks with a new QR keeping the record, its messages and assignments', async () => {
    const before = await Session.findOne({ sessionId: SESSION }).lean();
    await Assignment.create({ sessionId: SESSION, chatId: `${CONTACT}@s.whatsapp.net`, userId: w.users.employee.id });
    const messages = await Message.countDocuments({ sessionId: SESSION });
    expect(messages).toBeGreaterThan(0);

    const mark = w.rec.events.length;
    const relinked = await w.api('POST', `/api/sessions/${SESSION}/relink`, { token: admin });
    expect(relinked.status, JSON.stringify(relinked.body)).toBe(200);
    expect(relinked.body).toMatchObject({ sessionId: SESSION, name: 'Timeline', active: true });
    await w.sim!.scanQr(PHONE, await nextQr(mark));
    await w.rec.waitStatus(SESSION, 'connected', mark);

    const after = await Session.findOne({ sessionId: SESSION }).lean();
    expect(after?._id.toString()).toBe(before?._id.toString());
    expect(after?.me?.id).toContain(PHONE);
    expect(await Message.countDocuments({ sessionId: SESSION })).toBe(messages);
    expect(await Assignment.countDocuments({ sessionId: SESSION })).toBe(1);
    const kinds = (await timeline()).map((e) => e.kind);
    expect(kinds[0]).toBe('connected');
    expect(kinds.slice(0, kinds.indexOf('logged_out'))).toContain('qr');
  });

  it('relinks a connected session: logs the device out first, then shows a new QR', async () => {
    const mark = w.rec.events.length;
    const relinked = await w.api('POST', `/api/sessions/${SESSION}/relink`, { token: admin });
    expect(relinked.status, JSON.stringify(relinked.body)).toBe(200);
    const qr = await nextQr(mark);
    expect(w.sim!.devices(PHONE).filter((d) => d.online)).toEqual([]);
    await w.sim!.scanQr(PHONE, qr);
    await w.rec.waitStatus(SESSION, 'connected', mark);
    expect(w.rec.events.slice(mark).some((e) => e.sessionId === SESSION && e.type === 'connection-state' && e.status === 'logged_out')).toBe(true);
  });
});
