/**
 * An event changed or cancelled by its organiser. WhatsApp sends the whole event as it is now
 * (`Message { eventMessage }`, with `isCanceled` once cancelled) inside a
 * `secretEncryptedMessage` of type `EVENT_EDIT` that names the event, sealed with the event's
 * secret under "Event Edit" (messageSecret.ts). Baileys 7 does not open it; this does, as one
 * more kind of sealed change (answers.ts): only the event's organiser may send it (the same id
 * seals it as created the event), it replaces the stored event's name (`text`), description
 * (`caption`), date and place, keeps the answers, sets `editedAt`, and moves the chat's preview.
 * An edit older than the stored one, or one that changes nothing (a replay), is left alone.
 *
 * The account's own events change the same way (`changeOwnEvent`, from the inbox's *Editar
 * evento* / *Cancelar evento*): sealed here, sent, then stored and announced.
 */
import { generateMessageIDV2, proto, type WASocket } from '@whiskeysockets/baileys';
import type { EventChange } from '@switchboard/shared';
import { Message, messageObjectId, type CalendarEventDoc, type MessageDoc } from '@switchboard/shared/node';
import { ActorError, notConnected } from '../errors.ts';
import { secretOf, writeChange } from './answeredMessage.ts';
import type { AnswerDeps, AnswerKind } from './answers.ts';
import { toRecipientJid, ownAccountIds } from './jid.ts';
import { eventLocation } from '../outbox/buildContent.ts';
import { mapContent } from './mapContent.ts';
import { openWithSecret, sealWithSecret } from './messageSecret.ts';

const EVENT_EDIT = proto.Message.SecretEncryptedMessage.SecretEncType.EVENT_EDIT;
const USE = 'Event Edit';

/** The event a sealed edit carries: `Message { eventMessage }`, or (as some clients send it) the bare `EventMessage`. */
function eventIn(plain: Uint8Array): proto.Message.IEventMessage {
  try {
    const wrapped = proto.Message.decode(plain).eventMessage;
    if (wrapped) return wrapped;
  } catch {
    // Not a Message: a bare EventMessage.
  }
  return proto.Message.EventMessage.decode(plain);
}

/** What identifies an event's content, to tell a change from a replay. */
function shape(text: string | null | undefined, caption: string | null | undefined, e: CalendarEventDoc): string {
  const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);
  return JSON.stringify([text ?? '', caption ?? '', ms(e.startAt), ms(e.endAt), e.place?.name, e.place?.address, e.place?.latitude, e.place?.longitude, e.link, !!e.canceled]);
}

/**
 * What an edit of `target` to `edited` writes (a field set to undefined is removed), or null when
 * it is older than the stored edit or changes nothing.
 */
export function eventEditUpdate(target: MessageDoc, edited: proto.Message.IEventMessage, at: Date): Record<string, unknown> | null {
  const before = target.event;
  if (!before || (target.editedAt && new Date(target.editedAt).getTime() > at.getTime())) return null;
  const mapped = mapContent({ eventMessage: edited });
  if (mapped?.kind !== 'event' || !mapped.event) return null;
  // The answers stay: they were given to this event.
  const event: CalendarEventDoc = { ...mapped.event, ...(before.responses?.length ? { responses: before.responses } : {}) };
  if (shape(target.text, target.caption, before) === shape(mapped.text, mapped.caption, event)) return null;
  return { text: mapped.text ?? '', caption: mapped.caption, event, editedAt: at };
}

export const eventEdits: AnswerKind<proto.Message.IEventMessage> = {
  target: 'event',
  authorOnly: true,
  movesPreview: true,
  read(content) {
    const s = content.secretEncryptedMessage;
    if (!s || s.secretEncType !== EVENT_EDIT) return null;
    const { encPayload, encIv } = s;
    return { targetId: s.targetMessageKey?.id ?? '', ...(encPayload?.length && encIv?.length ? { sealed: { encPayload, encIv } } : {}) };
  },
  open: (sealed, ids) => eventIn(openWithSecret(USE, sealed, ids)),
  change: (target, edited, _editor, at) => eventEditUpdate(target, edited, at),
};

/** A stored event as WhatsApp's `EventMessage`, with a change applied. */
function eventMessageOf(target: MessageDoc, change: EventChange): proto.Message.IEventMessage {
  const e = target.event!;
  const fields =
    change.type === 'edit'
      ? change
      : { name: target.text ?? '', description: target.caption ?? undefined, startAt: new Date(e.startAt).getTime(), endAt: e.endAt ? new Date(e.endAt).getTime() : undefined, place: e.place ?? undefined };
  const location = eventLocation(fields.place);
  const seconds = (ms: number) => Math.floor(ms / 1000);
  return {
    name: fields.name,
    ...(fields.description ? { description: fields.description } : {}),
    startTime: seconds(fields.startAt),
    ...(fields.endAt ? { endTime: seconds(fields.endAt) } : {}),
    ...(location ? { location } : {}),
    ...(e.link ? { joinLink: e.link } : {}),
    isCanceled: change.type === 'cancel',
    extraGuestsAllowed: true,
  };
}

/** Changes or cancels one of our events on WhatsApp, then stores and announces it; resolves with when. */
export async function changeOwnEvent(chatJid: string, messageId: string, change: EventChange, deps: AnswerDeps): Promise<{ ok: true; at: number }> {
  const sock: WASocket | null = deps.sock();
  if (!sock) throw notConnected();
  const chatId = toRecipientJid(chatJid);
  const target = await Message.findOne({ _id: messageObjectId(deps.sessionId, messageId), chatId, fromMe: true, kind: 'event' }).lean<MessageDoc>();
  if (!target?.event) throw new ActorError('message_not_found', 'No event of ours with that id in that chat');
  if (target.revokedAt) throw new ActorError('message_deleted', 'The event was deleted for everyone');
  if (target.event.canceled) throw new ActorError('event_canceled', 'The event was cancelled: WhatsApp allows no change after');
  const secret = secretOf(target);
  const own = ownAccountIds(sock)[0];
  if (!secret || !own) throw new ActorError('message_not_found', 'The event has no key to change it with');
  const edited = eventMessageOf(target, change);
  const sealed = sealWithSecret(USE, proto.Message.encode({ eventMessage: edited }).finish(), { targetId: messageId, creatorJid: own, answererJid: own, secret });
  const secretEncryptedMessage = { targetMessageKey: { remoteJid: chatId, fromMe: true, id: messageId }, ...sealed, secretEncType: EVENT_EDIT };
  await sock.relayMessage(chatId, { secretEncryptedMessage }, { messageId: generateMessageIDV2(sock.user?.id) });
  const at = new Date();
  const update = eventEditUpdate(target, edited, at);
  if (update) await writeChange(target, update, true, deps);
  return { ok: true, at: at.getTime() };
}
