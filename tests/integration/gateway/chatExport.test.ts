/**
 * *Exportar conversación* over real HTTP and the real database: a chat's messages and internal
 * notes as a UTF-8 text attachment, oldest first, in the reader's language and time zone, the
 * authors named (customer, colleague, the phone, the away reply), a deleted message emptied,
 * reactions left out; a long chat streamed whole; only for those who may read the chat; audited.
 */
import { Assignment, AuditLog, Chat, ChatNote, Message, Session } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'export-1';
const ALICIA = '34611100701@s.whatsapp.net';
const LONG = '34611100702@s.whatsapp.net';
const OTHER = '34611100703@s.whatsapp.net';
const at = (hhmm: string) => new Date(`2026-12-05T${hhmm}:00Z`);
let n = 0;
const id = () => `3EB0EX${(n++).toString().padStart(6, '0')}`;

let w: GatewayWorld;
const tok = { supervisor: '', employee: '' };

async function download(token: string, chatId: string, tz = 'Europe/Madrid') {
  const res = await fetch(`${w.url}/api/sessions/${SESSION}/chats/${encodeURIComponent(chatId)}/export?tz=${encodeURIComponent(tz)}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
}

beforeAll(async () => {
  w = await openGateway('gw-export');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await Session.create({ sessionId: SESSION, name: 'Tienda Centro' });
  await Chat.create([
    { sessionId: SESSION, jid: ALICIA, name: 'Ali', customName: 'Alicia Gómez' },
    { sessionId: SESSION, jid: LONG, name: 'Largo' },
    { sessionId: SESSION, jid: OTHER, name: 'Otro' },
  ]);
  const base = { sessionId: SESSION, chatId: ALICIA, status: 'read' as const };
  await Message.create([
    // The same instant (WhatsApp's second): in the order they were stored, whatever the database returns.
    { ...base, messageId: id(), fromMe: true, kind: 'text', text: 'Estamos cerrados', automated: true, timestamp: at('09:00'), createdAt: new Date(at('09:00').getTime() + 400) },
    { ...base, messageId: id(), fromMe: false, kind: 'text', text: '¿Tenéis la talla 40?', pushName: 'Ali', timestamp: at('09:00'), createdAt: new Date(at('09:00').getTime() + 200) },
    { ...base, messageId: id(), fromMe: false, kind: 'image', caption: 'Esta', pushName: 'Ali', timestamp: at('09:01') },
    { ...base, messageId: id(), fromMe: true, kind: 'text', text: 'Sí,\nla tenemos', userId: new Types.ObjectId(w.users.employee.id), timestamp: at('09:05') },
    { ...base, messageId: id(), fromMe: false, kind: 'reaction', reaction: { emoji: '👍', targetId: 'x' }, timestamp: at('09:06') },
    { ...base, messageId: id(), fromMe: false, kind: 'text', text: 'no lo leas', revokedAt: at('09:08'), pushName: 'Ali', timestamp: at('09:07') },
    { ...base, messageId: id(), fromMe: true, kind: 'text', text: 'Te la guardo', timestamp: at('09:10') },
  ]);
  await ChatNote.create({ sessionId: SESSION, chatId: ALICIA, authorId: new Types.ObjectId(w.users.supervisor.id), authorName: 'Sofía Marín', text: 'Clienta habitual', createdAt: at('09:06') });
  await Message.insertMany(Array.from({ length: 3000 }, (_, i) => ({ sessionId: SESSION, chatId: LONG, messageId: `3EB0LG${i.toString().padStart(6, '0')}`, fromMe: i % 2 === 1, kind: 'text', text: `mensaje ${i}`, status: 'read', timestamp: new Date(at('08:00').getTime() + i * 1000) })));
  await Assignment.create({ sessionId: SESSION, chatId: ALICIA, userId: w.users.employee.id });
});
afterAll(async () => w?.close());

describe('exporting a conversation', () => {
  it('writes messages and notes in order, named, in the time zone asked for, as a text attachment', async () => {
    const res = await download(tok.employee, ALICIA);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/plain; charset=utf-8');
    expect(res.disposition).toMatch(/^attachment; filename="conversacion-alicia-gomez-\d{4}-\d{2}-\d{2}\.txt"$/);
    const [title, account, exported, blank, ...lines] = res.text.split('\n');
    expect([title, account, blank]).toEqual(['Conversación con Alicia Gómez', 'Cuenta de WhatsApp: Tienda Centro', '']);
    expect(exported).toMatch(/^Exportada el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(Europe\/Madrid\)$/);
    expect(lines).toEqual([
      '[05/12/2026 10:00] Ali: ¿Tenéis la talla 40?',
      '[05/12/2026 10:00] Respuesta automática: Estamos cerrados',
      '[05/12/2026 10:01] Ali: [Imagen] Esta',
      '[05/12/2026 10:05] employee emp: Sí,',
      '    la tenemos',
      '[05/12/2026 10:06] Nota interna de Sofía Marín: Clienta habitual',
      '[05/12/2026 10:07] Ali: Se eliminó este mensaje',
      '[05/12/2026 10:10] Teléfono de la empresa: Te la guardo',
      '',
    ]);
    expect(res.text).not.toContain('no lo leas');
    const audit = await AuditLog.findOne({ action: 'chat.export', targetId: ALICIA }).lean();
    expect(audit).toMatchObject({ details: { sessionId: SESSION } });
  });

  it('streams a long chat whole', async () => {
    const res = await download(tok.supervisor, LONG, 'UTC');
    const lines = res.text.trim().split('\n').slice(4);
    expect(lines).toHaveLength(3000);
    expect(lines[0]).toBe('[05/12/2026 08:00] Largo: mensaje 0');
    expect(lines[2999]).toBe('[05/12/2026 08:49] Teléfono de la empresa: mensaje 2999');
  });

  it('is only for those who may read the chat, and checks the time zone', async () => {
    expect((await download(tok.employee, OTHER)).status).toBe(403);
    expect((await download(tok.supervisor, '34699999999@s.whatsapp.net')).status).toBe(404);
    expect((await download(tok.supervisor, ALICIA, 'Mars/Olympus')).status).toBe(400);
  });
});
