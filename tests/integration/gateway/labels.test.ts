/**
 * Labels over real HTTP and the real database: supervisors define them (unique whatever the
 * case, a clear 409 otherwise), everyone who works chats reads them, employees put them on their
 * own chats and never on another's, the inbox filters by them, and deleting a label takes it off
 * every chat.
 */
import { AuditLog, Assignment, Chat, Label, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'labels-1';
const ALICE = '34611000201@s.whatsapp.net';
const BOB = '34611000202@s.whatsapp.net';

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '', outsider: '' };
const chatLabels = (jid: string) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid)}/labels`;

/** The label ids of a chat as the inbox lists it for `who` (with `query`), or undefined when not listed. */
async function listed(who: keyof typeof tok, jid: string, query = ''): Promise<string[] | undefined> {
  const res = await w.api('GET', `/api/chats?sessionId=${SESSION}${query}`, { token: tok[who] });
  expect(res.status).toBe(200);
  return (res.body.data as { id: string; labels: string[] }[]).find((c) => c.id === jid)?.labels;
}

beforeAll(async () => {
  w = await openGateway('gw-labels');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create({ sessionId: SESSION, name: 'Etiquetas' });
  await Chat.create([
    { sessionId: SESSION, jid: ALICE, name: 'Alicia', lastMessageAt: new Date() },
    { sessionId: SESSION, jid: BOB, name: 'Bruno', lastMessageAt: new Date() },
  ]);
  await Assignment.create({ sessionId: SESSION, chatId: ALICE, userId: w.users.employee.id });
});
afterAll(async () => w?.close());

describe('labels', () => {
  let urgent = '';
  let payment = '';

  it('are defined by supervisors, unique whatever the case, and read by everyone who works chats', async () => {
    const created = await w.api('POST', '/api/labels', { token: tok.supervisor, body: { name: '  Urgente ', color: 'red' } });
    expect([created.status, created.body]).toEqual([201, { id: expect.any(String), name: 'Urgente', color: 'red' }]);
    urgent = created.body.id;
    const second = await w.api('POST', '/api/labels', { token: tok.admin, body: { name: 'Pago   pendiente' } });
    expect(second.body).toMatchObject({ name: 'Pago pendiente', color: 'gray' });
    payment = second.body.id;

    const again = await w.api('POST', '/api/labels', { token: tok.supervisor, body: { name: 'URGENTE', color: 'blue' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'label_taken']);
    const rename = await w.api('PUT', `/api/labels/${payment}`, { token: tok.supervisor, body: { name: 'urgente' } });
    expect([rename.status, rename.body.error.code]).toEqual([409, 'label_taken']);
    expect((await w.api('POST', '/api/labels', { token: tok.employee, body: { name: 'Mía' } })).status).toBe(403);
    for (const body of [{ name: '   ' }, { name: 'x'.repeat(33) }, { name: 'Ok', color: 'fucsia' }, {}]) {
      const bad = await w.api('POST', '/api/labels', { token: tok.supervisor, body });
      expect([JSON.stringify(body), bad.status, bad.body.error.code]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
    }

    for (const who of ['employee', 'supervisor', 'outsider'] as const) {
      const list = await w.api('GET', '/api/labels', { token: tok[who] });
      expect([who, list.body.data.map((l: { name: string }) => l.name)]).toEqual([who, ['Pago pendiente', 'Urgente']]);
    }
    const recolored = await w.api('PUT', `/api/labels/${payment}`, { token: tok.supervisor, body: { color: 'yellow' } });
    expect(recolored.body).toEqual({ id: payment, name: 'Pago pendiente', color: 'yellow' });
  });

  it("go on the chats the caller may read: an employee labels theirs, never another's", async () => {
    const res = await w.api('PUT', chatLabels(ALICE), { token: tok.employee, body: { labelIds: [urgent, payment, urgent] } });
    expect([res.status, res.body]).toEqual([200, { sessionId: SESSION, chatId: ALICE, labels: [urgent, payment] }]);
    expect(await listed('employee', ALICE)).toEqual([urgent, payment]);
    expect(await listed('supervisor', BOB)).toEqual([]);

    expect((await w.api('PUT', chatLabels(BOB), { token: tok.employee, body: { labelIds: [urgent] } })).status).toBe(403);
    expect((await w.api('PUT', chatLabels(BOB), { token: tok.outsider, body: { labelIds: [urgent] } })).status).toBe(403);
    const unknown = await w.api('PUT', chatLabels(ALICE), { token: tok.employee, body: { labelIds: ['665f1c2b9d3e4a0012345678'] } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_label']);
    const noChat = await w.api('PUT', chatLabels('34611000299@s.whatsapp.net'), { token: tok.supervisor, body: { labelIds: [] } });
    expect(noChat.status).toBe(404);
    expect((await w.api('PUT', chatLabels(ALICE), { token: tok.employee, body: { labelIds: 'urgente' } })).status).toBe(400);

    const audit = await AuditLog.findOne({ action: 'chat.labels', targetId: ALICE }).lean();
    expect(audit?.details).toMatchObject({ sessionId: SESSION, labelIds: [urgent, payment] });
  });

  it('filter the inbox', async () => {
    expect((await w.api('PUT', chatLabels(BOB), { token: tok.supervisor, body: { labelIds: [payment] } })).status).toBe(200);
    expect(await listed('supervisor', ALICE, `&label=${urgent}`)).toEqual([urgent, payment]);
    expect(await listed('supervisor', BOB, `&label=${urgent}`)).toBeUndefined();
    expect(await listed('supervisor', BOB, `&label=${payment}`)).toEqual([payment]);
    expect((await w.api('GET', '/api/chats?label=urgente', { token: tok.supervisor })).status).toBe(400);
  });

  it('come off every chat when deleted', async () => {
    expect((await w.api('DELETE', `/api/labels/${payment}`, { token: tok.employee })).status).toBe(403);
    expect((await w.api('DELETE', `/api/labels/${payment}`, { token: tok.supervisor })).status).toBe(204);
    expect(await Label.exists({ _id: payment })).toBeNull();
    expect(await listed('supervisor', ALICE)).toEqual([urgent]);
    expect(await listed('supervisor', BOB)).toEqual([]);
    expect((await w.api('DELETE', `/api/labels/${payment}`, { token: tok.supervisor })).status).toBe(404);
  });
});
