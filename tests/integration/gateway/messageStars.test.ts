/**
 * *Destacar* over real HTTP against the real Supervisor, a forked session actor (Baileys) linked
 * to the WhatsApp simulator, and the database: the team marks a customer's message to find it
 * again; the mark is the team's (who marked it first, and when), listed in the chat's
 * *Mensajes destacados*, carried by the message wherever it is read, kept when the actor
 * announces the message again, and never sent to WhatsApp. Only who may answer in the chat may
 * mark; who may not read it may not list it.
 */
import type { MessageSearchHit, MessageView } from '@switchboard/shared';
import { AuditLog, Message, StarredMessage, messageObjectId, migrateStarredMessages, silentLogger } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'stars-1';
const PHONE = '34600000963';
const LUCIA = '34611630001';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let employee = '';
let supervisor = '';
let outsider = '';

/** A message Lucía sends, once the session stored it. */
async function luciaSays(text: string): Promise<string> {
  const { id } = await w.sim!.contactSend(LUCIA, { to: PHONE, text });
  await w.rec.waitFor((e) => e.type === 'message' && e.sessionId === SESSION && e.message.id === id);
  return id;
}
const star = (id: string, token: string, method: 'PUT' | 'DELETE' = 'PUT') => w.api(method, `/api/sessions/${SESSION}/messages/${id}/star`, { token });
/** The team's marks across every chat the caller may read, the latest first: [message id, chat, who marked it]. */
const everyStarred = async (token: string) =>
  ((await w.api('GET', '/api/messages/starred', { token })).body.data as MessageSearchHit[]).map((h) => [h.message.id, h.chat.id, h.message.starred?.name ?? null]);
const starred = (token: string) => w.api('GET', `/api/sessions/${SESSION}/chats/${jid(LUCIA)}/starred`, { token });

beforeAll(async () => {
  w = await openGateway('gw-stars', { simulator: true, preloadChats: 0 });
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: LUCIA, name: 'Lucía' });
  await luciaSays('Hola');
  [employee, supervisor, outsider] = await Promise.all([w.login('employee'), w.login('supervisor'), w.login('outsider')]);
  const assigned = await w.api('POST', `/api/sessions/${SESSION}/assignments`, { token: supervisor, body: { chatId: jid(LUCIA), userId: w.users.employee.id } });
  expect(assigned.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('messages marked Destacado', () => {
  it("marks a customer's message for the team, lists it, keeps who marked it first, and takes the mark off", async () => {
    const address = await luciaSays('Mi dirección: Calle Mayor 3, 2ºB');
    await luciaSays('Gracias');
    const marked = await star(address, employee);
    expect(marked.status).toBe(200);
    expect(marked.body.starred).toMatchObject({ by: w.users.employee.id });
    const at = marked.body.starred.at as number;

    // Marked again by a colleague: the first mark stays.
    expect((await star(address, supervisor)).body.starred).toEqual({ at, by: w.users.employee.id });
    const list = await starred(supervisor);
    expect(list.status).toBe(200);
    const employeeName = (await w.api('GET', '/api/auth/me', { token: employee })).body.name as string;
    expect((list.body.data as MessageView[]).map((m) => [m.id, m.text, m.starred])).toEqual([[address, 'Mi dirección: Calle Mayor 3, 2ºB', { at, by: w.users.employee.id, name: employeeName }]]);
    // The thread's page carries the mark too; a message not marked carries none.
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${jid(LUCIA)}&limit=10`, { token: employee });
    const byId = new Map((page.body.data as MessageView[]).map((m) => [m.id, m]));
    expect(byId.get(address)?.starred).toEqual({ at, by: w.users.employee.id });
    expect(byId.size).toBeGreaterThan(1);
    expect([...byId.values()].filter((m) => m.starred).map((m) => m.id)).toEqual([address]);

    // The actor announcing the message again (Lucía edits it) keeps the mark.
    const edited = w.rec.waitFor((e) => e.type === 'message' && e.message.id === address && e.message.editedAt !== undefined);
    await w.sim!.contactSend(LUCIA, { to: PHONE, edit: { targetId: address, text: 'Mi dirección: Calle Mayor 3, 2ºA' } });
    const again = await edited;
    expect(again.type === 'message' && again.message.starred).toEqual({ at, by: w.users.employee.id });

    // Across every chat, the latest marked first, with the chat as the inbox lists it.
    const later = await luciaSays('Pedido n.º 4711');
    await star(later, supervisor);
    const supervisorName = (await w.api('GET', '/api/auth/me', { token: supervisor })).body.name as string;
    expect(await everyStarred(employee)).toEqual([
      [later, jid(LUCIA), supervisorName],
      [address, jid(LUCIA), employeeName],
    ]);
    // Someone who may not read the chat gets none of it.
    expect(await everyStarred(outsider)).toEqual([]);
    await star(later, supervisor, 'DELETE');

    const off = await star(address, employee, 'DELETE');
    expect(off.status).toBe(200);
    expect(off.body.starred).toBeNull();
    expect((await starred(employee)).body.data).toEqual([]);
    expect(await everyStarred(employee)).toEqual([]);
    expect((await AuditLog.find({ targetId: address, action: { $in: ['message.star', 'message.unstar'] } }).lean()).map((a) => a.action).sort()).toEqual(['message.star', 'message.star', 'message.unstar']);
    // Nothing of it reached WhatsApp.
    expect(w.sim!.received(LUCIA).filter((m) => m.targetId === address)).toEqual([]);
  });

  it('lets only who may answer in the chat mark, and only who may read it list; an unknown message is 404', async () => {
    const id = await luciaSays('¿Tenéis la talla M?');
    expect((await star(id, outsider)).status).toBe(403);
    expect((await starred(outsider)).status).toBe(403);
    expect((await star('NOPE0000000000', employee)).status).toBe(404);
    expect((await w.api('GET', `/api/sessions/${SESSION}/chats/${jid('34699999999')}/starred`, { token: supervisor })).status).toBe(404);
  });

  it('lists the marks made before the list existed, once', async () => {
    const id = await luciaSays('Factura a nombre de Lucía Pardo');
    // Marked by an older build: on the message only.
    await Message.updateOne({ _id: messageObjectId(SESSION, id) }, { $set: { starredAt: new Date(), starredBy: new Types.ObjectId(w.users.employee.id) } });
    expect(await everyStarred(supervisor)).toEqual([]);
    await Message.db.collection('migrations').deleteOne({ _id: 'starred-messages-1' } as never);
    expect(await migrateStarredMessages(silentLogger())).toMatchObject({ skipped: false });
    expect((await everyStarred(supervisor)).map(([m]) => m)).toEqual([id]);
    expect(await migrateStarredMessages(silentLogger())).toEqual({ listed: 0, skipped: true });
    expect(await StarredMessage.countDocuments({ _id: messageObjectId(SESSION, id) })).toBe(1);
  });
});
