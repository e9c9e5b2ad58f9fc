/**
 * The team names a contact over real HTTP and the real database: the name replaces WhatsApp's in
 * every chat view and is found by search (accents ignored), WhatsApp's stays in the profile, an
 * employee may name only a customer they answer, removing it goes back to WhatsApp's, and bad
 * input is refused; audited.
 */
import { Assignment, AuditLog, Chat, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'names-1';
const MINE = '34611100501@s.whatsapp.net';
const OTHER = '34611100502@s.whatsapp.net';
const path = (chatId: string, tail = 'name') => `/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/${tail}`;

let w: GatewayWorld;
const tok = { supervisor: '', employee: '' };

beforeAll(async () => {
  w = await openGateway('gw-contact-name');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create({ sessionId: SESSION, name: 'Tienda' });
  await Chat.create([
    { sessionId: SESSION, jid: MINE, name: '🌸 Ali', lastMessageAt: new Date() },
    { sessionId: SESSION, jid: OTHER, name: null, lastMessageAt: new Date(Date.now() - 1000) },
  ]);
  await Assignment.create({ sessionId: SESSION, chatId: MINE, userId: w.users.employee.id });
});
afterAll(async () => w?.close());

const listed = async (token: string, q: string) => {
  const res = await w.api('GET', `/api/chats?view=all&q=${encodeURIComponent(q)}`, { token });
  expect(res.status).toBe(200);
  return res.body.data as { id: string; name: string | null; customName: string | null }[];
};

describe('naming a contact', () => {
  it("shows the team's name instead of WhatsApp's everywhere, finds it by search, and keeps WhatsApp's in the profile", async () => {
    const res = await w.api('PUT', path(MINE), { token: tok.employee, body: { name: '  Alicia Gómez (tienda Centro) ' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionId: SESSION, chatId: MINE, name: 'Alicia Gómez (tienda Centro)', customName: 'Alicia Gómez (tienda Centro)' });

    expect(await listed(tok.supervisor, 'alicia gomez')).toEqual([expect.objectContaining({ id: MINE, name: 'Alicia Gómez (tienda Centro)', customName: 'Alicia Gómez (tienda Centro)' })]);
    // WhatsApp's name still finds it.
    expect((await listed(tok.supervisor, 'Ali')).map((c) => c.id)).toEqual([MINE]);
    const session = await w.api('GET', `/api/sessions/${SESSION}/chats`, { token: tok.supervisor });
    expect(session.body.data.find((c: { id: string }) => c.id === MINE)).toMatchObject({ name: 'Alicia Gómez (tienda Centro)' });
    const profile = await w.api('GET', path(MINE, 'profile'), { token: tok.employee });
    expect(profile.body).toMatchObject({ name: 'Alicia Gómez (tienda Centro)', customName: 'Alicia Gómez (tienda Centro)', whatsappName: '🌸 Ali' });

    const audit = await AuditLog.findOne({ action: 'chat.rename', targetId: MINE }).lean();
    expect(audit).toMatchObject({ userId: expect.anything(), details: { sessionId: SESSION, name: 'Alicia Gómez (tienda Centro)' } });
  });

  it("goes back to WhatsApp's name when the team's is removed (null or empty)", async () => {
    await w.api('PUT', path(MINE), { token: tok.supervisor, body: { name: 'Alicia' } });
    const cleared = await w.api('PUT', path(MINE), { token: tok.supervisor, body: { name: '   ' } });
    expect(cleared.body).toEqual({ sessionId: SESSION, chatId: MINE, name: '🌸 Ali', customName: null });
    const named = await w.api('PUT', path(OTHER), { token: tok.supervisor, body: { name: 'Proveedor' } });
    expect(named.body.name).toBe('Proveedor');
    const back = await w.api('PUT', path(OTHER), { token: tok.supervisor, body: { name: null } });
    expect(back.body).toMatchObject({ name: null, customName: null });
  });

  it('lets an employee name only the customers they answer, and refuses bad names and unknown chats', async () => {
    expect((await w.api('PUT', path(OTHER), { token: tok.employee, body: { name: 'Otro' } })).status).toBe(403);
    const long = await w.api('PUT', path(MINE), { token: tok.employee, body: { name: 'x'.repeat(81) } });
    expect([long.status, long.body.error.code]).toEqual([400, 'validation_failed']);
    const missing = await w.api('PUT', path(MINE), { token: tok.employee, body: {} });
    expect(missing.status).toBe(400);
    const unknown = await w.api('PUT', path('34699999999@s.whatsapp.net'), { token: tok.supervisor, body: { name: 'Nadie' } });
    expect(unknown.status).toBe(404);
    expect(await Chat.countDocuments({ sessionId: SESSION, customName: 'Otro' })).toBe(0);
  });
});
