/**
 * Administering a group over real HTTP, the real Supervisor, a forked session actor (Baileys)
 * linked to the WhatsApp simulator, and the database: members added, made admin and removed as
 * WhatsApp answers each one (already in it, only by invitation, the account itself), the subject
 * and the description changed, settings turned on and off (and followed when a contact admin
 * changes them), requests to join approved and rejected, each change a line in the thread;
 * refused when the account is not a group
 * admin, for callers without `update Chat`, and for bad input.
 */
import type { GroupInfoView, GroupMemberView } from '@switchboard/shared';
import { Assignment, AuditLog, Chat } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToJoin } from '@switchboard/wa-sim';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'groupchange-1';
const PHONE = '34600000778';
const ALICIA = '34611400001';
const BRUNO = '34611400002';
const CARMEN = '34611400003';
const DANI = '34611400004';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let supervisor = '';
let employee = '';
let group = '';
let notAdmin = '';

function arrived(chatId: string, text: string): Promise<unknown> {
  return w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.chatId === chatId && e.message.text === text);
}

/** The next change to `chatId` the thread shows (a `system` message). */
function changeLine(chatId: string, action: string, value?: string): Promise<{ message: { system?: unknown } }> {
  return w.rec.waitFor(
    (e) => e.sessionId === SESSION && e.type === 'message' && e.message.chatId === chatId && e.message.kind === 'system' && e.message.system?.action === action && (value === undefined || e.message.system.value === value),
  ) as never;
}

beforeAll(async () => {
  w = await openGateway('gw-group-change', { simulator: true });
  supervisor = await w.login('supervisor');
  employee = await w.login('employee');
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  const sim = w.sim!;
  for (const [phone, name] of [[ALICIA, 'Alicia'], [BRUNO, 'Bruno'], [CARMEN, 'Carmen'], [DANI, 'Dani']] as const) sim.createContact({ phone, name });
  sim.contacts.get(DANI)!.groupInvitesOnly = true;
  // A LID group the account administers, and a PN group where it is a plain member.
  group = sim.createGroup({ subject: 'Pedidos del martes', members: [PHONE, ALICIA, BRUNO], creator: PHONE, addressing: 'lid' }).jid;
  notAdmin = sim.createGroup({ subject: 'Proveedores', members: [ALICIA, PHONE] }).jid;
  await Promise.all([arrived(group, 'Hola a todos'), sim.contactSendToGroup(ALICIA, group, { text: 'Hola a todos' })]);
  await Promise.all([arrived(notAdmin, 'Buenos días'), sim.contactSendToGroup(ALICIA, notAdmin, { text: 'Buenos días' })]);
  await Assignment.create({ sessionId: SESSION, chatId: group, userId: w.users.employee.id });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

const path = (chatId: string, what: string) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/group/${what}`;
const members = (chatId: string, action: string, list: string[], token = supervisor) => w.api('POST', path(chatId, 'members'), { token, body: { action, members: list } });
const roles = (g: GroupInfoView) => g.members.map((m: GroupMemberView) => [m.phone, m.role]);

describe('members', () => {
  it("adds members, saying for each what WhatsApp answered, and the thread shows who the account added", async () => {
    const line = changeLine(group, 'add');
    const res = await members(group, 'add', [`+34 611 40 00 03`, BRUNO, PHONE, DANI]);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { member: jid(CARMEN), phone: CARMEN, outcome: 'done' },
      { member: jid(BRUNO), phone: BRUNO, outcome: 'already_member' },
      { member: jid(PHONE), phone: PHONE, outcome: 'own_account' },
      { member: jid(DANI), phone: DANI, outcome: 'invite_only' },
    ]);
    expect(roles(res.body.group)).toEqual([[PHONE, 'superadmin'], [ALICIA, null], [BRUNO, null], [CARMEN, null]]);
    expect(w.sim!.group(group).members).toEqual([PHONE, ALICIA, BRUNO, CARMEN]);
    // The account is named by the session where it is shown; Carmen has not written, so by number.
    expect((await line).message.system).toEqual({ action: 'add', by: { jid: jid(PHONE), name: null, isAccount: true }, who: [{ jid: jid(CARMEN), name: null }] });
    const audit = await AuditLog.findOne({ action: 'chat.group_members', targetId: group }).lean();
    expect(audit?.details).toMatchObject({ action: 'add', members: [`${CARMEN}: done`, `${BRUNO}: already_member`, `${PHONE}: own_account`, `${DANI}: invite_only`] });
  });

  it('makes a member an admin and removes another, by their number even in a LID group', async () => {
    const promoted = await members(group, 'promote', [BRUNO]);
    expect([promoted.status, promoted.body.results[0].outcome]).toEqual([200, 'done']);
    expect(roles(promoted.body.group)).toEqual([[PHONE, 'superadmin'], [BRUNO, 'admin'], [ALICIA, null], [CARMEN, null]]);
    const line = changeLine(group, 'remove');
    const removed = await members(group, 'remove', [CARMEN, DANI]);
    expect(removed.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['done', 'not_member']);
    expect(w.sim!.group(group).members).toEqual([PHONE, ALICIA, BRUNO]);
    expect((await line).message.system).toMatchObject({ action: 'remove', who: [{ jid: jid(CARMEN) }] });
  });

  it('is refused when the account is not an admin of the group', async () => {
    const res = await members(notAdmin, 'add', [CARMEN]);
    expect([res.status, res.body.error.code]).toEqual([409, 'not_group_admin']);
    expect(w.sim!.group(notAdmin).members).toEqual([ALICIA, PHONE]);
  });
});

describe('subject and description', () => {
  it('renames the group on WhatsApp, and the chat with it', async () => {
    const renamed = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'chat-update' && e.chatId === group && e.name === 'Pedidos de la semana');
    const res = await w.api('PUT', path(group, 'subject'), { token: supervisor, body: { subject: '  Pedidos de la semana ' } });
    expect([res.status, res.body.subject]).toEqual([200, 'Pedidos de la semana']);
    await renamed;
    expect((await Chat.findOne({ sessionId: SESSION, jid: group }).lean())?.name).toBe('Pedidos de la semana');
  });

  it('changes the description, then removes it; a plain member may too when the group lets everyone', async () => {
    const line = changeLine(group, 'description');
    const set = await w.api('PUT', path(group, 'description'), { token: supervisor, body: { description: 'Pedidos hasta el lunes a las 20 h' } });
    expect([set.status, set.body.description]).toEqual([200, 'Pedidos hasta el lunes a las 20 h']);
    expect((await line).message.system).toMatchObject({ action: 'description', value: 'Pedidos hasta el lunes a las 20 h' });
    // The list gets the change itself, to word in the reader's language.
    const listed = (await w.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, { token: supervisor })).body.data.find((c: { id: string }) => c.id === group);
    expect([listed.lastMessagePreview, listed.lastMessageSystem]).toEqual(['[system]', { action: 'description', by: { jid: jid(PHONE), name: null, isAccount: true }, who: [], value: 'Pedidos hasta el lunes a las 20 h' }]);
    const cleared = await w.api('PUT', path(group, 'description'), { token: supervisor, body: { description: '' } });
    expect([cleared.status, cleared.body.description]).toEqual([200, null]);
    const plain = await w.api('PUT', path(notAdmin, 'subject'), { token: supervisor, body: { subject: 'Proveedores 2027' } });
    expect([plain.status, plain.body.subject, plain.body.infoAdminsOnly]).toEqual([200, 'Proveedores 2027', false]);
  });
});

describe('who may, and bad input', () => {
  it('refuses an employee who may read the group but not change it', async () => {
    expect((await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(group)}/group`, { token: employee })).status).toBe(200);
    expect((await members(group, 'add', [CARMEN], employee)).status).toBe(403);
    expect((await w.api('PUT', path(group, 'subject'), { token: employee, body: { subject: 'x' } })).status).toBe(403);
  });

  it('answers bad input with 400 and the reason', async () => {
    for (const body of [{ action: 'add', members: [] }, { action: 'add', members: ['hola'] }, { action: 'ban', members: [CARMEN] }]) {
      const res = await w.api('POST', path(group, 'members'), { token: supervisor, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    expect((await w.api('PUT', path(group, 'subject'), { token: supervisor, body: { subject: '   ' } })).body.error.code).toBe('validation_failed');
    expect((await w.api('PUT', path(group, 'description'), { token: supervisor, body: { description: 'x'.repeat(2049) } })).body.error.code).toBe('validation_failed');
    const notGroup = await w.api('PUT', path(jid(ALICIA), 'subject'), { token: supervisor, body: { subject: 'x' } });
    expect(notGroup.status).toBe(404);
  });
});

describe('settings', () => {
  it('turns settings on and off on WhatsApp as an admin; each is a line in the thread and audited', async () => {
    const announce = changeLine(group, 'send_admins_only');
    const approval = changeLine(group, 'approve_new_members');
    const res = await w.api('PUT', path(group, 'settings'), { token: supervisor, body: { sendAdminsOnly: true, approveNewMembers: true, addAdminsOnly: true } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sendAdminsOnly: true, infoAdminsOnly: false, addAdminsOnly: true, approveNewMembers: true });
    expect(w.sim!.group(group).settings).toEqual({ announce: true, locked: false, allMembersAdd: false, approval: true });
    expect((await announce).message.system).toEqual({ action: 'send_admins_only', by: { jid: jid(PHONE), name: null, isAccount: true }, who: [], value: 'on' });
    expect((await approval).message.system).toMatchObject({ action: 'approve_new_members', value: 'on' });
    // Only what changed is changed (adding was admins-only already) and audited.
    const audit = await AuditLog.findOne({ action: 'chat.group_settings', targetId: group }).lean();
    expect(audit?.details).toEqual({ sessionId: SESSION, sendAdminsOnly: true, approveNewMembers: true });
    // A plain member can no longer write in it; the account, an admin, still can.
    await expect(w.sim!.contactSendToGroup(ALICIA, group, { text: 'hola' })).rejects.toMatchObject({ code: 'admins_only' });
    const got = w.sim!.waitForReceived(ALICIA, (m) => m.group === group && m.text === 'Pedidos cerrados hasta el lunes', 30_000);
    expect((await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: group, text: 'Pedidos cerrados hasta el lunes' } })).status).toBe(202);
    await got;
    const off = changeLine(group, 'send_admins_only', 'off');
    const reopened = await w.api('PUT', path(group, 'settings'), { token: supervisor, body: { sendAdminsOnly: false } });
    expect([reopened.status, reopened.body.sendAdminsOnly]).toEqual([200, false]);
    expect((await off).message.system).toMatchObject({ action: 'send_admins_only', value: 'off' });
  });

  it("follows a contact admin's settings where the account is a plain member: no send tried where only admins send, adding where everyone may", async () => {
    const sim = w.sim!;
    expect((await w.api('PUT', path(notAdmin, 'settings'), { token: supervisor, body: { sendAdminsOnly: true } })).body.error.code).toBe('not_group_admin');
    const line = changeLine(notAdmin, 'send_admins_only');
    sim.setGroupSettings(notAdmin, { announce: true });
    expect((await line).message.system).toMatchObject({ action: 'send_admins_only', by: { jid: jid(ALICIA) }, value: 'on' });
    const info = await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(notAdmin)}/group`, { token: supervisor });
    expect([info.body.sendAdminsOnly, info.body.addAdminsOnly]).toEqual([true, true]);
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: notAdmin, text: '¿Puedo escribir?' } });
    const failed = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message-status' && e.messageId === sent.body.messageId && e.status === 'failed');
    expect((failed as { reason?: string }).reason).toBe('admins_only');
    expect(sim.groupReceived(ALICIA, notAdmin).map((m) => m.text)).not.toContain('¿Puedo escribir?');

    const anyone = changeLine(notAdmin, 'add_admins_only');
    sim.setGroupSettings(notAdmin, { announce: false, allMembersAdd: true });
    expect((await anyone).message.system).toMatchObject({ action: 'add_admins_only', value: 'off' });
    const added = await members(notAdmin, 'add', [CARMEN]);
    expect([added.status, added.body.results[0].outcome]).toEqual([200, 'done']);
    expect((await members(notAdmin, 'remove', [CARMEN])).body.error.code).toBe('not_group_admin');
  });

  it('refuses an employee and bad input', async () => {
    expect((await w.api('PUT', path(group, 'settings'), { token: employee, body: { sendAdminsOnly: true } })).status).toBe(403);
    for (const body of [{}, { sendAdminsOnly: 'yes' }, { everyoneDances: true }]) {
      const res = await w.api('PUT', path(group, 'settings'), { token: supervisor, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
  });
});

describe('requests to join', () => {
  const ELSA = '34611400005';
  const FITO = '34611400006';

  it('lists who asked to join while admins approve new members, and approves or rejects them; each is a line in the thread', async () => {
    const sim = w.sim!;
    sim.createContact({ phone: ELSA, name: 'Elsa' });
    sim.createContact({ phone: FITO, name: 'Fito' });
    await w.api('PUT', path(group, 'settings'), { token: supervisor, body: { approveNewMembers: true } });
    const asked = changeLine(group, 'join_request', 'created');
    requestToJoin(sim, group, ELSA);
    requestToJoin(sim, group, FITO);
    // The admin account hears of it, in a LID group by the number WhatsApp gives beside the LID.
    expect((await asked).message.system).toEqual({ action: 'join_request', by: { jid: jid(ELSA), name: null }, who: [{ jid: jid(ELSA), name: null }], value: 'created' });
    const listed = await w.api('GET', path(group, 'requests'), { token: supervisor });
    expect(listed.status).toBe(200);
    expect(listed.body.requests.map((r: { phone: string; method: string }) => [r.phone, r.method])).toEqual([[ELSA, 'invite_link'], [FITO, 'invite_link']]);
    expect(listed.body.requests[0].requestedAt).toBeGreaterThan(Date.now() - 600_000);

    const approved = await w.api('POST', path(group, 'requests'), { token: supervisor, body: { action: 'approve', members: [`+${ELSA}`, CARMEN] } });
    expect(approved.status).toBe(200);
    expect(approved.body.results).toEqual([{ member: jid(ELSA), phone: ELSA, outcome: 'done' }, { member: jid(CARMEN), phone: CARMEN, outcome: 'no_request' }]);
    expect(approved.body.group.members.map((m: GroupMemberView) => m.phone)).toContain(ELSA);
    expect(approved.body.requests.map((r: { phone: string }) => r.phone)).toEqual([FITO]);
    expect(sim.group(group).members).toContain(ELSA);
    const rejectedLine = changeLine(group, 'join_request', 'rejected');
    const rejected = await w.api('POST', path(group, 'requests'), { token: supervisor, body: { action: 'reject', members: [FITO] } });
    expect([rejected.status, rejected.body.results[0].outcome, rejected.body.requests]).toEqual([200, 'done', []]);
    expect((await rejectedLine).message.system).toMatchObject({ by: { jid: jid(PHONE), isAccount: true }, who: [{ jid: jid(FITO) }] });
    expect(sim.group(group).members).not.toContain(FITO);
    const audit = await AuditLog.findOne({ action: 'chat.group_requests', targetId: group, 'details.action': 'reject' }).lean();
    expect(audit?.details).toMatchObject({ members: [`${FITO}: done`] });
  });

  it('is for admins: refused where the account is not one, to an employee, and for bad input', async () => {
    expect((await w.api('GET', path(notAdmin, 'requests'), { token: supervisor })).body.error.code).toBe('not_group_admin');
    expect((await w.api('POST', path(notAdmin, 'requests'), { token: supervisor, body: { action: 'approve', members: [ELSA] } })).body.error.code).toBe('not_group_admin');
    expect((await w.api('GET', path(group, 'requests'), { token: employee })).status).toBe(403);
    for (const body of [{ action: 'approve', members: [] }, { action: 'ban', members: [ELSA] }, { members: [ELSA] }]) {
      const res = await w.api('POST', path(group, 'requests'), { token: supervisor, body });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
  });
});

describe('the invitation link, and leaving', () => {
  it("gives the group's invitation link when the account is an admin", async () => {
    const res = await w.api('GET', path(group, 'invite-link'), { token: supervisor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionId: SESSION, chatId: group, code: expect.stringMatching(/^inv\d{10}$/), link: `https://chat.whatsapp.com/${res.body.code}` });
    const refused = await w.api('GET', path(notAdmin, 'invite-link'), { token: supervisor });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'not_group_admin']);
    expect((await w.api('GET', path(group, 'invite-link'), { token: employee })).status).toBe(403);
  });

  it('takes the account out of a group: the members hear of it, the chat and its history stay', async () => {
    const line = changeLine(notAdmin, 'leave');
    const res = await w.api('POST', path(notAdmin, 'leave'), { token: supervisor });
    expect(res.status).toBe(204);
    expect((await line).message.system).toEqual({ action: 'leave', by: { jid: jid(PHONE), name: null, isAccount: true }, who: [{ jid: jid(PHONE), name: null, isAccount: true }] });
    expect(w.sim!.group(notAdmin).members).toEqual([ALICIA, CARMEN]);
    expect(await Chat.exists({ sessionId: SESSION, jid: notAdmin })).toBeTruthy();
    const after = await w.api('GET', `/api/sessions/${SESSION}/chats/${encodeURIComponent(notAdmin)}/group`, { token: supervisor });
    expect([after.status, after.body.error.code]).toEqual([409, 'not_in_group']);
    expect(await AuditLog.exists({ action: 'chat.group_leave', targetId: notAdmin })).toBeTruthy();
    // Writing to it now fails at once, saying why.
    const sent = await w.api('POST', `/api/sessions/${SESSION}/messages`, { token: supervisor, body: { to: notAdmin, text: '¿Seguís ahí?' } });
    const failed = await w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message-status' && e.messageId === sent.body.messageId && e.status === 'failed');
    expect((failed as { reason?: string }).reason).toBe('not_in_group');
  });
});

describe('a new group', () => {
  it('is created with the account as its owner; whom WhatsApp added is said, and its chat appears with the creation notice', async () => {
    const created = changeLineAny('create');
    const res = await w.api('POST', `/api/sessions/${SESSION}/groups`, { token: supervisor, body: { subject: 'Pedidos de Navidad', members: [ALICIA, `+34 611 40 00 03`, DANI, PHONE] } });
    expect(res.status).toBe(201);
    const chatId = res.body.chatId as string;
    expect(res.body).toEqual({
      sessionId: SESSION,
      chatId: expect.stringMatching(/@g\.us$/),
      subject: 'Pedidos de Navidad',
      results: [
        { member: jid(ALICIA), phone: ALICIA, outcome: 'done' },
        { member: jid(CARMEN), phone: CARMEN, outcome: 'done' },
        { member: jid(DANI), phone: DANI, outcome: 'invite_only' },
        { member: jid(PHONE), phone: PHONE, outcome: 'own_account' },
      ],
      assigned: false,
    });
    expect(w.sim!.group(chatId)).toMatchObject({ subject: 'Pedidos de Navidad', creator: PHONE, members: [PHONE, ALICIA, CARMEN] });
    expect((await created).message).toMatchObject({ chatId, system: { action: 'create', value: 'Pedidos de Navidad', by: { isAccount: true } } });
    await expect.poll(async () => (await Chat.findOne({ sessionId: SESSION, jid: chatId }).lean())?.name).toBe('Pedidos de Navidad');
    expect((await w.api('POST', `/api/sessions/${SESSION}/groups`, { token: employee, body: { subject: 'x', members: [ALICIA] } })).status).toBe(403);
    expect((await w.api('POST', `/api/sessions/${SESSION}/groups`, { token: supervisor, body: { subject: ' ', members: [ALICIA] } })).body.error.code).toBe('validation_failed');
  });
});

/** The next change to any group of the session the thread shows. */
function changeLineAny(action: string): Promise<{ message: { chatId: string; system?: unknown } }> {
  return w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.kind === 'system' && e.message.system?.action === action) as never;
}
