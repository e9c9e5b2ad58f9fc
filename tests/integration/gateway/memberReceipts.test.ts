/**
 * "Leído por" / "Entregado a" over real HTTP and the database: each group member's receipts for
 * one of our group messages, named by their chat (renamed by the team or not), else by their
 * latest push name in the group, read first; only for those who may read the chat.
 */
import { Assignment, Chat, Message, MessageReceipt, messageReceiptId, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'receipts-1';
const GROUP = '120363000000000001@g.us';
const OTHER_GROUP = '120363000000000002@g.us';
const ANA = '34611000001@s.whatsapp.net';
const LUIS = '34611000002@s.whatsapp.net';
const EVA = '34611000003@s.whatsapp.net';
const NOBODY = '34611000004@s.whatsapp.net';
const t = (min: number) => new Date(Date.UTC(2026, 11, 6, 10, min));

let w: GatewayWorld;
let admin = '';
let employee = '';

beforeAll(async () => {
  w = await openGateway('gw-member-receipts');
  admin = await w.login('admin');
  employee = await w.login('employee');
  await Session.create({ sessionId: SESSION, name: 'Pedidos', active: false, status: 'stopped' });
  await Chat.insertMany([
    { sessionId: SESSION, jid: GROUP, isGroup: true, name: 'Pedidos de la semana' },
    { sessionId: SESSION, jid: OTHER_GROUP, isGroup: true, name: 'Proveedores' },
    { sessionId: SESSION, jid: ANA, name: 'Ana', customName: 'Ana (Zara)' },
  ]);
  await Assignment.create({ sessionId: SESSION, chatId: GROUP, userId: w.users.employee.id });
  // Luis and Eva wrote in the group (Eva twice, her name changed); Ana has a chat of her own.
  await Message.insertMany([
    { sessionId: SESSION, chatId: GROUP, messageId: 'IN1', fromMe: false, sender: LUIS, pushName: 'Luis', kind: 'text', text: 'hola', status: 'delivered', timestamp: t(1) },
    { sessionId: SESSION, chatId: GROUP, messageId: 'IN2', fromMe: false, sender: EVA, pushName: 'Eva M', kind: 'text', text: 'hola', status: 'delivered', timestamp: t(2) },
    { sessionId: SESSION, chatId: GROUP, messageId: 'IN3', fromMe: false, sender: EVA, pushName: 'Eva Martín', kind: 'text', text: 'ya', status: 'delivered', timestamp: t(3) },
    { sessionId: SESSION, chatId: GROUP, messageId: 'OUT1', fromMe: true, kind: 'text', text: '¿Quién viene el lunes?', status: 'read', timestamp: t(4) },
    { sessionId: SESSION, chatId: OTHER_GROUP, messageId: 'OUT2', fromMe: true, kind: 'text', text: 'Pedido listo', status: 'delivered', timestamp: t(5) },
  ]);
  const receipt = (member: string, deliveredAt: Date, readAt?: Date) => ({ _id: messageReceiptId(SESSION, 'OUT1', member), sessionId: SESSION, chatId: GROUP, messageId: 'OUT1', member, deliveredAt, ...(readAt ? { readAt } : {}) });
  await MessageReceipt.insertMany([receipt(LUIS, t(5), t(6)), receipt(ANA, t(5), t(9)), receipt(EVA, t(7)), receipt(NOBODY, t(8))]);
}, 60_000);

afterAll(async () => {
  await w?.close();
});

const path = (messageId: string) => `/api/sessions/${SESSION}/messages/${messageId}/receipts`;

describe("group members' receipts", () => {
  it('lists who read (latest first), then who only received it, by name', async () => {
    const res = await w.api('GET', path('OUT1'), { token: employee });
    expect(res.status).toBe(200);
    expect(res.body.receipts).toEqual([
      { member: ANA, name: 'Ana (Zara)', deliveredAt: t(5).getTime(), readAt: t(9).getTime() },
      { member: LUIS, name: 'Luis', deliveredAt: t(5).getTime(), readAt: t(6).getTime() },
      { member: NOBODY, name: null, deliveredAt: t(8).getTime(), readAt: null },
      { member: EVA, name: 'Eva Martín', deliveredAt: t(7).getTime(), readAt: null },
    ]);
  });

  it('gives an empty list for a message nobody has acknowledged yet', async () => {
    const res = await w.api('GET', path('OUT2'), { token: admin });
    expect([res.status, res.body]).toEqual([200, { receipts: [] }]);
  });

  it("refuses a message of a chat the caller may not read, and one that does not exist", async () => {
    expect((await w.api('GET', path('OUT2'), { token: employee })).status).toBe(403);
    const missing = await w.api('GET', path('NOPE'), { token: admin });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
  });
});
