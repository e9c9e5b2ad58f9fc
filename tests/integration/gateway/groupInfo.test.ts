/**
 * A group's details over real HTTP, the real Supervisor, a forked session actor (Baileys) linked
 * to the WhatsApp simulator, and the database: what WhatsApp says of the group now (description,
 * creator, members by phone number even in a LID group, admins), each member named as the inbox
 * names them, the account first, and each member's own chat only when the caller may read it.
 * A reply that mentions members reaches their phones as WhatsApp mentions, named in the inbox.
 */
import type { GroupMemberView } from '@switchboard/shared';
import { Assignment } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'groupinfo-1';
const PHONE = '34600000777';
const ALICIA = '34611300001';
const BRUNO = '34611300002';
const CARMEN = '34611300003';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let supervisor = '';
let employee = '';
let outsider = '';
let group = '';
let createdAt = 0;
let aliciaSaid = '';
let brunoAsked = '';

async function arrived(chatId: string, text: string): Promise<string> {
  const e = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.chatId === chatId && e.message.text === text);
  return (e as { message: { id: string } }).message.id;
}

beforeAll(async () => {
  w = await openGateway('gw-group-info', { simulator: true });
  supervisor = await w.login('supervisor');
  employee = await w.login('employee');
  outsider = await w.login('outsider');
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Reparto', phone: PHONE });
  const sim = w.sim!;
  sim.createContact({ phone: ALICIA, name: 'Alicia' });
  sim.createContact({ phone: BRUNO, name: 'Bruno' });
  sim.createContact({ phone: CARMEN, name: 'Carmen' });
  // A LID group (WhatsApp's default now): members come as LIDs with their numbers beside them.
  group = sim.createGroup({ subject: 'Reparto del barrio', members: [ALICIA, PHONE, BRUNO, CARMEN], addressing: 'lid', description: 'Pedidos de 9 a 14 h' }).jid;
  createdAt = Date.now();
  sim.groups.get(group).admins.add(BRUNO);
  // Alicia also writes to the account on her own; Bruno only in the group; Carmen never.
  [aliciaSaid] = await Promise.all([arrived(jid(ALICIA), 'Hola, soy Alicia'), sim.contactSend(ALICIA, { to: PHONE, text: 'Hola, soy Alicia' })]);
  [brunoAsked] = await Promise.all([arrived(group, '¿Quién reparte hoy?'), sim.contactSendToGroup(BRUNO, group, { text: '¿Quién reparte hoy?' })]);
  await Assignment.create({ sessionId: SESSION, chatId: group, userId: w.users.employee.id });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const path = (chatId: string) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/group`;
const member = (digits: string, rest: Partial<GroupMemberView>): GroupMemberView => ({ member: jid(digits), phone: digits, name: null, role: null, isAccount: false, chatId: null, ...rest });

describe("a group's details", () => {
  it('says what WhatsApp has: description, creator, members by number with admins, the account first', async () => {
    const res = await w.api('GET', path(group), { token: supervisor });
    expect(res.status).toBe(200);
    const alicia = member(ALICIA, { name: 'Alicia', role: 'superadmin', chatId: jid(ALICIA) });
    expect(res.body).toEqual({
      sessionId: SESSION,
      chatId: group,
      subject: 'Reparto del barrio',
      description: 'Pedidos de 9 a 14 h',
      createdAt: expect.any(Number),
      createdBy: alicia,
      members: [member(PHONE, { isAccount: true }), alicia, member(BRUNO, { name: 'Bruno', role: 'admin' }), member(CARMEN, {})],
      // A new group's settings: everything open but adding members.
      sendAdminsOnly: false,
      infoAdminsOnly: false,
      addAdminsOnly: true,
      approveNewMembers: false,
    });
    // WhatsApp keeps the creation time in seconds.
    expect(Math.abs(res.body.createdAt - createdAt)).toBeLessThan(60_000);
  });

  it("gives an employee the members' own chats only when they may read them", async () => {
    const res = await w.api('GET', path(group), { token: employee });
    expect(res.status).toBe(200);
    expect((res.body.members as GroupMemberView[]).map((m) => [m.phone, m.name, m.chatId])).toEqual([
      [PHONE, null, null],
      [ALICIA, 'Alicia', null],
      [BRUNO, 'Bruno', null],
      [CARMEN, null, null],
    ]);
  });

  it('refuses callers who may not read the group, a chat that is not a group and one that does not exist', async () => {
    expect((await w.api('GET', path(group), { token: outsider })).status).toBe(403);
    const notGroup = await w.api('GET', path(jid(ALICIA)), { token: supervisor });
    expect([notGroup.status, notGroup.body.error.code]).toEqual([400, 'not_a_group']);
    expect((await w.api('GET', path('120363999999999999@g.us'), { token: supervisor })).status).toBe(404);
  });

  it('says so once the account is no longer in the group', async () => {
    const g = w.sim!.groups.get(group);
    w.sim!.groups.remove(g, [PHONE]);
    try {
      const res = await w.api('GET', path(group), { token: supervisor });
      expect([res.status, res.body.error.code]).toEqual([409, 'not_in_group']);
    } finally {
      w.sim!.groups.add(g, [PHONE]);
    }
  });
});

describe('a reply that mentions members', () => {
  const send = (body: Record<string, unknown>) => w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: group, ...body } });

  it('reaches the phones with the members listed as mentioned, and is stored naming them', async () => {
    const text = `@${ALICIA} y @${CARMEN}: el reparto sale a las 10`;
    const got = w.sim!.waitForReceived(BRUNO, (m) => m.group === group && m.text === text, 30_000);
    const sent = await send({ text, mentions: [jid(ALICIA), CARMEN], clientId: 'mention-1' });
    expect(sent.status).toBe(202);
    expect((await got).mentions).toEqual([jid(ALICIA), jid(CARMEN)]);
    const stored = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message-sent' && e.message.id === sent.body.messageId);
    expect((stored as { message: { mentions?: unknown } }).message.mentions).toEqual([
      { user: ALICIA, jid: jid(ALICIA), name: 'Alicia' },
      { user: CARMEN, jid: jid(CARMEN), name: null },
    ]);
  });

  it('refuses a mention the text does not write, with the reason', async () => {
    const res = await send({ text: 'Sin arroba', mentions: [ALICIA] });
    expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    expect(JSON.stringify(res.body.error.details)).toContain(`The text does not mention @${ALICIA}`);
  });
});

describe('quoting a message', () => {
  const send = (token: string, to: string, quotedId: string) => w.api('POST', `/api/sessions/${SESSION}/messages`, { token, body: { to, text: 'Te respondo', quotedId } });

  it('takes a message of the same chat, or of a group (a private reply to a member)', async () => {
    expect((await send(supervisor, jid(ALICIA), aliciaSaid)).status).toBe(202);
    expect((await send(supervisor, jid(BRUNO), brunoAsked)).status).toBe(202);
  });

  it("answers a member privately, quoting their group message as WhatsApp's private reply does", async () => {
    const got = w.sim!.waitForReceived(BRUNO, (m) => m.text === 'Reparto yo, Bruno', 30_000);
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: jid(BRUNO), text: 'Reparto yo, Bruno', quotedId: brunoAsked } });
    expect(sent.status).toBe(202);
    // His phone shows the group message quoted, and that it is the group's.
    const received = await got;
    expect(received).toMatchObject({ quotedId: brunoAsked, quotedChat: group, quotedText: '¿Quién reparte hoy?' });
    expect(received.group).toBeUndefined();
    const page = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${encodeURIComponent(jid(BRUNO))}`, { token: supervisor });
    expect(page.body.data.find((m: { id: string }) => m.id === sent.body.messageId).quotedFrom).toEqual({ chatId: group, sender: jid(BRUNO), senderName: 'Bruno', fromMe: false, kind: 'text', text: '¿Quién reparte hoy?' });
  });

  it('keeps the group message a member quotes when they answer ours privately', async () => {
    const ours = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: group, text: 'Mañana no hay reparto' } });
    await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message-sent' && e.message.id === ours.body.messageId);
    const { id } = await w.sim!.contactSend(ALICIA, { to: PHONE, text: '¿Y el jueves?', quotedId: ours.body.messageId, quotedChat: group, quotedText: 'Mañana no hay reparto' });
    const e = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === id);
    expect((e as { message: { chatId: string; quotedFrom?: unknown } }).message).toMatchObject({ chatId: jid(ALICIA), quotedFrom: { chatId: group, sender: null, fromMe: true, kind: 'text', text: 'Mañana no hay reparto' } });
  });

  it('refuses one of another one-to-one chat, one the caller may not read, or none at all', async () => {
    // Its words would travel with the reply: an employee could read any chat by quoting it to herself.
    for (const [token, to, quoted] of [[supervisor, group, aliciaSaid], [employee, group, aliciaSaid], [supervisor, jid(ALICIA), 'NO-SUCH-MESSAGE']] as const) {
      const res = await send(token, to, quoted);
      expect([res.status, res.body.error.code]).toEqual([400, 'unknown_quoted']);
    }
  });
});
