import { randomBytes } from 'node:crypto';
import { downloadMediaMessage, WAMessageStubType, type WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToJoin, startSimulator, withdrawJoinRequest, type Simulator } from './index.ts';
import { connectClient, linkByQr, nextEvent, waitOpen, type MemoryAuth } from './testClient.ts';

let sim: Simulator;
let sock: WASocket;
let auth: MemoryAuth;
const ACCOUNT = '15550005550';
const ALICE = '15550005551';
const BOB = '15550005552';
const CAROL = '15550005553';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  sim.createContact({ phone: BOB, name: 'Bob' });
  sim.createContact({ phone: CAROL, name: 'Carol' });
  ({ sock, auth } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  sock?.end(undefined);
  await sim.stop();
});

/** The next group message from the app to `contact` in `group`. */
const receivedIn = (contact: string, group: string, id: string | undefined) => sim.waitForReceived(contact, (m) => m.group === group && m.id === id);

/**
 * Resolves when Baileys records `member`'s receipt of message `id`: a `message-receipt.update`,
 * or folded into the buffered own `messages.upsert` (`userReceipt`) when it came at once.
 */
function memberReceipt(id: () => string, member: string): Promise<unknown> {
  return Promise.race([
    nextEvent(sock, 'message-receipt.update', (e) => e.some((u) => u.key.id === id() && u.receipt.userJid === member)),
    nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id() && m.userReceipt?.some((r) => r.userJid === member))),
  ]);
}

describe('groups created by the app', () => {
  let group = '';

  it('creates a group and answers its metadata and the participating list', async () => {
    const announced = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.messageStubType === WAMessageStubType.GROUP_CREATE && m.messageStubParameters?.[0] === 'Equipo'));
    const created = await sock.groupCreate('Equipo', [jid(ALICE), jid(BOB)]);
    group = created.id;
    expect(group).toMatch(/^\d+@g\.us$/);
    expect(sim.group(group)).toMatchObject({ subject: 'Equipo', creator: ACCOUNT, members: [ACCOUNT, ALICE, BOB] });
    const meta = await sock.groupMetadata(group);
    expect(meta.subject).toBe('Equipo');
    expect(meta.participants.map((p) => p.id).sort()).toEqual([jid(ACCOUNT), jid(ALICE), jid(BOB)].sort());
    expect(meta.participants.find((p) => p.id === jid(ACCOUNT))?.admin).toBe('superadmin');
    expect(meta.desc).toBeUndefined();
    const all = await sock.groupFetchAllParticipating();
    expect(all[group]?.subject).toBe('Equipo');
    // The account's own devices hear of it too, as WhatsApp's creation notice.
    await announced;
  });

  it("answers a group's description in its metadata", async () => {
    const described = sim.createGroup({ subject: 'Reparto', members: [ALICE, ACCOUNT], description: 'Pedidos del barrio, de 9 a 14 h' });
    const meta = await sock.groupMetadata(described.jid);
    expect([meta.desc, meta.descOwner, meta.owner]).toEqual(['Pedidos del barrio, de 9 a 14 h', jid(ALICE), jid(ALICE)]);
  });

  it('distributes the sender key and every member decrypts the skmsg, then the next one without a new key', async () => {
    let firstId = '';
    const receipts = memberReceipt(() => firstId, jid(ALICE));
    const first = await sock.sendMessage(group, { text: 'hola equipo' });
    firstId = first?.key.id ?? '';
    for (const contact of [ALICE, BOB]) {
      expect(await receivedIn(contact, group, first?.key.id ?? undefined)).toMatchObject({ kind: 'text', text: 'hola equipo', from: ACCOUNT, to: contact });
    }
    await receipts;
    const second = await sock.sendMessage(group, { text: 'segundo' });
    for (const contact of [ALICE, BOB]) expect(await receivedIn(contact, group, second?.key.id ?? undefined)).toMatchObject({ text: 'segundo' });
    expect(sim.groupReceived(ALICE, group).map((m) => m.text)).toEqual(['hola equipo', 'segundo']);
    expect(sim.received(ALICE).every((m) => m.group === group)).toBe(true);
  });

  it('adds a participant, who gets the sender key with the next message', async () => {
    const [added] = await sock.groupParticipantsUpdate(group, [jid(CAROL)], 'add');
    expect(added?.status).toBe('200');
    expect((await sock.groupMetadata(group)).participants).toHaveLength(4);
    const sent = await sock.sendMessage(group, { text: 'bienvenida carol' });
    expect(await receivedIn(CAROL, group, sent?.key.id ?? undefined)).toMatchObject({ text: 'bienvenida carol' });
    expect(await receivedIn(ALICE, group, sent?.key.id ?? undefined)).toMatchObject({ text: 'bienvenida carol' });
  });

  it('sends the message again with its sender key to a member who lost it and asks for a retry', async () => {
    sim.contacts.get(BOB)?.senderKeys.clear();
    const sent = await sock.sendMessage(group, { text: 'para quien perdió la clave' });
    expect(await receivedIn(BOB, group, sent?.key.id ?? undefined)).toMatchObject({ text: 'para quien perdió la clave' });
    expect(await receivedIn(ALICE, group, sent?.key.id ?? undefined)).toMatchObject({ text: 'para quien perdió la clave' });
    const next = await sock.sendMessage(group, { text: 'y la siguiente' });
    expect(await receivedIn(BOB, group, next?.key.id ?? undefined)).toMatchObject({ text: 'y la siguiente' });
    expect(sim.duplicates(BOB)).toEqual([]);
  });

  it('carries media both ways: identical bytes for every member and for the app', async () => {
    const doc = randomBytes(4000);
    const sent = await sock.sendMessage(group, { document: doc, mimetype: 'application/pdf', fileName: 'factura.pdf' });
    for (const contact of [ALICE, BOB]) {
      const got = await receivedIn(contact, group, sent?.key.id ?? undefined);
      expect(got).toMatchObject({ kind: 'document', fileName: 'factura.pdf' });
      expect(got.media?.equals(doc)).toBe(true);
    }
    const image = randomBytes(2500);
    let id = '';
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id));
    id = (await sim.contactSendToGroup(ALICE, group, { image, caption: 'foto' })).id;
    const msg = (await upsert).messages.find((m) => m.key.id === id)!;
    expect(msg.key.remoteJid).toBe(group);
    expect(msg.message?.imageMessage?.caption).toBe('foto');
    expect((await downloadMediaMessage(msg, 'buffer', {})).equals(image)).toBe(true);
  });

  it('refuses the metadata of an unknown group and of a group the account is not in', async () => {
    await expect(sock.groupMetadata('120363999999999999@g.us')).rejects.toMatchObject({ message: 'item-not-found', data: 404 });
    const other = sim.createGroup({ subject: 'Ajeno', members: [ALICE, BOB] });
    await expect(sock.groupMetadata(other.jid)).rejects.toMatchObject({ message: 'forbidden', data: 403 });
  });

  it("answers each member of an admin's change as WhatsApp does, and tells the member accounts", async () => {
    const DAN = '15550005554';
    sim.createContact({ phone: DAN, name: 'Dan' }).groupInvitesOnly = true;
    const answers = await sock.groupParticipantsUpdate(group, [jid(CAROL), jid(DAN), jid('123')], 'add');
    expect(answers.map((a) => a.status)).toEqual(['409', '403', '404']);
    expect(answers[1]?.content.content).toEqual([expect.objectContaining({ tag: 'add_request' })]);

    const promoted = nextEvent(sock, 'group-participants.update', (e) => e.id === group && e.action === 'promote');
    expect((await sock.groupParticipantsUpdate(group, [jid(ALICE)], 'promote')).map((a) => a.status)).toEqual(['200']);
    expect((await promoted).participants.map((p) => p.id)).toEqual([jid(ALICE)]);
    const removed = nextEvent(sock, 'group-participants.update', (e) => e.id === group && e.action === 'remove');
    expect((await sock.groupParticipantsUpdate(group, [jid(BOB), jid(DAN)], 'remove')).map((a) => a.status)).toEqual(['200', '404']);
    expect((await removed).participants.map((p) => p.id)).toEqual([jid(BOB)]);
    const meta = await sock.groupMetadata(group);
    expect(meta.participants.map((p) => [p.id, p.admin ?? null])).toEqual([[jid(ACCOUNT), 'superadmin'], [jid(ALICE), 'admin'], [jid(CAROL), null]]);

    const renamed = nextEvent(sock, 'groups.update', (updates) => updates.some((u) => u.id === group && u.subject === 'Equipo de reparto'));
    await sock.groupUpdateSubject(group, 'Equipo de reparto');
    await renamed;
    const described = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.messageStubParameters?.[0] === 'Solo martes'));
    await sock.groupUpdateDescription(group, 'Solo martes');
    await described;
    expect((await sock.groupMetadata(group)).desc).toBe('Solo martes');
    await sock.groupUpdateDescription(group, undefined);
    expect((await sock.groupMetadata(group)).desc).toBeUndefined();
  });

  it("changes an admin's settings, tells the member accounts, and holds a plain member to them", async () => {
    const stub = (type: number, param: string) =>
      nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.messageStubType === type && m.messageStubParameters?.[0] === param));
    const announced = stub(WAMessageStubType.GROUP_CHANGE_ANNOUNCE, 'on');
    await sock.groupSettingUpdate(group, 'announcement');
    await announced;
    const locked = stub(WAMessageStubType.GROUP_CHANGE_RESTRICT, 'on');
    await sock.groupSettingUpdate(group, 'locked');
    await locked;
    const anyoneAdds = stub(WAMessageStubType.GROUP_MEMBER_ADD_MODE, 'all_member_add');
    await sock.groupMemberAddMode(group, 'all_member_add');
    await anyoneAdds;
    const approval = stub(WAMessageStubType.GROUP_MEMBERSHIP_JOIN_APPROVAL_MODE, 'on');
    await sock.groupJoinApprovalMode(group, 'on');
    await approval;
    expect(await sock.groupMetadata(group)).toMatchObject({ announce: true, restrict: true, memberAddMode: true, joinApprovalMode: true });
    expect(sim.group(group).settings).toEqual({ announce: true, locked: true, allMembersAdd: true, approval: true });
    // Only admins may send now: a plain member contact cannot.
    await expect(sim.contactSendToGroup(CAROL, group, { text: 'hola' })).rejects.toMatchObject({ code: 'admins_only' });

    // In a contact's locked group the account, a plain member, may add (every member may) and nothing else.
    const theirs = sim.createGroup({ subject: 'De Alice', members: [ALICE, ACCOUNT] }).jid;
    await expect(sock.groupParticipantsUpdate(theirs, [jid(BOB)], 'add')).rejects.toMatchObject({ data: 403 });
    await expect(sock.groupSettingUpdate(theirs, 'announcement')).rejects.toMatchObject({ data: 403 });
    sim.setGroupSettings(theirs, { allMembersAdd: true, locked: true });
    expect((await sock.groupParticipantsUpdate(theirs, [jid(BOB)], 'add')).map((a) => a.status)).toEqual(['200']);
    await expect(sock.groupUpdateSubject(theirs, 'Nuestro')).rejects.toMatchObject({ data: 403 });
    await expect(sock.groupParticipantsUpdate(theirs, [jid(BOB)], 'remove')).rejects.toMatchObject({ data: 403 });
    expect(() => sim.setGroupSettings(theirs, { announce: true }, ACCOUNT)).toThrow(/not an admin/);
  });

  it('holds requests to join for an admin to approve or reject, tells the admins, and lets one be withdrawn', async () => {
    const DAN = '15550005554';
    const ERIN = '15550005555';
    const FAY = '15550005556';
    for (const [phone, name] of [[ERIN, 'Erin'], [FAY, 'Fay']]) sim.createContact({ phone: phone!, name: name! });
    const asked = (who: string, type: 'created' | 'revoked' | 'rejected') =>
      nextEvent(sock, 'group.join-request', (e) => e.id === group && e.action === type && (e.participantPn === jid(who) || e.participant === jid(who)));
    const erinAsked = asked(ERIN, 'created');
    requestToJoin(sim, group, ERIN);
    expect(await erinAsked).toMatchObject({ method: 'invite_link' });
    requestToJoin(sim, group, FAY);
    requestToJoin(sim, group, DAN);
    const listed = await sock.groupRequestParticipantsList(group);
    expect(listed.map((r) => r.jid)).toEqual([jid(ERIN), jid(FAY), jid(DAN)]);
    expect(listed[0]).toMatchObject({ request_method: 'invite_link', request_time: expect.stringMatching(/^\d+$/) });

    const danLeft = asked(DAN, 'revoked');
    withdrawJoinRequest(sim, group, DAN);
    await danLeft;
    const added = nextEvent(sock, 'group-participants.update', (e) => e.id === group && e.action === 'add' && e.participants.some((p) => p.id === jid(ERIN)));
    expect((await sock.groupRequestParticipantsUpdate(group, [jid(ERIN), jid(DAN)], 'approve')).map((a) => a.status)).toEqual(['200', '404']);
    await added;
    const fayRejected = asked(FAY, 'rejected');
    expect((await sock.groupRequestParticipantsUpdate(group, [jid(FAY)], 'reject')).map((a) => a.status)).toEqual(['200']);
    await fayRejected;
    expect(sim.group(group)).toMatchObject({ requests: [] });
    expect(sim.group(group).members).toContain(ERIN);
    expect(sim.group(group).members).not.toContain(FAY);
    expect(() => requestToJoin(sim, group, ERIN)).toThrow(/already a member/);

    // Without approval, asking is joining; a plain member may not see or answer requests.
    const theirs = sim.createGroup({ subject: 'Abierto', members: [ALICE, ACCOUNT] }).jid;
    requestToJoin(sim, theirs, FAY);
    expect(sim.group(theirs).members).toContain(FAY);
    await expect(sock.groupRequestParticipantsList(theirs)).rejects.toMatchObject({ data: 403 });
  });

  it('gives an admin the invitation code, not a plain member, and lets the account leave', async () => {
    expect(await sock.groupInviteCode(group)).toMatch(/^inv\d{10}$/);
    const plain = sim.createGroup({ subject: 'Sin admin', members: [ALICE, ACCOUNT] }).jid;
    await expect(sock.groupInviteCode(plain)).rejects.toMatchObject({ data: 403 });
    const left = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === plain && m.messageStubType === WAMessageStubType.GROUP_PARTICIPANT_LEAVE));
    await sock.groupLeave(plain);
    await left;
    expect(sim.group(plain).members).toEqual([ALICE]);
  });
});

describe.each(['pn', 'lid'] as const)('a group created in the simulator (%s addressing)', (addressing) => {
  let group = '';

  beforeAll(() => {
    group = sim.createGroup({ subject: `Clientes ${addressing}`, members: [ALICE, ACCOUNT, BOB], addressing }).jid;
  });

  it('delivers a contact message with its author and name, and a second one on the same sender key', async () => {
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.conversation === 'hola a todos'));
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: 'hola a todos' });
    const msg = (await upsert).messages.find((m) => m.key.id === id);
    const alice = sim.contacts.get(ALICE);
    const [author, alt] = addressing === 'pn' ? [jid(ALICE), `${alice?.lid}@lid`] : [`${alice?.lid}@lid`, jid(ALICE)];
    expect(msg?.key).toMatchObject({ remoteJid: group, fromMe: false, participant: author, participantAlt: alt });
    expect(msg?.pushName).toBe('Alice');

    const second = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.conversation === 'otra vez'));
    await sim.contactSendToGroup(ALICE, group, { text: 'otra vez' });
    await second;
    const fromBob = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.message?.conversation === 'soy bob'));
    await sim.contactSendToGroup(BOB, group, { text: 'soy bob' });
    expect((await fromBob).messages[0]?.pushName).toBe('Bob');
  });

  it('lets the app answer in the group, read by every member', async () => {
    const sent = await sock.sendMessage(group, { text: `respuesta ${addressing}` });
    for (const contact of [ALICE, BOB]) expect(await receivedIn(contact, group, sent?.key.id ?? undefined)).toMatchObject({ text: `respuesta ${addressing}` });
  });

  it('sends the sender key again when the app lost it and asks for a retry', async () => {
    const alice = sim.contacts.get(ALICE);
    const author = addressing === 'pn' ? ALICE : `${alice?.lid}_1`;
    await auth.state.keys.set({ 'sender-key': { [`${group}::${author}::0`]: null } });
    const recovered = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.conversation === 'tras perder la clave'));
    await sim.contactSendToGroup(ALICE, group, { text: 'tras perder la clave' });
    await recovered;
  });

  it('tells the app when a member renames the group', async () => {
    const renamed = nextEvent(sock, 'groups.update', (updates) => updates.some((u) => u.id === group && u.subject === `Renombrado ${addressing}`));
    expect(sim.setGroupSubject(group, `Renombrado ${addressing}`, BOB).subject).toBe(`Renombrado ${addressing}`);
    await renamed;
    expect((await sock.groupMetadata(group)).subject).toBe(`Renombrado ${addressing}`);
  });

  it('refuses a send from a contact who is not a member', async () => {
    await expect(sim.contactSendToGroup(CAROL, group, { text: 'x' })).rejects.toMatchObject({ code: 'not_member', status: 403 });
  });
});

describe('groups over the control API', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are asserted with toMatchObject
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${sim.controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  };

  it('creates a group, sends as a member and lists what a member received', async () => {
    const created = await call('POST', '/groups', { subject: 'Por HTTP', members: [ACCOUNT, ALICE] });
    expect(created).toMatchObject({ status: 201, json: { subject: 'Por HTTP', creator: ACCOUNT, members: [ACCOUNT, ALICE], addressing: 'pn' } });
    const group: string = created.json.jid;
    const id = group.split('@')[0];
    expect(await call('POST', `/groups/${id}/participants`, { members: [BOB] })).toMatchObject({ status: 200, json: { members: [ACCOUNT, ALICE, BOB] } });
    expect(await call('PUT', `/groups/${id}/subject`, { subject: 'Por HTTP 2', by: ALICE })).toMatchObject({ status: 200, json: { subject: 'Por HTTP 2' } });
    expect(await call('PUT', `/groups/${id}/subject`, { subject: 'x', by: CAROL })).toMatchObject({ status: 403, json: { error: { code: 'not_member' } } });

    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.conversation === 'por http'));
    expect(await call('POST', `/contacts/${ALICE}/groups/${id}/send`, { text: 'por http' })).toMatchObject({ status: 200 });
    await upsert;
    const sent = await sock.sendMessage(group, { text: 'leído por http' });
    await receivedIn(BOB, group, sent?.key.id ?? undefined);
    expect(await call('GET', `/contacts/${BOB}/groups/${id}/messages`)).toMatchObject({ status: 200, json: [{ id: sent?.key.id, text: 'leído por http', group }] });

    const announced = nextEvent(sock, 'groups.update', (updates) => updates.some((u) => u.id === group && u.announce === true));
    expect(await call('PUT', `/groups/${id}/settings`, { announce: true })).toMatchObject({ status: 200, json: { settings: { announce: true, locked: false }, admins: [ACCOUNT] } });
    await announced;
    expect(await call('POST', `/contacts/${ALICE}/groups/${id}/send`, { text: 'no puedo' })).toMatchObject({ status: 403, json: { error: { code: 'admins_only' } } });
    expect(await call('PUT', `/groups/${id}/settings`, { locked: true, by: ALICE })).toMatchObject({ status: 403, json: { error: { code: 'not_admin' } } });
    expect(await call('PUT', `/groups/${id}/settings`, { announce: 'yes' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect(await call('PUT', `/groups/${id}/settings`, {})).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
  });

  it('answers bad input with 4xx and a stable code', async () => {
    expect(await call('POST', '/groups', { subject: 'x', members: 'nope' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect(await call('POST', '/groups', { subject: 'x', members: ['15550009999'] })).toMatchObject({ status: 404, json: { error: { code: 'unknown_member' } } });
    expect(await call('POST', '/groups', { subject: 'x', members: [ALICE], addressing: 'x' })).toMatchObject({ status: 400, json: { error: { code: 'invalid_body' } } });
    expect(await call('GET', '/groups/1203630')).toMatchObject({ status: 404, json: { error: { code: 'unknown_group' } } });
    expect(await call('POST', `/contacts/${CAROL}/groups/1203630/send`, { text: 'x' })).toMatchObject({ status: 404, json: { error: { code: 'unknown_group' } } });
  });
});

describe('a group while the app is offline', () => {
  it('queues a member message and delivers it at the next login', async () => {
    const group = sim.createGroup({ subject: 'Fuera de línea', members: [ACCOUNT, ALICE] }).jid;
    const disconnected = new Promise((resolve) => sim.once('disconnected', resolve));
    sock.end(undefined);
    await disconnected;
    const { id } = await sim.contactSendToGroup(ALICE, group, { text: 'mientras no estabas' });
    sock = connectClient(sim, auth);
    const upsert = nextEvent(sock, 'messages.upsert', (e) => e.messages.some((m) => m.key.id === id && m.key.remoteJid === group && m.message?.conversation === 'mientras no estabas'));
    await waitOpen(sock);
    await upsert;
  });
});
