import { proto } from '@whiskeysockets/baileys';
import type { MessageDoc } from '@switchboard/shared/node';
import { describe, expect, it } from 'vitest';
import { eventEditUpdate, eventEdits } from './eventEdits.ts';
import { sealWithSecret } from './messageSecret.ts';

const LUCIA = '34611111111@s.whatsapp.net';
const MARTA = '34622222222@s.whatsapp.net';
const startAt = Date.parse('2026-12-22T17:00:00Z');

/** A stored event, as the actor keeps it. */
const stored = (over: Partial<MessageDoc> = {}): MessageDoc =>
  ({
    kind: 'event',
    text: 'Recogida',
    caption: 'Por la tarde',
    event: { startAt: new Date(startAt), place: { name: 'Tienda Centro' }, responses: [{ responder: LUCIA, answer: 'going', at: new Date(startAt - 86_400_000) }] },
    ...over,
  }) as MessageDoc;

describe('eventEdits', () => {
  const secret = new Uint8Array(32).fill(7);
  const ids = { targetId: 'EV1', creatorJid: LUCIA, answererJid: LUCIA, secret };
  const EDIT = proto.Message.SecretEncryptedMessage.SecretEncType;

  it("opens an edit sealed under 'Event Edit' (Message { eventMessage }), and only with the ids and secret it was sealed with", () => {
    const plain = proto.Message.encode({ eventMessage: { name: 'Recogida del pedido', startTime: (startAt + 3_600_000) / 1000, isCanceled: true } }).finish();
    const msg = { secretEncryptedMessage: { targetMessageKey: { id: 'EV1' }, ...sealWithSecret('Event Edit', plain, ids), secretEncType: EDIT.EVENT_EDIT } };
    const read = eventEdits.read(msg);
    expect(read?.targetId).toBe('EV1');
    const opened = eventEdits.open(read!.sealed!, ids);
    expect(opened).toMatchObject({ name: 'Recogida del pedido', isCanceled: true });
    expect(Number(opened.startTime)).toBe((startAt + 3_600_000) / 1000);
    expect(() => eventEdits.open(read!.sealed!, { ...ids, answererJid: MARTA })).toThrow();
    expect(() => eventEdits.open(read!.sealed!, { ...ids, secret: new Uint8Array(32).fill(8) })).toThrow();
    expect(() => eventEdits.open(sealWithSecret('Event Response', plain, ids), ids)).toThrow();
  });

  it('opens an edit whose content is the bare EventMessage, as some clients send it', () => {
    const plain = proto.Message.EventMessage.encode({ name: 'Cena', startTime: startAt / 1000 }).finish();
    const sealed = sealWithSecret('Event Edit', plain, ids);
    expect(eventEdits.open(sealed, ids)).toMatchObject({ name: 'Cena' });
  });

  it('reads only an EVENT_EDIT; any other sealed message is not one', () => {
    const sealed = { encPayload: new Uint8Array([1, 2, 3]), encIv: new Uint8Array(12) };
    expect(eventEdits.read({ secretEncryptedMessage: { targetMessageKey: { id: 'EV1' }, ...sealed, secretEncType: EDIT.EVENT_EDIT } })).toEqual({ targetId: 'EV1', sealed });
    expect(eventEdits.read({ secretEncryptedMessage: { targetMessageKey: { id: 'EV1' }, ...sealed, secretEncType: EDIT.MESSAGE_EDIT } })).toBeNull();
    expect(eventEdits.read({ conversation: 'hola' })).toBeNull();
  });
});

describe('eventEditUpdate', () => {
  const at = new Date(startAt - 3_600_000);

  it('replaces the name, description, date and place, keeps the answers, and removes a description taken away', () => {
    const update = eventEditUpdate(stored(), { name: 'Recogida del pedido', startTime: (startAt + 86_400_000) / 1000, location: { degreesLatitude: 0, degreesLongitude: 0, name: 'Tienda Norte' } }, at);
    expect(update).toEqual({
      text: 'Recogida del pedido',
      caption: undefined,
      event: { startAt: new Date(startAt + 86_400_000), place: { name: 'Tienda Norte' }, responses: stored().event!.responses },
      editedAt: at,
    });
  });

  it('marks a cancelled event', () => {
    const update = eventEditUpdate(stored(), { name: 'Recogida', description: 'Por la tarde', startTime: startAt / 1000, location: { name: 'Tienda Centro' }, isCanceled: true }, at);
    expect(update?.event).toMatchObject({ canceled: true });
  });

  it('changes nothing for the same event again, or an edit older than the one stored', () => {
    expect(eventEditUpdate(stored(), { name: 'Recogida', description: 'Por la tarde', startTime: startAt / 1000, location: { name: 'Tienda Centro' } }, at)).toBeNull();
    expect(eventEditUpdate(stored({ editedAt: new Date(at.getTime() + 1000) }), { name: 'Otra', startTime: startAt / 1000 }, at)).toBeNull();
    expect(eventEditUpdate(stored({ kind: 'text', event: undefined }), { name: 'Otra', startTime: startAt / 1000 }, at)).toBeNull();
  });
});
