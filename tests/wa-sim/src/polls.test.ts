import { decryptEventResponse, decryptPollVote, proto } from '@whiskeysockets/baileys';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerMessage, messageSecretOf, openAppEdit, type AnswerInput } from './polls.ts';

/** An answer from Lucía to a message of the account's, in their chat. */
const place: Omit<AnswerInput, 'options' | 'event'> = {
  targetId: 'M1',
  secret: messageSecretOf('M1'),
  remoteJid: '34600000001@s.whatsapp.net',
  fromMe: false,
  creatorJid: '34600000001@s.whatsapp.net',
  answererJid: '34611000001@s.whatsapp.net',
};
const ctx = { creatorJid: place.creatorJid, answererJid: place.answererJid };

describe('answers sealed as WhatsApp clients seal them', () => {
  it("seals a vote that Baileys' decryptPollVote opens", () => {
    const update = answerMessage({ ...place, options: ['Martes'] }).pollUpdateMessage!;
    expect(update.pollCreationMessageKey).toMatchObject({ id: 'M1', remoteJid: place.remoteJid, fromMe: false });
    const vote = decryptPollVote(update.vote as never, { pollCreatorJid: ctx.creatorJid, pollMsgId: 'M1', pollEncKey: place.secret, voterJid: ctx.answererJid });
    expect(vote.selectedOptions?.map((o) => Buffer.from(o).toString('hex'))).toEqual([createHash('sha256').update('Martes').digest('hex')]);
  });

  it("seals an answer to an event that Baileys' decryptEventResponse opens, and only with the event's secret and ids", () => {
    const response = answerMessage({ ...place, event: { answer: 'not_going', extraGuests: 1 } }).encEventResponseMessage!;
    expect(response.eventCreationMessageKey).toMatchObject({ id: 'M1' });
    const open = (secret: Buffer, responderJid: string) => decryptEventResponse(response as never, { eventCreatorJid: ctx.creatorJid, eventMsgId: 'M1', eventEncKey: secret, responderJid });
    expect(open(place.secret, ctx.answererJid)).toMatchObject({ response: proto.Message.EventResponseMessage.EventResponseType.NOT_GOING, extraGuestCount: 1 });
    expect(() => open(messageSecretOf('M2'), ctx.answererJid)).toThrow();
    expect(() => open(place.secret, '34699000001@s.whatsapp.net')).toThrow();
  });
});

describe("an event's edit, sealed under 'Event Edit' without additional data", () => {
  const own = { ...place, creatorJid: place.answererJid, fromMe: true };
  const accountIds = ['34611000001@s.whatsapp.net', '100000000000001@lid'];

  it('carries the whole event as it is now, which the account ids open and no other secret does', () => {
    const startAt = Date.parse('2026-12-22T17:00:00Z');
    const sealed = answerMessage({ ...own, edit: { name: 'Cena', startAt, place: { name: 'Casa Lucía' }, canceled: true } }).secretEncryptedMessage!;
    expect(sealed).toMatchObject({ targetMessageKey: { id: 'M1', fromMe: true }, secretEncType: proto.Message.SecretEncryptedMessage.SecretEncType.EVENT_EDIT });
    const box = { encPayload: Buffer.from(sealed.encPayload!), encIv: Buffer.from(sealed.encIv!) };
    expect(openAppEdit(box, 'M1', place.secret, accountIds)).toEqual({ name: 'Cena', startAt, place: { name: 'Casa Lucía' }, canceled: true });
    expect(openAppEdit(box, 'M1', messageSecretOf('M2'), accountIds)).toBeUndefined();
    expect(openAppEdit(box, 'M2', place.secret, accountIds)).toBeUndefined();
  });
});
