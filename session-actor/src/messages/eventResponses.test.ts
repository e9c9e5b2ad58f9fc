import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { eventAnswers, withResponse } from './eventResponses.ts';

const at = (s: number) => new Date(s * 1000);

describe('withResponse', () => {
  const ana = { responder: 'ana', answer: 'going' as const, at: at(10) };
  it("adds a person's first answer and replaces it with a newer, different one", () => {
    expect(withResponse([], ana)).toEqual([ana]);
    const later = { responder: 'ana', answer: 'maybe' as const, at: at(20) };
    const luis = { responder: 'luis', answer: 'not_going' as const, at: at(12) };
    expect(withResponse([ana, luis], later)).toEqual([luis, later]);
    // More guests is a change too.
    expect(withResponse([ana], { ...ana, extraGuests: 2, at: at(30) })).toEqual([{ ...ana, extraGuests: 2, at: at(30) }]);
  });

  it('ignores an older answer replayed, and the same answer again', () => {
    const later = { responder: 'ana', answer: 'not_going' as const, at: at(20) };
    expect(withResponse([later], ana)).toBeNull();
    expect(withResponse([ana], { ...ana, at: at(40) })).toBeNull();
  });
});

describe('eventAnswers', () => {
  const sealed = { encPayload: new Uint8Array([1, 2, 3]), encIv: new Uint8Array(12) };

  it('reads the event an answer names and its sealed part; any other message is not one', () => {
    expect(eventAnswers.read({ encEventResponseMessage: { eventCreationMessageKey: { id: 'EV1' }, ...sealed } })).toEqual({ targetId: 'EV1', sealed });
    expect(eventAnswers.read({ encEventResponseMessage: { eventCreationMessageKey: { id: 'EV1' } } })).toEqual({ targetId: 'EV1' });
    expect(eventAnswers.read({ conversation: 'hola' })).toBeNull();
    expect(eventAnswers.read({ pollUpdateMessage: { pollCreationMessageKey: { id: 'P1' } } })).toBeNull();
  });

  it('records an answer with its guests at the time it was given, and ignores one it cannot name', () => {
    const event = { event: { startAt: at(100), responses: [] } } as never;
    const going = proto.Message.EventResponseMessage.create({ response: proto.Message.EventResponseMessage.EventResponseType.GOING, timestampMs: 30_000, extraGuestCount: 2 });
    expect(eventAnswers.change(event, going, 'ana', at(50))).toEqual({ 'event.responses': [{ responder: 'ana', answer: 'going', extraGuests: 2, at: at(30) }] });
    const noTime = proto.Message.EventResponseMessage.create({ response: proto.Message.EventResponseMessage.EventResponseType.MAYBE });
    expect(eventAnswers.change(event, noTime, 'ana', at(50))).toEqual({ 'event.responses': [{ responder: 'ana', answer: 'maybe', at: at(50) }] });
    const unknown = proto.Message.EventResponseMessage.create({ response: proto.Message.EventResponseMessage.EventResponseType.UNKNOWN });
    expect(eventAnswers.change(event, unknown, 'ana', at(50))).toBeNull();
  });
});
