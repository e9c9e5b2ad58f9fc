/**
 * WhatsApp calls to the account, over the real Supervisor, a forked session actor (Baileys)
 * linked to the WhatsApp simulator, the database and HTTP: a customer's call becomes a `call`
 * message of their chat once it ended — missed (unanswered, or they hung up), answered or
 * declined on the account's phone, voice or video — announced like any message, listed by the
 * API and worded in the chat list's preview. A missed or declined call waits for a reply and is
 * unread; one answered on the phone does neither.
 */
import type { HubEvent, InboxMessageView } from '@switchboard/shared';
import { AuditLog, Message, silentLogger } from '@switchboard/shared/node';
import { endCall, startCall, type CallEnd } from '@switchboard/wa-sim';
import { watchAwayReplies, type AwayReplier } from '../../../gateway/src/automation/awayReplies.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSession, openGateway, type GatewayWorld } from './support/harness.ts';

const SESSION = 'calls-1';
const PHONE = '34600000960';
const MARTA = '34611600001';
const LUIS = '34611600002';
const ANA = '34611600003';
const CALL_MESSAGE = 'Ahora no podemos atender llamadas por WhatsApp. Escríbenos por aquí y te respondemos enseguida.';
const jid = (digits: string) => `${digits}@s.whatsapp.net`;

let w: GatewayWorld;
let supervisor = '';
let watcher: AwayReplier;

/** The first `presence` of the caller's chat with `state`, recorded after the `after`-th event. */
const presence = (digits: string, state: string, after: number) =>
  w.rec.waitFor((e) => w.rec.events.indexOf(e) >= after && e.sessionId === SESSION && e.type === 'presence' && e.chatId === jid(digits) && e.state === state);

/**
 * The customer calls — the inbox hears it ring (presence `calling` on their phone-number chat) —
 * and the call ends as `how` (presence `paused`); resolves with the stored message's announcement.
 */
async function callEnding(digits: string, how: CallEnd, opts: { video?: boolean; lid?: boolean } = {}): Promise<Extract<HubEvent, { type: 'message' }>> {
  const mark = w.rec.events.length;
  const { callId } = startCall(w.sim!, digits, PHONE, opts);
  await presence(digits, 'calling', mark);
  const stored = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === callId);
  const ended = presence(digits, 'paused', mark);
  endCall(w.sim!, callId, how);
  await ended;
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
  w.sim!.createContact({ phone: ANA, name: 'Ana' });
  watcher = watchAwayReplies({ hub: w.hub, logger: silentLogger() });
  w.app.deps.awayReplies = watcher;
}, 120_000);

afterAll(async () => {
  watcher?.stop();
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

  it('declines calls while they ring when the session says so, and sends the caller its message once per call', async () => {
    const hours = (body: Record<string, unknown>) => w.api('PUT', `/api/sessions/${SESSION}/business-hours`, { token: supervisor, body: { enabled: false, timeZone: 'Europe/Madrid', week: [[], [], [], [], [], [], []], awayMessage: '', ...body } });
    const saved = await hours({ rejectCalls: true, callMessage: CALL_MESSAGE });
    expect(saved.body).toMatchObject({ rejectCalls: true, callMessage: CALL_MESSAGE });
    expect((await AuditLog.findOne({ action: 'session.business_hours' }).sort({ _id: -1 }).lean())?.details).toMatchObject({ rejectCalls: true });

    const rejected = new Promise<{ callId: string }>((resolve) => w.sim!.once('call-rejected', resolve));
    const { callId } = startCall(w.sim!, ANA, PHONE);
    const stored = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === callId);
    expect((await rejected).callId).toBe(callId);
    expect(((await stored) as Extract<HubEvent, { type: 'message' }>).message).toMatchObject({ kind: 'call', call: { video: false, outcome: 'rejected' } });
    const reply = await w.sim!.waitForReceived(ANA, (m) => m.text === CALL_MESSAGE, 30_000);
    // Sent by Switchboard itself: the chat still waits for a person.
    const sent = await Message.findOne({ sessionId: SESSION, messageId: reply.id }).lean();
    expect(sent).toMatchObject({ automated: true, clientId: `call:${callId}` });
    expect(await chatOf(ANA)).toMatchObject({ needsReply: true });

    // A second call gets its own message; switched off, calls ring again.
    const again = startCall(w.sim!, ANA, PHONE);
    const second = w.rec.waitFor((e) => e.sessionId === SESSION && e.type === 'message' && e.message.id === again.callId);
    await second;
    await w.sim!.waitForReceived(ANA, (m) => m.text === CALL_MESSAGE && m.id !== reply.id, 30_000);
    await hours({ rejectCalls: false, callMessage: CALL_MESSAGE });
    const ringing = await callEnding(ANA, 'timeout');
    expect(ringing.message.call).toEqual({ video: false, outcome: 'missed' });
    expect(w.sim!.received(ANA).filter((m) => m.text === CALL_MESSAGE)).toHaveLength(2);
  });
});
