/**
 * WhatsApp calls to the account, over the real Supervisor, a forked session actor (Baileys)
 * linked to the WhatsApp simulator, the database and HTTP: a customer's call becomes a `call`
 * message of their chat once it ended — missed (unanswered, or they hung up), answered or
 * declined on the account's phone, voice or video — announced like any message, listed by the
 * API and worded in the chat list's preview. A missed or declined call waits for a reply and is
 * unread; one answered on the phone does neither.
 */
import type { HubEvent, InboxMessageView } from '@switchboard/shared';
import { endCall, startCall, type CallEnd } from '@switchboard/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'calls-1';
const PHONE = '34600000960';
const MARTA = '34611600001';
const LUIS = '34611600002';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let supervisor = '';

/** The customer calls and the call ends as `how`; resolves with the stored message's announcement. */
async function callEnding(digits: string, how: CallEnd, opts: { video?: boolean; lid?: boolean } = {}): Promise<Extract<HubEvent, { type: 'message' }>> {
  const { callId } = startCall(w.sim!, digits, PHONE, opts);
  const stored = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === callId);
  endCall(w.sim!, callId, how);
  return (await stored) as Extract<HubEvent, { type: 'message' }>;
}

async function chatOf(digits: string) {
  const list = await w.api('GET', `/api/chats?sessionId=${SESSION}&view=all`, { token: supervisor });
  return (list.body.data as { id: string; needsReply: boolean; unreadCount: number; lastMessagePreview: string }[]).find((c) => c.id === jid(digits));
}

beforeAll(async () => {
  w = await openGateway('gw-calls', { simulator: true, preloadChats: 0 });
  supervisor = await w.login('supervisor');
  await linkSession(w, await w.login('admin'), { sessionId: SESSION, name: 'Tienda', phone: PHONE });
  w.sim!.createContact({ phone: MARTA, name: 'Marta' });
  w.sim!.createContact({ phone: LUIS, name: 'Luis' });
}, 120_000);

afterAll(async () => {
  await w?.close();
});

describe('calls to the account', () => {
  it('records a missed call in the caller chat: announced, unread, waiting for a reply, listed and previewed', async () => {
    const { message } = await callEnding(MARTA, 'timeout');
    expect(message).toMatchObject({ chatId: jid(MARTA), fromMe: false, kind: 'call', call: { video: false, outcome: 'missed' }, sender: jid(MARTA) });
    expect(await chatOf(MARTA)).toMatchObject({ needsReply: true, unreadCount: 1, lastMessagePreview: '[call_missed]' });
    const listed = await w.api('GET', `/api/sessions/${SESSION}/messages?chatId=${encodeURIComponent(jid(MARTA))}`, { token: supervisor });
    expect((listed.body.data as InboxMessageView[]).map((m) => [m.id, m.kind, m.call])).toEqual([[message.id, 'call', { video: false, outcome: 'missed' }]]);
    // A caller who hangs up before anyone answers: missed too; a video call says so.
    const hungUp = await callEnding(MARTA, 'hangup', { video: true });
    expect(hungUp.message.call).toEqual({ video: true, outcome: 'missed' });
    expect(await chatOf(MARTA)).toMatchObject({ unreadCount: 2, lastMessagePreview: '[videocall_missed]' });
  });

  it('records a call answered on the phone without asking for a reply, and one declined there as waiting', async () => {
    const answered = await callEnding(LUIS, 'accept');
    expect(answered.message.call).toEqual({ video: false, outcome: 'answered' });
    expect(await chatOf(LUIS)).toMatchObject({ needsReply: false, unreadCount: 0, lastMessagePreview: '[call_answered]' });
    const declined = await callEnding(LUIS, 'reject');
    expect(declined.message.call).toEqual({ video: false, outcome: 'declined' });
    expect(await chatOf(LUIS)).toMatchObject({ needsReply: true, unreadCount: 1, lastMessagePreview: '[call_declined]' });
  });

  it('files a caller named by LID under their phone-number chat, and records each call once', async () => {
    const { message } = await callEnding(LUIS, 'timeout', { lid: true });
    expect(message.chatId).toBe(jid(LUIS));
    // The end of a call after it was recorded (a hang-up after the answer) adds nothing.
    const { callId } = startCall(w.sim!, MARTA, PHONE);
    const stored = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === callId);
    endCall(w.sim!, callId, 'accept');
    await stored;
    const next = await callEnding(MARTA, 'timeout');
    const ids = w.rec.events.filter((e) => e.sessionId === SESSION && e.type === 'message' && e.message.kind === 'call').map((e) => (e as Extract<HubEvent, { type: 'message' }>).message.id);
    expect(ids.filter((id) => id === callId)).toHaveLength(1);
    expect(ids).toContain(next.message.id);
  });
});
