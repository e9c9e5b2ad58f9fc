/**
 * The inbox list's longest-wait-first order (`GET /api/chats?sort=waiting`) over real HTTP and
 * the database: only the chats that wait for a reply, the longest wait first (a chat whose wait
 * began before waits were recorded first of all), paged without gaps or repeats, employees kept
 * to their chats, and a contradictory query refused.
 */
import { Assignment, Chat, Session } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'order-1';
const jid = (n: number) => `3462000000${n}@s.whatsapp.net`;
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);

let w: GatewayWorld;
let admin = '';
let employee = '';
/** Two chats whose waits began at the same moment: the one with the smaller `_id` comes first. */
const [tieFirst, tieSecond] = [new Types.ObjectId(), new Types.ObjectId()].sort((a, b) => a.toHexString().localeCompare(b.toHexString())) as [Types.ObjectId, Types.ObjectId];

beforeAll(async () => {
  w = await openGateway('gw-inbox-order');
  admin = await w.login('admin');
  employee = await w.login('employee');
  await Session.create({ sessionId: SESSION, name: 'Pedidos', active: false, status: 'stopped' });
  await Chat.insertMany([
    // Waiting 30 min, but wrote again 1 min ago: the wait counts from the first message.
    { sessionId: SESSION, jid: jid(1), needsReply: true, waitingSince: at(30), lastInboundAt: at(1), lastMessageAt: at(1) },
    // Waiting 90 min.
    { sessionId: SESSION, jid: jid(2), needsReply: true, waitingSince: at(90), lastInboundAt: at(90), lastMessageAt: at(90) },
    // Waiting since before waits were recorded (no waitingSince): longer than any recorded wait.
    { sessionId: SESSION, jid: jid(3), needsReply: true, lastInboundAt: at(20), lastMessageAt: at(20) },
    // Answered: not in the waiting list, though it is the most recent.
    { sessionId: SESSION, jid: jid(4), needsReply: false, lastInboundAt: at(5), lastOutboundAt: at(0), lastMessageAt: at(0) },
    // Two waits that began together.
    { _id: tieSecond, sessionId: SESSION, jid: jid(6), needsReply: true, waitingSince: at(60), lastInboundAt: at(60), lastMessageAt: at(60) },
    { _id: tieFirst, sessionId: SESSION, jid: jid(5), needsReply: true, waitingSince: at(60), lastInboundAt: at(60), lastMessageAt: at(60) },
  ]);
  await Assignment.insertMany([jid(1), jid(2), jid(4)].map((chatId) => ({ sessionId: SESSION, chatId, userId: w.users.employee.id })));
}, 60_000);

afterAll(async () => {
  await w?.close();
});

/** The ids of the chats `token` gets for `query`, and the list's total. */
async function list(token: string, query: string): Promise<{ ids: string[]; total: number }> {
  const res = await w.api('GET', `/api/chats?sessionId=${SESSION}&${query}`, { token });
  expect(res.status).toBe(200);
  return { ids: (res.body.data as { id: string }[]).map((c) => c.id), total: res.body.total as number };
}

const tied = (id: Types.ObjectId) => (id === tieFirst ? jid(5) : jid(6));

describe('the longest wait first', () => {
  it('lists only the waiting chats, the longest wait first, a wait older than the records first of all', async () => {
    const waiting = await list(admin, 'sort=waiting');
    expect(waiting).toEqual({ ids: [jid(3), jid(2), tied(tieFirst), tied(tieSecond), jid(1)], total: 5 });
    // needsReply=true says the same; the default order is the latest activity.
    expect(await list(admin, 'sort=waiting&needsReply=true')).toEqual(waiting);
    expect((await list(admin, 'needsReply=true')).ids).toEqual([jid(1), jid(3), tied(tieSecond), tied(tieFirst), jid(2)]);
  });

  it('pages through the same order without a gap or a repeat', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page += 1) pages.push(...(await list(admin, `sort=waiting&limit=2&page=${page}`)).ids);
    expect(pages).toEqual((await list(admin, 'sort=waiting')).ids);
  });

  it('keeps an employee to her chats', async () => {
    expect(await list(employee, 'sort=waiting')).toEqual({ ids: [jid(2), jid(1)], total: 2 });
  });

  it('refuses an order it does not know and waiting chats that need no reply', async () => {
    for (const query of ['sort=waiting&needsReply=false', 'sort=oldest']) {
      const res = await w.api('GET', `/api/chats?sessionId=${SESSION}&${query}`, { token: admin });
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
      expect(JSON.stringify(res.body.error)).toContain('sort');
    }
  });
});
