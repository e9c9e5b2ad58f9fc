/**
 * Message search over real HTTP and the real database: newest first across the chats the caller
 * may read (an employee never finds a message of a chat not assigned to them, nor learns it
 * exists), case- and accent-insensitive, literal, within a session or a chat, paged, each hit
 * with its chat as the inbox lists it; bad queries get a clear 400.
 */
import { Assignment, Chat, Message, Session, messageObjectId } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'search-1';
const OTHER = 'search-2';
const ALICE = '34611000101@s.whatsapp.net';
const BOB = '34611000102@s.whatsapp.net';
const CARLA = '34611000103@s.whatsapp.net';

let w: GatewayWorld;
const tok = { admin: '', supervisor: '', employee: '', outsider: '' };

interface Hit {
  message: { id: string; chatId: string; sessionId: string; text?: string; caption?: string };
  chat: { id: string; name: string | null; sessionName: string; assignees: { userId: string }[] };
}

/** The ids of the hits `who` gets for `query`. */
async function search(who: keyof typeof tok, query: string): Promise<string[]> {
  const res = await w.api('GET', `/api/messages/search?${query}`, { token: tok[who] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data as Hit[]).map((h) => h.message.id);
}

let n = 0;
/** A stored message of `chatId`, `minutesAgo` old. */
function message(sessionId: string, chatId: string, minutesAgo: number, fields: Record<string, unknown>) {
  const messageId = `SEARCH${++n}`;
  return {
    _id: messageObjectId(sessionId, messageId), sessionId, chatId, messageId, fromMe: false, kind: 'text', status: 'delivered',
    timestamp: new Date(Date.now() - minutesAgo * 60_000), ...fields,
  };
}

beforeAll(async () => {
  w = await openGateway('gw-search');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create([{ sessionId: SESSION, name: 'Ventas' }, { sessionId: OTHER, name: 'Soporte' }]);
  await Chat.create([
    { sessionId: SESSION, jid: ALICE, name: 'Alicia' },
    { sessionId: SESSION, jid: BOB, name: 'Bruno' },
    { sessionId: OTHER, jid: CARLA, name: 'Carla' },
  ]);
  await Assignment.create({ sessionId: SESSION, chatId: ALICE, userId: w.users.employee.id });
  await Message.insertMany([
    message(SESSION, ALICE, 50, { text: 'Necesito la FACTURA de marzo' }), // SEARCH1
    message(SESSION, ALICE, 40, { kind: 'document', caption: 'Factura abril.pdf' }), // SEARCH2
    message(SESSION, BOB, 30, { text: 'Mándame la factura, por favor' }), // SEARCH3
    message(OTHER, CARLA, 20, { text: 'Sin factura no pago' }), // SEARCH4
    message(SESSION, ALICE, 10, { text: 'Quería más información del pedido' }), // SEARCH5
    message(SESSION, ALICE, 5, { kind: 'reaction', text: null, reaction: { emoji: '👍', targetId: 'SEARCH1' } }), // SEARCH6
    message(SESSION, BOB, 1, { text: 'Cuesta 1+1 euros' }), // SEARCH7
  ]);
});
afterAll(async () => w?.close());

describe('message search', () => {
  it('finds text and captions, newest first, whatever the case and accents, in every chat a supervisor may read', async () => {
    expect(await search('supervisor', 'q=factura')).toEqual(['SEARCH4', 'SEARCH3', 'SEARCH2', 'SEARCH1']);
    expect(await search('supervisor', 'q=informacion')).toEqual(['SEARCH5']);
    expect(await search('supervisor', 'q=MANDAME')).toEqual(['SEARCH3']);
    // Literal: regular-expression characters match themselves.
    expect(await search('supervisor', `q=${encodeURIComponent('1+1')}`)).toEqual(['SEARCH7']);
    expect(await search('supervisor', `q=${encodeURIComponent('.*')}`)).toEqual([]);
  });

  it('gives each hit its chat as the inbox lists it', async () => {
    const res = await w.api('GET', '/api/messages/search?q=abril', { token: tok.supervisor });
    const [hit] = res.body.data as Hit[];
    expect(hit).toMatchObject({ message: { id: 'SEARCH2', caption: 'Factura abril.pdf' }, chat: { id: ALICE, name: 'Alicia', sessionName: 'Ventas', assignees: [{ userId: w.users.employee.id }] } });
    expect(res.body).toMatchObject({ total: -1, page: 1, limit: 20 });
  });

  it('narrows to a session or a chat, and pages', async () => {
    expect(await search('supervisor', `q=factura&sessionId=${SESSION}`)).toEqual(['SEARCH3', 'SEARCH2', 'SEARCH1']);
    expect(await search('supervisor', `q=factura&sessionId=${SESSION}&chatId=34611000101`)).toEqual(['SEARCH2', 'SEARCH1']);
    expect(await search('supervisor', 'q=factura&limit=3&page=2')).toEqual(['SEARCH1']);
  });

  it("shows an employee only their assigned chats' messages, and refuses a chat that is not theirs", async () => {
    expect(await search('employee', 'q=factura')).toEqual(['SEARCH2', 'SEARCH1']);
    const other = await w.api('GET', `/api/messages/search?q=factura&sessionId=${SESSION}&chatId=${encodeURIComponent(BOB)}`, { token: tok.employee });
    expect(other.status).toBe(403);
    expect((await w.api('GET', `/api/messages/search?q=factura&sessionId=${OTHER}`, { token: tok.employee })).status).toBe(403);
    // An employee with no chats finds nothing.
    expect(await search('outsider', 'q=factura')).toEqual([]);
    expect((await w.api('GET', '/api/messages/search?q=factura')).status).toBe(401);
  });

  it('answers bad queries with a clear 400', async () => {
    for (const [query, code] of [
      ['q=a', 'validation_failed'],
      [`q=${'x'.repeat(101)}`, 'validation_failed'],
      ['q=factura&limit=51', 'validation_failed'],
      ['', 'validation_failed'],
      ['q=factura&chatId=34611000101', 'chat_needs_session'],
    ]) {
      const res = await w.api('GET', `/api/messages/search?${query}`, { token: tok.supervisor });
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, code]);
    }
  });
});
