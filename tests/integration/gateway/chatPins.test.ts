/**
 * Pinned conversations over real HTTP and the database: each person pins chats they may read to
 * the top of their own inbox (nobody else's changes), up to MAX_PINNED_CHATS, lists them with
 * `pinned=true`, and unpins them.
 */
import { MAX_PINNED_CHATS } from '@switchboard/shared';
import { Assignment, Chat, ChatPin, Session } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'pins-1';
const jid = (n: number) => `3463000000${n}@s.whatsapp.net`;
const pinPath = (n: number) => `/api/sessions/${SESSION}/chats/${encodeURIComponent(jid(n))}/pin`;

let w: GatewayWorld;
let admin = '';
let employee = '';

beforeAll(async () => {
  w = await openGateway('gw-chat-pins');
  admin = await w.login('admin');
  employee = await w.login('employee');
  await Session.create({ sessionId: SESSION, name: 'Pedidos', active: false, status: 'stopped' });
  await Chat.insertMany(Array.from({ length: 7 }, (_, i) => ({ sessionId: SESSION, jid: jid(i + 1), lastMessageAt: new Date(Date.now() - i * 60_000) })));
  // Chats 1–6 are hers; 7 is not.
  await Assignment.insertMany(Array.from({ length: 6 }, (_, i) => ({ sessionId: SESSION, chatId: jid(i + 1), userId: w.users.employee.id })));
}, 60_000);

afterAll(async () => {
  await w?.close();
});

/** Each chat's `pinnedAt` as `token` sees the list (with `query`), by chat id. */
async function pinsSeen(token: string, query = ''): Promise<Record<string, number | null>> {
  const res = await w.api('GET', `/api/chats?sessionId=${SESSION}${query}`, { token });
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body.data as { id: string; pinnedAt: number | null }[]).map((c) => [c.id, c.pinnedAt]));
}

describe('pinned chats', () => {
  it('pins a chat for the one who pinned it only, once, and lists it with pinned=true', async () => {
    const res = await w.api('PUT', pinPath(3), { token: employee });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionId: SESSION, chatId: jid(3), pinnedAt: expect.any(Number) });
    // Again: the first time stays.
    expect((await w.api('PUT', pinPath(3), { token: employee })).body.pinnedAt).toBe(res.body.pinnedAt);
    expect(await ChatPin.countDocuments({ userId: w.users.employee.id })).toBe(1);

    expect((await pinsSeen(employee))[jid(3)]).toBe(res.body.pinnedAt);
    expect((await pinsSeen(admin))[jid(3)]).toBeNull();
    expect(Object.keys(await pinsSeen(employee, '&pinned=true'))).toEqual([jid(3)]);
    expect(await pinsSeen(admin, '&pinned=true')).toEqual({});
  });

  it(`refuses a pin beyond ${MAX_PINNED_CHATS}, a chat that does not exist and one she may not read`, async () => {
    for (const n of [1, 2, 4, 5]) expect((await w.api('PUT', pinPath(n), { token: employee })).status).toBe(200);
    const sixth = await w.api('PUT', pinPath(6), { token: employee });
    expect([sixth.status, sixth.body.error.code]).toEqual([409, 'too_many_pins']);
    expect(await ChatPin.countDocuments({ userId: w.users.employee.id })).toBe(MAX_PINNED_CHATS);
    expect((await pinsSeen(employee))[jid(6)]).toBeNull();

    const unknown = await w.api('PUT', `/api/sessions/${SESSION}/chats/${encodeURIComponent('34699999999@s.whatsapp.net')}/pin`, { token: admin });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    expect((await w.api('PUT', pinPath(7), { token: employee })).status).toBe(403);
  });

  it('unpins, which frees a place', async () => {
    expect((await w.api('DELETE', pinPath(1), { token: employee })).status).toBe(204);
    expect((await w.api('DELETE', pinPath(1), { token: employee })).status).toBe(204);
    expect((await pinsSeen(employee))[jid(1)]).toBeNull();
    expect((await w.api('PUT', pinPath(6), { token: employee })).status).toBe(200);
    expect(Object.keys(await pinsSeen(employee, '&pinned=true')).sort()).toEqual([2, 3, 4, 5, 6].map(jid).sort());
  });

  it('frees the place of a pinned chat taken away from her, which she could not see to unpin', async () => {
    await Assignment.deleteOne({ sessionId: SESSION, chatId: jid(2), userId: w.users.employee.id });
    await Assignment.create({ sessionId: SESSION, chatId: jid(7), userId: w.users.employee.id });
    expect((await w.api('PUT', pinPath(7), { token: employee })).status).toBe(200);
    const pins = await ChatPin.find({ userId: w.users.employee.id }).lean();
    expect(pins.map((p) => p.chatId).sort()).toEqual([3, 4, 5, 6, 7].map(jid).sort());
  });

  it('goes with its owner: deleting a user deletes her pins', async () => {
    const supervisor = w.users.supervisor;
    expect((await w.api('PUT', pinPath(1), { token: await w.login('supervisor') })).status).toBe(200);
    expect(await ChatPin.countDocuments({ userId: supervisor.id })).toBe(1);
    expect((await w.api('DELETE', `/api/users/${supervisor.id}`, { token: admin })).status).toBe(204);
    expect(await ChatPin.countDocuments({ userId: supervisor.id })).toBe(0);
  });
});
