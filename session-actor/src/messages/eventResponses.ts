/**
 * Answers to events (answers.ts): an `encEventResponseMessage` naming the event, its answer
 * (*Asistiré*, *No asistiré*, *Quizá*, and how many guests come along) sealed with the event's
 * secret. It changes the event's `event.responses`: one entry per person, their latest.
 */
import { decryptEventResponse, proto } from '@whiskeysockets/baileys';
import type { EventAnswer } from '@switchboard/shared';
import type { EventResponseDoc } from '@switchboard/shared/node';
import type { AnswerKind } from './answers.ts';

const ANSWERS: Partial<Record<number, EventAnswer>> = {
  [proto.Message.EventResponseMessage.EventResponseType.GOING]: 'going',
  [proto.Message.EventResponseMessage.EventResponseType.NOT_GOING]: 'not_going',
  [proto.Message.EventResponseMessage.EventResponseType.MAYBE]: 'maybe',
};

/**
 * The event's answers with one person's new one: it replaces their earlier answer unless it is
 * older or the same; null when nothing changes.
 */
export function withResponse(responses: readonly EventResponseDoc[], response: EventResponseDoc): EventResponseDoc[] | null {
  const before = responses.find((r) => r.responder === response.responder);
  if (before && (before.at.getTime() > response.at.getTime() || (before.answer === response.answer && (before.extraGuests ?? 0) === (response.extraGuests ?? 0)))) return null;
  return [...responses.filter((r) => r.responder !== response.responder), response];
}

export const eventAnswers: AnswerKind<proto.Message.EventResponseMessage> = {
  target: 'event',
  read(content) {
    const response = content.encEventResponseMessage;
    if (!response) return null;
    const { encPayload, encIv } = response;
    return { targetId: response.eventCreationMessageKey?.id ?? '', ...(encPayload?.length && encIv?.length ? { sealed: { encPayload, encIv } } : {}) };
  },
  open: (sealed, { creatorJid, answererJid, targetId, secret }) => decryptEventResponse(sealed, { eventCreatorJid: creatorJid, eventMsgId: targetId, eventEncKey: secret, responderJid: answererJid }),
  change(event, opened, responder, at) {
    const answer = ANSWERS[opened.response ?? 0];
    if (!event.event || !answer) return null;
    const given = Number(opened.timestampMs ?? 0);
    const guests = Number(opened.extraGuestCount ?? 0);
    const responses = withResponse(event.event.responses ?? [], { responder, answer, ...(guests > 0 ? { extraGuests: guests } : {}), at: given > 0 ? new Date(given) : at });
    return responses ? { 'event.responses': responses } : null;
  },
};
