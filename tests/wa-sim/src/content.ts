import type { proto } from '@whiskeysockets/baileys';
import type { MediaStore } from './media.ts';
import { decryptMedia, encryptMedia, type MediaType } from './mediaCrypto.ts';
import { SimError } from './phone.ts';
import { answerMessage, answerSecret, eventMessageOf, messageSecretOf, openAppEdit, readEvent, type AnswerInput } from './polls.ts';
import type { ContactSendInput, ReceivedMessage, SimMessageKind } from './types.ts';

type MediaField = 'imageMessage' | 'videoMessage' | 'audioMessage' | 'documentMessage' | 'stickerMessage';

/** proto.Message.ProtocolMessage.Type values (the enum is not imported: types only here). */
const proto_REVOKE = 0;
const proto_MESSAGE_EDIT = 14;
/** proto.Message.SecretEncryptedMessage.SecretEncType.EVENT_EDIT */
const proto_EVENT_EDIT = 1;

const DEFAULT_MIME: Record<string, string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/ogg; codecs=opus',
  document: 'application/octet-stream',
  sticker: 'image/webp',
};

/**
 * Who wrote a message that a quote or reaction refers to, as the sender sees it: the chat
 * (`remoteJid`), whether the sender wrote it (`fromMe`), its author (`participant`) and its
 * text when known. The same bytes go to every recipient, as WhatsApp clients send them.
 */
export interface ReferencedMessage {
  remoteJid: string;
  fromMe: boolean;
  participant: string;
  text?: string;
}

/** A contact refers to a message of the account it writes to (the default, as before). */
function accountMessage(to: string): ReferencedMessage {
  const jid = `${to}@s.whatsapp.net`;
  return { remoteJid: jid, fromMe: true, participant: jid };
}

/** What a sender hands the message builder: the input, its mentions already addressed (addressMentions). */
export type BuildInput = ContactSendInput & { mentionedJids?: string[]; resolvedAnswer?: AnswerInput };

/**
 * Writes mentions as WhatsApp clients do: `@digits` in the text or caption becomes `@` and the
 * user part of the id the chat knows the person by (`jidOf`), and those ids are listed.
 */
export function addressMentions<I extends Pick<ContactSendInput, 'text' | 'caption' | 'mentions'>>(input: I, jidOf: (digits: string) => string): I & { mentionedJids?: string[] } {
  if (!input.mentions?.length) return input;
  const jids = input.mentions.map(jidOf);
  const rewrite = (text: string | undefined) =>
    input.mentions!.reduce((out, digits, i) => out?.replaceAll(`@${digits}`, `@${jids[i]!.split('@')[0]}`), text);
  return { ...input, text: rewrite(input.text), caption: rewrite(input.caption), mentionedJids: jids };
}

function contextInfo(input: BuildInput, ref: ReferencedMessage): proto.IContextInfo | undefined {
  const forward = input.forwarded ? { isForwarded: true, forwardingScore: 1 } : {};
  const mentions = input.mentionedJids?.length ? { mentionedJid: input.mentionedJids } : {};
  if (!input.quotedId) return input.forwarded || input.mentionedJids?.length ? { ...forward, ...mentions } : undefined;
  const elsewhere = input.quotedChat ? { remoteJid: input.quotedChat } : {};
  return { stanzaId: input.quotedId, participant: ref.participant, quotedMessage: { conversation: input.quotedText ?? ref.text ?? '' }, ...elsewhere, ...forward, ...mentions };
}

function mediaMessage(store: MediaStore, input: ContactSendInput, type: MediaType, bytes: Buffer, https: boolean) {
  const enc = encryptMedia(bytes, type);
  const path = store.put(enc.blob, input.to);
  // Over plain http the URL is fetched verbatim only when directPath is absent (wa-sim.md §6.3).
  const location = https ? { url: `https://${store.httpsHost}${path}`, directPath: path } : { url: `http://${store.httpHost}${path}` };
  return {
    ...location,
    mediaKey: enc.mediaKey,
    fileSha256: enc.fileSha256,
    fileEncSha256: enc.fileEncSha256,
    fileLength: enc.fileLength,
    mediaKeyTimestamp: Math.floor(Date.now() / 1000),
  };
}

/**
 * Builds the `proto.Message` a contact (or the account's phone) sends, uploading media to the
 * simulator's store. `ref` describes the quoted or reacted-to message (default: one the account
 * wrote in its chat with the contact).
 */
export function buildContactMessage(
  store: MediaStore,
  input: BuildInput,
  https: boolean,
  ref: ReferencedMessage = accountMessage(input.to),
): { message: proto.IMessage; type: string; mediatype?: string } {
  const ctx = contextInfo(input, ref);
  const media = (type: MediaType, bytes: Buffer) => mediaMessage(store, input, type, bytes, https);
  if (input.image) return { type: 'media', mediatype: 'image', message: { imageMessage: { ...media('image', input.image), mimetype: input.mimetype ?? DEFAULT_MIME.image, caption: input.caption, contextInfo: ctx } } };
  if (input.video) return { type: 'media', mediatype: 'video', message: { videoMessage: { ...media('video', input.video), mimetype: input.mimetype ?? DEFAULT_MIME.video, caption: input.caption, contextInfo: ctx } } };
  if (input.audio) {
    const ptt = input.ptt === true;
    return { type: 'media', mediatype: ptt ? 'ptt' : 'audio', message: { audioMessage: { ...media(ptt ? 'ptt' : 'audio', input.audio), mimetype: input.mimetype ?? DEFAULT_MIME.audio, ptt, contextInfo: ctx } } };
  }
  if (input.document) return { type: 'media', mediatype: 'document', message: { documentMessage: { ...media('document', input.document), mimetype: input.mimetype ?? DEFAULT_MIME.document, fileName: input.fileName ?? 'file', caption: input.caption, contextInfo: ctx } } };
  if (input.sticker) return { type: 'media', mediatype: 'sticker', message: { stickerMessage: { ...media('sticker', input.sticker), mimetype: input.mimetype ?? DEFAULT_MIME.sticker, contextInfo: ctx } } };
  if (input.location) return { type: 'media', mediatype: 'location', message: { locationMessage: { degreesLatitude: input.location.latitude, degreesLongitude: input.location.longitude, name: input.location.name, contextInfo: ctx } } };
  if (input.contacts?.length) {
    const [one, ...more] = input.contacts;
    if (more.length === 0) return { type: 'media', mediatype: 'vcard', message: { contactMessage: { ...one!, contextInfo: ctx } } };
    return { type: 'media', mediatype: 'contact_array', message: { contactsArrayMessage: { displayName: `${input.contacts.length} contacts`, contacts: input.contacts, contextInfo: ctx } } };
  }
  if (input.poll) {
    const { name, options, selectableCount = 1 } = input.poll;
    // The key of its votes (polls.ts): derived from the id, which the sender assigned first.
    const secret = { messageContextInfo: { messageSecret: messageSecretOf(input.id ?? '') } };
    return { type: 'poll', message: { pollCreationMessageV3: { name, options: options.map((optionName) => ({ optionName })), selectableOptionsCount: selectableCount, contextInfo: ctx }, ...secret } };
  }
  if (input.event) {
    return {
      type: 'event',
      message: {
        eventMessage: eventMessageOf(input.event, ctx),
        // The key of its answers (polls.ts), as a poll's.
        messageContextInfo: { messageSecret: messageSecretOf(input.id ?? '') },
      },
    };
  }
  if (input.groupInvite) {
    const g = input.groupInvite;
    const code = g.code ?? `inv${g.groupJid.split('@')[0]!.slice(-10)}`;
    const expiration = Math.floor((g.expiresAt ?? Date.now() + 3 * 86_400_000) / 1000);
    return { type: 'text', message: { groupInviteMessage: { groupJid: g.groupJid, groupName: g.groupName, inviteCode: code, inviteExpiration: expiration, caption: g.caption, contextInfo: ctx } } };
  }
  if (input.buttonReply) {
    const b = input.buttonReply;
    if (b.list) return { type: 'text', message: { listResponseMessage: { title: b.text, listType: 1, singleSelectReply: { selectedRowId: b.id ?? b.text }, contextInfo: ctx } } };
    return { type: 'text', message: { buttonsResponseMessage: { selectedButtonId: b.id ?? b.text, selectedDisplayText: b.text, type: 1, contextInfo: ctx } } };
  }
  // Baileys sends an answer to an event (and an event's edit) as a plain text stanza, a vote as a poll's.
  if (input.resolvedAnswer) return { type: input.resolvedAnswer.options ? 'poll' : 'text', message: answerMessage(input.resolvedAnswer) };
  if (input.reaction) {
    // In a group the key names the target's author too (Baileys' own reactions do).
    const author = ref.remoteJid.endsWith('@g.us') ? { participant: ref.participant } : {};
    const key = { remoteJid: ref.remoteJid, fromMe: ref.fromMe, id: input.reaction.targetId, ...author };
    return { type: 'reaction', message: { reactionMessage: { key, text: input.reaction.emoji, senderTimestampMs: Date.now() } } };
  }
  // The sender's own earlier message: fromMe from the sender's side (receivers take the chat from
  // the envelope, as Baileys' process-message does).
  const own = (id: string) => ({ remoteJid: ref.remoteJid, fromMe: true, id });
  if (input.edit) {
    const type = proto_MESSAGE_EDIT;
    return { type: 'text', message: { protocolMessage: { key: own(input.edit.targetId), type, editedMessage: { conversation: input.edit.text }, timestampMs: Date.now() } } };
  }
  if (input.revoke) return { type: 'text', message: { protocolMessage: { key: own(input.revoke.targetId), type: proto_REVOKE } } };
  if (typeof input.text === 'string') {
    const message = ctx ? { extendedTextMessage: { text: input.text, contextInfo: ctx } } : { conversation: input.text };
    return { type: 'text', message };
  }
  throw new SimError('bad_message', 'message needs text, image, video, audio, document, sticker, location, contacts, poll, pollVote, event, eventResponse, eventEdit, groupInvite, buttonReply, reaction, edit or revoke');
}

const MEDIA_FIELDS: Array<[MediaField, MediaType]> = [
  ['imageMessage', 'image'],
  ['videoMessage', 'video'],
  ['audioMessage', 'audio'],
  ['documentMessage', 'document'],
  ['stickerMessage', 'sticker'],
];

/** Unwraps containers the app may add (ephemeral, view-once, device-sent, document-with-caption). */
function unwrap(msg: proto.IMessage): proto.IMessage {
  const inner = msg.deviceSentMessage?.message ?? msg.ephemeralMessage?.message ?? msg.viewOnceMessage?.message ?? msg.viewOnceMessageV2?.message ?? msg.documentWithCaptionMessage?.message;
  return inner ? unwrap(inner) : msg;
}

type Parsed = Omit<ReceivedMessage, 'id' | 'from' | 'to' | 'at'>;

/** What parseAppMessage reads: an event's edit still sealed (readAppMessage opens it). */
type ParsedSealed = Parsed & { sealedEdit?: { encPayload: Buffer; encIv: Buffer } };

/** `forwarded: true` when the app marked the message forwarded; `mentions` when it listed some. */
const forwardedOf = (ctx: proto.IContextInfo | null | undefined): { forwarded?: true; mentions?: string[] } => ({
  ...(ctx?.isForwarded ? { forwarded: true as const } : {}),
  ...(ctx?.mentionedJid?.length ? { mentions: [...ctx.mentionedJid] } : {}),
});

/** A quote from another chat (a private reply to a group message), and the quoted words. */
function quotedElsewhere(ctx: proto.IContextInfo | null | undefined): { quotedChat?: string; quotedText?: string } {
  const words = ctx?.quotedMessage?.conversation ?? ctx?.quotedMessage?.extendedTextMessage?.text;
  return { ...(ctx?.remoteJid ? { quotedChat: ctx.remoteJid } : {}), ...(ctx?.stanzaId && words ? { quotedText: words } : {}) };
}

/** A poll's or event's key for its answers, beside the content (outside any wrapper or in it). */
function secretOf(raw: proto.IMessage, msg: proto.IMessage): { pollSecret?: Buffer } {
  const secret = raw.messageContextInfo?.messageSecret ?? msg.messageContextInfo?.messageSecret;
  return secret?.length ? { pollSecret: Buffer.from(secret) } : {};
}

/** The account's ids, phone number and LID: an edit it seals may be under either. */
export function accountJids(sim: { phones: Map<string, { lid: string }> }, digits: string): string[] {
  const lid = sim.phones.get(digits)?.lid;
  return [`${digits}@s.whatsapp.net`, ...(lid ? [`${lid}@lid`] : [])];
}

/**
 * An app message as a contact reads it: parsed (parseAppMessage), and an event's sealed edit
 * opened with the secret of the event the app sent this contact, under the account's ids.
 */
export function readAppMessage(store: MediaStore, raw: proto.IMessage, received: readonly ReceivedMessage[], accountJids: string[]): Parsed {
  const { sealedEdit, ...parsed } = parseAppMessage(store, raw);
  if (!sealedEdit || !parsed.targetId) return parsed;
  const event = openAppEdit(sealedEdit, parsed.targetId, answerSecret(received, parsed.targetId), accountJids);
  return { ...parsed, ...(event ? { event } : {}) };
}

/** Turns a decrypted `proto.Message` into what a test wants to assert on, fetching media bytes. */
export function parseAppMessage(store: MediaStore, raw: proto.IMessage): ParsedSealed {
  const msg = unwrap(raw);
  if (msg.conversation != null) return { kind: 'text', text: msg.conversation };
  if (msg.extendedTextMessage) {
    const ctx = msg.extendedTextMessage.contextInfo;
    return { kind: 'text', text: msg.extendedTextMessage.text ?? '', quotedId: ctx?.stanzaId ?? undefined, quotedParticipant: ctx?.participant ?? undefined, ...quotedElsewhere(ctx), ...forwardedOf(ctx) };
  }
  for (const [field, type] of MEDIA_FIELDS) {
    const m = msg[field];
    if (!m) continue;
    const audio = field === 'audioMessage' ? (m as proto.Message.IAudioMessage) : undefined;
    const kind: SimMessageKind = audio?.ptt ? 'ptt' : type;
    const blob = m.url || m.directPath ? store.get(m.directPath ?? m.url ?? '') : undefined;
    const media = blob && m.mediaKey ? decryptMedia(blob, m.mediaKey, audio?.ptt ? 'ptt' : type) : undefined;
    const withCaption = m as { caption?: string | null; fileName?: string | null; jpegThumbnail?: Uint8Array | null };
    return {
      kind,
      media,
      ...(m.mediaKey ? { mediaKey: Buffer.from(m.mediaKey) } : {}),
      ...(withCaption.jpegThumbnail?.length ? { jpegThumbnail: Buffer.from(withCaption.jpegThumbnail) } : {}),
      mimetype: m.mimetype ?? undefined,
      caption: withCaption.caption ?? undefined,
      fileName: withCaption.fileName ?? undefined,
      quotedId: m.contextInfo?.stanzaId ?? undefined,
      ...forwardedOf(m.contextInfo),
    };
  }
  if (msg.locationMessage) {
    const l = msg.locationMessage;
    return { kind: 'location', location: { latitude: l.degreesLatitude ?? 0, longitude: l.degreesLongitude ?? 0, name: l.name ?? undefined }, quotedId: l.contextInfo?.stanzaId ?? undefined, ...forwardedOf(l.contextInfo) };
  }
  const poll = msg.pollCreationMessage ?? msg.pollCreationMessageV2 ?? msg.pollCreationMessageV3;
  if (poll) {
    return {
      kind: 'poll',
      poll: { name: poll.name ?? '', options: (poll.options ?? []).map((o) => o.optionName ?? ''), selectableCount: poll.selectableOptionsCount ?? 0 },
      ...secretOf(raw, msg),
    };
  }
  if (msg.eventMessage) {
    return { kind: 'event', event: readEvent(msg.eventMessage), ...secretOf(raw, msg) };
  }
  const cards = msg.contactMessage ? [msg.contactMessage] : msg.contactsArrayMessage?.contacts;
  if (cards) {
    const ctx = msg.contactMessage?.contextInfo ?? msg.contactsArrayMessage?.contextInfo;
    return { kind: 'contact', contacts: cards.map((c) => ({ displayName: c.displayName ?? '', vcard: c.vcard ?? '' })), quotedId: ctx?.stanzaId ?? undefined, ...forwardedOf(ctx) };
  }
  const sealed = msg.secretEncryptedMessage;
  if (sealed?.secretEncType === proto_EVENT_EDIT && sealed.encPayload && sealed.encIv) {
    return { kind: 'edit', targetId: sealed.targetMessageKey?.id ?? undefined, sealedEdit: { encPayload: Buffer.from(sealed.encPayload), encIv: Buffer.from(sealed.encIv) } };
  }
  const pm = msg.protocolMessage;
  if (pm?.type === 0) return { kind: 'revoke', targetId: pm.key?.id ?? undefined };
  if (pm?.type === 14) {
    const edited = pm.editedMessage;
    return { kind: 'edit', targetId: pm.key?.id ?? undefined, text: edited?.conversation ?? edited?.extendedTextMessage?.text ?? undefined };
  }
  if (msg.reactionMessage) {
    return { kind: 'reaction', reaction: { emoji: msg.reactionMessage.text ?? '', targetId: msg.reactionMessage.key?.id ?? '' } };
  }
  return { kind: 'unknown' };
}
