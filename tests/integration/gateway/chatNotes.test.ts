/**
 * Internal notes on a chat over real HTTP and the real database: whoever may write in the chat
 * adds them, whoever may read it reads them, nobody else learns the chat exists; authors delete
 * their own, supervisors any; the text never reaches the audit log.
 */
import { Assignment, AuditLog, Chat, ChatNote, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'notes-1';
const ALICE = '34611000001@s.whatsapp.net';
const BOB = '34611000002@s.whatsapp.net';

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '', outsider: '' };
const notesOf = (chatId: string) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/notes`;

beforeAll(async () => {
  w = await openGateway('gw-notes');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create({ sessionId: SESSION, name: 'Notas' });
  await Chat.create([
    { sessionId: SESSION, jid: ALICE, name: 'Alicia' },
    { sessionId: SESSION, jid: BOB, name: 'Bruno' },
  ]);
  await Assignment.create({ sessionId: SESSION, chatId: ALICE, userId: w.users.employee.id });
});
afterAll(async () => w?.close());

describe('chat notes', () => {
  it('lets the assigned employee add notes and the team read them, oldest first, with their author', async () => {
    const first = await w.api('POST', notesOf(ALICE), { token: tok.employee, body: { text: '  Pidió factura a nombre de la empresa  ' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sessionId: SESSION, chatId: ALICE, text: 'Pidió factura a nombre de la empresa', author: { id: w.users.employee.id } });
    // A phone number names the chat too, as in sends.
    const second = await w.api('POST', `/api/sessions/${SESSION}/chats/34611000001/notes`, { token: tok.supervisor, body: { text: 'Factura enviada' } });
    expect(second.status).toBe(201);

    for (const who of ['employee', 'supervisor', 'admin'] as const) {
      const list = await w.api('GET', notesOf(ALICE), { token: tok[who] });
      expect(list.status).toBe(200);
      expect((list.body.data as { text: string }[]).map((n) => n.text)).toEqual(['Pidió factura a nombre de la empresa', 'Factura enviada']);
    }
    const audit = await AuditLog.findOne({ action: 'chat.note_create', 'details.noteId': first.body.id }).lean();
    expect(audit).toMatchObject({ targetType: 'Chat', targetId: ALICE, details: { sessionId: SESSION, noteId: first.body.id } });
    expect(JSON.stringify(audit)).not.toContain('factura');
  });

  it('refuses notes on chats the caller may not see, empty or too long notes, and unknown chats', async () => {
    expect((await w.api('POST', notesOf(BOB), { token: tok.employee, body: { text: 'x' } })).status).toBe(403);
    expect((await w.api('GET', notesOf(ALICE), { token: tok.outsider })).status).toBe(403);
    expect((await w.api('POST', notesOf(ALICE), { token: tok.outsider, body: { text: 'x' } })).status).toBe(403);
    const empty = await w.api('POST', notesOf(ALICE), { token: tok.employee, body: { text: '   ' } });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await w.api('POST', notesOf(ALICE), { token: tok.employee, body: { text: 'x'.repeat(4097) } })).status).toBe(400);
    const unknown = await w.api('POST', notesOf('34699999999@s.whatsapp.net'), { token: tok.supervisor, body: { text: 'x' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    expect((await w.api('GET', notesOf(ALICE))).status).toBe(401);
  });

  it("lets authors delete their own notes and supervisors anyone's, never an employee someone else's", async () => {
    const [mine, theirs] = await ChatNote.find({ sessionId: SESSION, chatId: ALICE }).sort({ createdAt: 1 }).lean();
    const del = (token: string, id: unknown) => w.api('DELETE', `${notesOf(ALICE)}/${String(id)}`, { token });
    expect((await del(tok.employee, theirs!._id)).status).toBe(403);
    expect((await del(tok.outsider, mine!._id)).status).toBe(403);
    expect((await del(tok.employee, mine!._id)).status).toBe(204);
    expect((await del(tok.employee, mine!._id)).status).toBe(404);
    const again = await w.api('POST', notesOf(ALICE), { token: tok.employee, body: { text: 'Llamar el lunes' } });
    expect((await del(tok.supervisor, again.body.id)).status).toBe(204);
    expect((await del(tok.supervisor, theirs!._id)).status).toBe(204);
    expect(await ChatNote.countDocuments({ sessionId: SESSION })).toBe(0);
  });

  it('mentions colleagues who may read the chat, and refuses those who may not', async () => {
    const people = await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(ALICE)}/people`, { token: tok.supervisor });
    expect(people.status).toBe(200);
    const ids = (people.body.data as { id: string }[]).map((p) => p.id);
    // The assigned employee and the admin read Alicia's chat; the outsider does not; the caller is left out.
    expect(ids).toEqual(expect.arrayContaining([w.users.employee.id, w.users.admin.id]));
    expect(ids).not.toContain(w.users.outsider.id);
    expect(ids).not.toContain(w.users.supervisor.id);
    const forEmployee = await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(ALICE)}/people`, { token: tok.employee });
    expect((forEmployee.body.data as { id: string }[]).map((p) => p.id)).toContain(w.users.supervisor.id);
    expect((await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(BOB)}/people`, { token: tok.employee })).status).toBe(403);

    const named = (people.body.data as { id: string; name: string }[]).find((p) => p.id === w.users.employee.id)!;
    const note = await w.api('POST', notesOf(ALICE), { token: tok.supervisor, body: { text: `@${named.name} revisa la factura`, mentions: [w.users.employee.id, w.users.employee.id] } });
    expect(note.status).toBe(201);
    expect(note.body.mentions).toEqual([{ id: w.users.employee.id, name: named.name }]);
    const listed = await w.api('GET', notesOf(ALICE), { token: tok.employee });
    expect((listed.body.data as { id: string; mentions: unknown[] }[]).find((n) => n.id === note.body.id)?.mentions).toEqual([{ id: w.users.employee.id, name: named.name }]);

    const blind = await w.api('POST', notesOf(ALICE), { token: tok.supervisor, body: { text: 'mira esto', mentions: [w.users.outsider.id] } });
    expect([blind.status, blind.body.error.code]).toEqual([400, 'mention_not_allowed']);
    const ghost = await w.api('POST', notesOf(ALICE), { token: tok.supervisor, body: { text: 'mira esto', mentions: ['665f1c2b9d3e4a0012345678'] } });
    expect([ghost.status, ghost.body.error.code]).toEqual([400, 'unknown_user']);
    expect(await ChatNote.countDocuments({ chatId: ALICE, text: 'mira esto' })).toBe(0);
  });
});
