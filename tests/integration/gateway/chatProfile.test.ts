/**
 * A contact's profile over real HTTP against the real Supervisor, two forked session actors
 * (Baileys) linked to the WhatsApp simulator, and the database: the number, how many messages,
 * the latest files (a file its sender deleted for everyone left out), and the same customer's
 * chat with the business's other WhatsApp account — shown only to callers who may read it.
 */
import type { HubEvent } from '@switchboard/shared';
import { Assignment } from '@switchboard/shared/node';
import type { ContactSendInput } from '@switchboard/wa-sim';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const VENTAS = 'profile-ventas';
const SOPORTE = 'profile-soporte';
const VENTAS_PHONE = '34600000661';
const SOPORTE_PHONE = '34600000662';
const ANA = '34611200661';
const ANA_JID = `${ANA}@s.whatsapp.net`;

let w: GatewayWorld;
const tok: Record<'supervisor' | 'employee' | 'outsider', string> = { supervisor: '', employee: '', outsider: '' };

function hubEvent<T extends HubEvent['type']>(sessionId: string, type: T, pred: (e: Extract<HubEvent, { type: T }>) => boolean): Promise<Extract<HubEvent, { type: T }>> {
  return w.rec.waitFor((e) => e.sessionId === sessionId && e.type === type && pred(e as Extract<HubEvent, { type: T }>)) as Promise<Extract<HubEvent, { type: T }>>;
}

/** Ana writes `input` to a session's number and the session stores it (a file with its media). */
async function anaWrites(sessionId: string, to: string, input: Omit<ContactSendInput, 'to'>) {
  const { id } = await w.sim!.contactSend(ANA, { to, ...input });
  const file = !!(input.image ?? input.document);
  return (await hubEvent(sessionId, 'message', (e) => e.message.id === id && (!file || !!e.message.mediaId))).message;
}

const profile = (who: keyof typeof tok, sessionId = VENTAS, chatId = ANA_JID) => w.api('GET', `/api/sessions/${sessionId}/chats/${encodeURIComponent(chatId)}/profile`, { token: tok[who] });

beforeAll(async () => {
  w = await openGateway('gw-profile', { simulator: true });
  const admin = await w.login('admin');
  for (const who of Object.keys(tok) as (keyof typeof tok)[]) tok[who] = await w.login(who);
  await linkSession(w, admin, { sessionId: VENTAS, name: 'Ventas', phone: VENTAS_PHONE });
  await linkSession(w, admin, { sessionId: SOPORTE, name: 'Soporte', phone: SOPORTE_PHONE });
  w.sim!.createContact({ phone: ANA, name: 'Ana' });
  await Assignment.create({ sessionId: VENTAS, chatId: ANA_JID, userId: w.users.employee.id });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe("a contact's profile", () => {
  it('lists the number, the messages, the latest files, and the same customer in the other session', async () => {
    await anaWrites(VENTAS, VENTAS_PHONE, { text: 'Hola, quiero un presupuesto' });
    const photo = await anaWrites(VENTAS, VENTAS_PHONE, { image: await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36a' } }).jpeg().toBuffer(), caption: 'Así es la pared' });
    const pdf = await anaWrites(VENTAS, VENTAS_PHONE, { document: Buffer.from('%PDF-1.4\nplano'), fileName: 'plano.pdf', mimetype: 'application/pdf' });
    const oops = await anaWrites(VENTAS, VENTAS_PHONE, { document: Buffer.from('%PDF-1.4\nequivocado'), fileName: 'equivocado.pdf', mimetype: 'application/pdf' });
    await w.sim!.contactSend(ANA, { to: VENTAS_PHONE, revoke: { targetId: oops.id } });
    await hubEvent(VENTAS, 'message', (e) => e.message.id === oops.id && e.message.revokedAt !== undefined);
    await anaWrites(SOPORTE, SOPORTE_PHONE, { text: 'Y otra cosa: la factura' });

    const res = await profile('supervisor');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessionId: VENTAS, chatId: ANA_JID, name: 'Ana', phone: ANA, isGroup: false, messages: 4 });
    expect(res.body.since).toBeLessThanOrEqual(Date.now());
    // Newest first, with what the thread needs to show them; the deleted one is not listed.
    expect((res.body.files as { id: string; media?: { fileName: string | null } }[]).map((f) => [f.id, f.media?.fileName ?? null])).toEqual([
      [pdf.id, 'plano.pdf'],
      [photo.id, null],
    ]);
    expect(res.body.elsewhere).toEqual([{ sessionId: SOPORTE, sessionName: 'Soporte', chatId: ANA_JID, lastMessageAt: expect.any(Number), needsReply: true }]);
    // From the other side, the first session is the one elsewhere.
    expect((await profile('supervisor', SOPORTE)).body.elsewhere.map((o: { sessionId: string }) => o.sessionId)).toEqual([VENTAS]);
  });

  it('shows an employee only what they may read, and answers 404 and 403 like the rest of the chat routes', async () => {
    // Ana's chat in Soporte is not assigned to the employee: it is not mentioned.
    const res = await profile('employee');
    expect(res.status).toBe(200);
    expect(res.body.elsewhere).toEqual([]);
    expect((await profile('employee', SOPORTE)).status).toBe(403);
    expect((await profile('outsider')).status).toBe(403);
    expect((await profile('supervisor', VENTAS, '34611200999@s.whatsapp.net')).status).toBe(404);
  });
});
