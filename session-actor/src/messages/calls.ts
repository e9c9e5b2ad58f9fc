/**
 * WhatsApp calls to the account, kept in the chat like WhatsApp's *Llamada de voz perdida*: Baileys
 * reports each step of a call (`call` events: the offer while it rings, then how it ended), and
 * once it ended the call becomes a `call` message of the caller's chat, stored and announced by
 * the same ingest as any message (a Baileys call stub, `CALL_MISSED_VOICE`/`VIDEO`, whose
 * parameter says how it ended). A missed or declined call counts as the customer's message: it
 * is unread and the chat needs a reply; one answered on the phone does neither. A session set to
 * reject calls (*Mensajes automáticos*) declines each while it rings (`declineIfAsked`).
 */
import { jidNormalizedUser, WAMessageStubType, type WACallEvent, type WAMessage, type WASocket } from '@whiskeysockets/baileys';
import { CALL_OUTCOMES, type CallOutcome, type MessageCall } from '@switchboard/shared';
import { BusinessHours } from '@switchboard/shared/node';
import type { Logger } from 'pino';

/** How each end of a call Baileys reports is recorded. */
const ENDS: Partial<Record<WACallEvent['status'], CallOutcome>> = { accept: 'answered', reject: 'declined', timeout: 'missed', terminate: 'missed' };

/** Calls remembered as ended (their later steps — a hang-up after an answer — change nothing). */
const MAX_ENDED = 500;

/** What the offer said, kept until the call ends. */
interface Ringing {
  from: string;
  callerPn: string | undefined;
  video: boolean;
  at: Date;
}

/** The calls of one connection: offers ringing now, and those already recorded. */
export class CallLog {
  private readonly ringing = new Map<string, Ringing>();
  private readonly ended = new Set<string>();

  /**
   * One `call` event. Returns the message to store once the call ended (the first end counts),
   * else null. `outcome` overrides how it ended (a call Switchboard declined: `rejected`).
   */
  settle(call: WACallEvent, outcome?: CallOutcome): WAMessage | null {
    if (call.isGroup || this.ended.has(call.id)) return null;
    if (call.status === 'offer' && !outcome) {
      this.ringing.set(call.id, { from: call.from, callerPn: call.callerPn, video: !!call.isVideo, at: call.date });
      return null;
    }
    const end = outcome ?? ENDS[call.status];
    if (!end) return null;
    const offer = this.ringing.get(call.id);
    this.ringing.delete(call.id);
    this.ended.add(call.id);
    if (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.values().next().value!);
    return callMessage(call.id, offer ?? { from: call.from, callerPn: call.callerPn, video: !!call.isVideo, at: call.date }, end);
  }
}

/** The call as a message of the caller's chat, at the time it began ringing. */
function callMessage(id: string, offer: Ringing, outcome: CallOutcome): WAMessage {
  const from = jidNormalizedUser(offer.from);
  const pn = offer.callerPn ? jidNormalizedUser(offer.callerPn) : undefined;
  return {
    key: { remoteJid: from, ...(pn && pn !== from ? { remoteJidAlt: pn } : {}), id, fromMe: false },
    messageTimestamp: Math.floor(offer.at.getTime() / 1000),
    messageStubType: offer.video ? WAMessageStubType.CALL_MISSED_VIDEO : WAMessageStubType.CALL_MISSED_VOICE,
    messageStubParameters: [outcome],
  };
}

/**
 * The call a message records: one made here from a `call` event, or a missed call WhatsApp sent
 * as a stub (history from the phone), which has no outcome and is `missed`. Null for any other.
 */
export function callOf(msg: Pick<WAMessage, 'messageStubType' | 'messageStubParameters'>): MessageCall | null {
  const type = msg.messageStubType;
  if (type !== WAMessageStubType.CALL_MISSED_VOICE && type !== WAMessageStubType.CALL_MISSED_VIDEO) return null;
  const given = msg.messageStubParameters?.[0];
  const outcome = (CALL_OUTCOMES as readonly string[]).includes(given ?? '') ? (given as CallOutcome) : 'missed';
  return { video: type === WAMessageStubType.CALL_MISSED_VIDEO, outcome };
}

/**
 * Declines a call that rings now when the session rejects calls (its rule read from the database
 * at each call: calls are rare, and a change applies to the next one). Returns the call's message
 * (`rejected`) once WhatsApp took the rejection; null when the session takes calls, the call
 * already ended, or it came late (offline: it is over). The gateway then sends the caller the
 * session's message (automation/awayReplies.ts).
 */
export async function declineIfAsked(sessionId: string, sock: WASocket, call: WACallEvent, log: CallLog, logger: Logger): Promise<WAMessage | null> {
  if (call.status !== 'offer' || call.offline || call.isGroup) return null;
  const rule = await BusinessHours.findOne({ sessionId }, { rejectCalls: 1 }).lean();
  if (!rule?.rejectCalls) return null;
  try {
    await sock.rejectCall(call.id, call.from);
  } catch (err) {
    logger.warn({ err, callId: call.id }, 'a call could not be declined; it rings on');
    return null;
  }
  return log.settle(call, 'rejected');
}
