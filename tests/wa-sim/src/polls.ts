/**
 * Polls and events as WhatsApp clients make them: each carries a 32-byte `messageSecret` beside
 * its content (`messageContextInfo`), and an answer to it — a vote (`pollUpdateMessage`: the
 * SHA-256 of each option's name, in a `PollVoteMessage`) or an answer to an event
 * (`encEventResponseMessage`: an `EventResponseMessage`) — is sealed with AES-256-GCM under a key
 * derived from that secret, the message's id, its creator and the answerer: the inverse of
 * Baileys' `decryptPollVote` and `decryptEventResponse`. The simulator derives each message's
 * secret from its id, so any simulated contact can answer a poll or event it has seen without the
 * simulator keeping them.
 *
 * An event's creator changes or cancels it with a `secretEncryptedMessage` (`EVENT_EDIT`): the
 * whole `Message { eventMessage }` as it is now, sealed the same way under "Event Edit" without
 * the additional data (whatsmeow's `EncSecretEventEdit`). The simulator seals a contact's and
 * opens the app's (`openAppEdit`), with the secret of the event the app sent.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';
import type { ContactSendInput, EventAnswer, ReceivedMessage } from './types.ts';

/** An event as a contact shares or changes it. */
export type SimEvent = NonNullable<ContactSendInput['event']>;

/** The secret of the poll or event with this id (the same wherever the simulator needs it). */
export function messageSecretOf(id: string): Buffer {
  return createHash('sha256').update(`wa-sim secret ${id}`).digest();
}

/**
 * The secret of the message a contact answers: the app's own (random) when the app sent the poll
 * to that contact, else the one derived from its id (a simulated contact made it).
 */
export function answerSecret(received: readonly ReceivedMessage[], id: string): Buffer {
  return received.find((m) => m.id === id)?.pollSecret ?? messageSecretOf(id);
}

/** What an answer needs: the message, who created it and who answers (as that chat addresses them), and the answer. */
export interface AnswerInput {
  targetId: string;
  /** The message's `messageSecret`: the app's own (random) for a poll it sent, else `messageSecretOf(targetId)`. */
  secret: Buffer;
  /** The message's chat as the answerer sees it, and whether the answerer created the message. */
  remoteJid: string;
  fromMe: boolean;
  /** The message's author in a group (its key's participant). */
  participant?: string;
  creatorJid: string;
  answererJid: string;
  /** A vote: the options picked, by name. */
  options?: string[];
  /** An answer to an event. */
  event?: { answer: EventAnswer; extraGuests?: number };
  /** An event's change by its creator: the event as it is now. */
  edit?: SimEvent;
}

/** A simulated event as WhatsApp's `EventMessage` (a place named only comes at 0, 0, as the phone sends it). */
export function eventMessageOf(e: SimEvent, contextInfo?: proto.IContextInfo): proto.Message.IEventMessage {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const place = e.place ? { degreesLatitude: e.place.latitude ?? 0, degreesLongitude: e.place.longitude ?? 0, name: e.place.name, address: e.place.address } : undefined;
  return { name: e.name, description: e.description, startTime: seconds(e.startAt), ...(e.endAt ? { endTime: seconds(e.endAt) } : {}), location: place, joinLink: e.joinLink, isCanceled: e.canceled ?? false, ...(contextInfo ? { contextInfo } : {}) };
}

const EVENT_ANSWER_TYPES: Record<EventAnswer, proto.Message.EventResponseMessage.EventResponseType> = {
  going: proto.Message.EventResponseMessage.EventResponseType.GOING,
  not_going: proto.Message.EventResponseMessage.EventResponseType.NOT_GOING,
  maybe: proto.Message.EventResponseMessage.EventResponseType.MAYBE,
};

/** Who sealed what, for the key: the message, its creator, who answers or changes it, and the secret. */
type SealIds = Pick<AnswerInput, 'targetId' | 'creatorJid' | 'answererJid' | 'secret'>;

/** The key of one use of a message's secret (HKDF-SHA256 with zeros for salt, one block). */
function useKey(a: SealIds, label: string): Buffer {
  const sign = Buffer.concat([Buffer.from(a.targetId), Buffer.from(a.creatorJid), Buffer.from(a.answererJid), Buffer.from(label), Buffer.from([1])]);
  const key0 = createHmac('sha256', Buffer.alloc(32)).update(a.secret).digest();
  return createHmac('sha256', key0).update(sign).digest();
}

/** Seals an answer (bound to `id \0 answerer`) or, with `bound` false, an edit. */
function seal(a: AnswerInput, label: string, plain: Uint8Array, bound = true): { encPayload: Buffer; encIv: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', useKey(a, label), iv);
  if (bound) cipher.setAAD(Buffer.from(`${a.targetId}\u0000${a.answererJid}`));
  return { encPayload: Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]), encIv: iv };
}

/** An event the app sent (or the whole event in its edit), as a test asserts on it: times in ms, a place by name without its 0, 0. */
export function readEvent(e: proto.Message.IEventMessage): NonNullable<ReceivedMessage['event']> {
  const l = e.location;
  const coords = l && (l.degreesLatitude || l.degreesLongitude) ? { latitude: l.degreesLatitude ?? 0, longitude: l.degreesLongitude ?? 0 } : {};
  const place = l ? { ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}), ...coords } : undefined;
  return {
    name: e.name ?? '',
    startAt: Number(e.startTime ?? 0) * 1000,
    ...(e.endTime ? { endAt: Number(e.endTime) * 1000 } : {}),
    ...(place && Object.keys(place).length ? { place } : {}),
    ...(e.description ? { description: e.description } : {}),
    ...(e.extraGuestsAllowed ? { extraGuestsAllowed: true } : {}),
    ...(e.isCanceled ? { canceled: true } : {}),
  };
}

/**
 * The event in an edit the app sealed (`sealedEdit`), opened with the event's secret under the
 * account's ids (`accountJids`: its phone-number and LID forms), else undefined.
 */
export function openAppEdit(sealed: { encPayload: Buffer; encIv: Buffer }, targetId: string, secret: Buffer, accountJids: string[]): ReceivedMessage['event'] | undefined {
  for (const creatorJid of accountJids) {
    for (const answererJid of accountJids) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', useKey({ targetId, creatorJid, answererJid, secret }, 'Event Edit'), sealed.encIv);
        decipher.setAuthTag(sealed.encPayload.subarray(-16));
        const plain = Buffer.concat([decipher.update(sealed.encPayload.subarray(0, -16)), decipher.final()]);
        const e = proto.Message.decode(plain).eventMessage;
        return e ? readEvent(e) : undefined;
      } catch {
        // Not these ids: GCM refused.
      }
    }
  }
  return undefined;
}

/** The message of an answer: a poll's `pollUpdateMessage`, or an event's `encEventResponseMessage`. */
export function answerMessage(a: AnswerInput): proto.IMessage {
  const key = { remoteJid: a.remoteJid, fromMe: a.fromMe, id: a.targetId, ...(a.participant ? { participant: a.participant } : {}) };
  if (a.edit) {
    const plain = proto.Message.encode({ eventMessage: eventMessageOf(a.edit) }).finish();
    const secretEncType = proto.Message.SecretEncryptedMessage.SecretEncType.EVENT_EDIT;
    return { secretEncryptedMessage: { targetMessageKey: key, ...seal(a, 'Event Edit', plain, false), secretEncType } };
  }
  if (a.event) {
    const plain = proto.Message.EventResponseMessage.encode({ response: EVENT_ANSWER_TYPES[a.event.answer], timestampMs: Date.now(), extraGuestCount: a.event.extraGuests ?? 0 }).finish();
    return { encEventResponseMessage: { eventCreationMessageKey: key, ...seal(a, 'Event Response', plain) } };
  }
  const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: (a.options ?? []).map((o) => createHash('sha256').update(o).digest()) }).finish();
  const { encPayload, encIv } = seal(a, 'Poll Vote', plain);
  return { pollUpdateMessage: { pollCreationMessageKey: key, vote: { encPayload, encIv }, senderTimestampMs: Date.now() } };
}

/** Where an answer's message is and who answers, given the message's id and its creator's digits. */
type AnswerPlace = Omit<AnswerInput, 'targetId' | 'options' | 'event'>;

/** The answer an input asks for (a `pollVote`, an `eventResponse` or an `eventEdit`), placed by `place`; undefined for any other input. */
export function answerTo(input: Pick<ContactSendInput, 'pollVote' | 'eventResponse' | 'eventEdit'>, place: (creator: { id: string; digits: string }) => AnswerPlace): AnswerInput | undefined {
  const edit = input.eventEdit;
  if (edit) return { targetId: edit.eventId, ...place({ id: edit.eventId, digits: edit.creator }), edit: edit.event };
  if (input.pollVote) return { targetId: input.pollVote.pollId, ...place({ id: input.pollVote.pollId, digits: input.pollVote.creator }), options: input.pollVote.options };
  const r = input.eventResponse;
  if (r) return { targetId: r.eventId, ...place({ id: r.eventId, digits: r.creator }), event: { answer: r.answer, ...(r.extraGuests ? { extraGuests: r.extraGuests } : {}) } };
  return undefined;
}
