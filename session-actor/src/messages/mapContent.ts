import { getContentType, normalizeMessageContent, type proto } from '@whiskeysockets/baileys';
import type { MessageKind } from '@switchboard/shared';
import type { CalendarEventDoc, MessageInviteDoc } from '@switchboard/shared/node';
import { interactiveText } from './interactiveText.ts';

/** The media part of a message, as far as its protobuf tells (bytes are downloaded apart). */
export interface MediaInfo {
  kind: 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker';
  mimeType: string;
  fileName?: string;
  size?: number;
  width?: number;
  height?: number;
  durationMs?: number;
}

/** A WhatsApp message reduced to what Switchboard stores. */
export interface MappedContent {
  kind: MessageKind;
  text?: string;
  caption?: string;
  quotedId?: string;
  /**
   * The quoted message is in another chat (`contextInfo.remoteJid`: a private reply to a group
   * message): that chat, its author and the quoted content WhatsApp sent along.
   */
  quotedElsewhere?: { chatJid: string; participant?: string; content?: proto.IMessage };
  /** WhatsApp marked it forwarded (`contextInfo.isForwarded`). */
  forwarded?: true;
  /** The ids its text mentions (`contextInfo.mentionedJid`), as WhatsApp gave them. */
  mentionedJids?: string[];
  reaction?: { emoji: string; targetId: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contact?: { displayName: string; vcard: string };
  media?: MediaInfo;
  /** A poll's or an event's `messageSecret`, the key of its votes or answers (answers.ts). */
  messageSecret?: Buffer;
  /** An event's date and place. */
  event?: CalendarEventDoc;
  /** An invitation's group and code. */
  invite?: MessageInviteDoc;
}

type Content = proto.IMessage;

/**
 * The key of a poll's votes or an event's answers: it travels beside the content
 * (`messageContextInfo`), outside any wrapper or in it.
 */
function secretOf(raw: Content | null | undefined, content: Content): { messageSecret?: Buffer } {
  const secret = raw?.messageContextInfo?.messageSecret ?? content.messageContextInfo?.messageSecret;
  return secret?.length === 32 ? { messageSecret: Buffer.from(secret) } : {};
}

/** protobuf numbers may be Long objects; Number() unwraps them through valueOf(). */
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

const MEDIA_DEFAULT_MIME: Record<MediaInfo['kind'], string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  audio: 'audio/mpeg',
  voice: 'audio/ogg; codecs=opus',
  document: 'application/octet-stream',
  sticker: 'image/webp',
};

/** The most mentions kept of one message (a message may mention a whole group of 1,024). */
const MAX_MENTIONS = 1024;

/** What a message's context says about it: the message it quotes, whether it was forwarded, whom it mentions. */
function contextOf(content: Content, type: keyof Content): Pick<MappedContent, 'quotedId' | 'quotedElsewhere' | 'forwarded' | 'mentionedJids'> {
  const ctx = (content[type] as { contextInfo?: proto.IContextInfo | null } | null | undefined)?.contextInfo;
  const mentioned = [...new Set((ctx?.mentionedJid ?? []).filter((j) => typeof j === 'string' && j.includes('@')))].slice(0, MAX_MENTIONS);
  return {
    ...(ctx?.stanzaId ? { quotedId: ctx.stanzaId } : {}),
    ...(ctx?.stanzaId && ctx.remoteJid
      ? { quotedElsewhere: { chatJid: ctx.remoteJid, ...(ctx.participant ? { participant: ctx.participant } : {}), ...(ctx.quotedMessage ? { content: ctx.quotedMessage } : {}) } }
      : {}),
    ...(ctx?.isForwarded ? { forwarded: true as const } : {}),
    ...(mentioned.length ? { mentionedJids: mentioned } : {}),
  };
}

function clean<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] === undefined) delete obj[k];
  return obj;
}

function mediaOf(kind: MediaInfo['kind'], m: proto.Message.IImageMessage & proto.Message.IVideoMessage &
  proto.Message.IAudioMessage & proto.Message.IDocumentMessage): MediaInfo {
  const seconds = num(m.seconds);
  return clean({
    kind,
    mimeType: m.mimetype || MEDIA_DEFAULT_MIME[kind],
    fileName: m.fileName ?? undefined,
    size: num(m.fileLength),
    width: num(m.width),
    height: num(m.height),
    durationMs: seconds === undefined ? undefined : seconds * 1000,
  });
}

/**
 * Maps a message's content to a stored shape, unwrapping ephemeral / view-once / edited /
 * document-with-caption wrappers first. Returns null for content that is not a user message
 * (protocol messages, key distribution only, empty stubs).
 */
export function mapContent(raw: Content | null | undefined): MappedContent | null {
  const content = normalizeMessageContent(raw);
  if (!content) return null;
  const type = getContentType(content);
  if (!type || type === 'protocolMessage' || type === 'messageContextInfo') return null;
  const base = contextOf(content, type);
  const media = (kind: MediaInfo['kind'], m: object, caption?: string | null): MappedContent =>
    clean({ kind, ...base, caption: caption ?? undefined, media: mediaOf(kind, m) });
  switch (type) {
    case 'conversation':
      return { kind: 'text', text: content.conversation ?? '' };
    case 'extendedTextMessage':
      return { kind: 'text', text: content.extendedTextMessage?.text ?? '', ...base };
    case 'imageMessage':
      return media('image', content.imageMessage!, content.imageMessage?.caption);
    case 'videoMessage':
    case 'ptvMessage': {
      const v = content.videoMessage ?? content.ptvMessage!;
      return media('video', v, v.caption);
    }
    case 'audioMessage':
      return media(content.audioMessage?.ptt ? 'voice' : 'audio', content.audioMessage!);
    case 'documentMessage':
      return media('document', content.documentMessage!, content.documentMessage?.caption);
    case 'stickerMessage':
      return media('sticker', content.stickerMessage!);
    case 'locationMessage':
    case 'liveLocationMessage': {
      const l = (content.locationMessage ?? content.liveLocationMessage)!;
      const loc = clean({
        latitude: l.degreesLatitude ?? 0,
        longitude: l.degreesLongitude ?? 0,
        name: (l as proto.Message.ILocationMessage).name ?? undefined,
        address: (l as proto.Message.ILocationMessage).address ?? undefined,
      });
      return { kind: 'location', location: loc, ...base };
    }
    case 'reactionMessage': {
      const r = content.reactionMessage!;
      return { kind: 'reaction', reaction: { emoji: r.text ?? '', targetId: r.key?.id ?? '' } };
    }
    case 'contactMessage': {
      const c = content.contactMessage!;
      const contact = { displayName: c.displayName ?? '', vcard: c.vcard ?? '' };
      return { kind: 'contact', text: contact.vcard, caption: contact.displayName, contact, ...base };
    }
    case 'contactsArrayMessage': {
      const list = content.contactsArrayMessage?.contacts ?? [];
      const vcard = list.map((c) => c.vcard ?? '').join('\n');
      // The array's own name is often a count ("3 contactos"): the list shows who they are.
      const displayName = list.map((c) => c.displayName ?? '').filter(Boolean).join(', ') || (content.contactsArrayMessage?.displayName ?? '');
      return { kind: 'contact', text: vcard, caption: displayName, contact: { displayName, vcard }, ...base };
    }
    case 'pollCreationMessage':
    case 'pollCreationMessageV2':
    case 'pollCreationMessageV3': {
      const p = (content.pollCreationMessage ?? content.pollCreationMessageV2 ?? content.pollCreationMessageV3)!;
      const options = (p.options ?? []).map((o) => o.optionName ?? '').join('\n');
      return { kind: 'poll', text: [p.name ?? '', options].filter(Boolean).join('\n'), ...base, ...secretOf(raw, content) };
    }
    case 'eventMessage': {
      const e = content.eventMessage!;
      const description = e.description?.trim();
      return { kind: 'event', text: e.name ?? '', ...(description ? { caption: description } : {}), event: eventOf(e), ...base, ...secretOf(raw, content) };
    }
    case 'groupInviteMessage': {
      const g = content.groupInviteMessage!;
      if (!g.groupJid || !g.inviteCode) break;
      const expires = num(g.inviteExpiration);
      const invite: MessageInviteDoc = { groupId: g.groupJid, groupName: g.groupName || g.groupJid.split('@')[0]!, code: g.inviteCode, ...(expires ? { expiresAt: new Date(expires * 1000) } : {}) };
      return { kind: 'invite', text: g.caption ?? '', invite, ...base };
    }
    case 'buttonsResponseMessage':
    case 'templateButtonReplyMessage':
    case 'listResponseMessage':
    case 'interactiveResponseMessage':
    case 'buttonsMessage':
    case 'listMessage':
    case 'templateMessage':
    case 'interactiveMessage': {
      const text = interactiveText(content);
      if (text) return { kind: 'text', text, ...base };
      break;
    }
    // Not messages of their own, so never an "unsupported" line that waits for a reply: a key
    // distribution, a vote (it changes its poll: pollVotes.ts), the header of an album (its photos
    // and videos come as messages of their own), a message pinned or kept in the chat, an
    // encrypted reaction or answer to an event, a history bundle.
    case 'senderKeyDistributionMessage':
    case 'pollUpdateMessage':
    case 'albumMessage':
    case 'pinInChatMessage':
    case 'keepInChatMessage':
    case 'encReactionMessage':
    case 'encEventResponseMessage':
    case 'secretEncryptedMessage':
    case 'messageHistoryBundle':
      return null;
  }
  return { kind: 'unsupported', text: String(type), ...base };
}

/** An event's date, place (coordinates only when it has some: WhatsApp sends 0, 0 for a place by name) and call link. */
function eventOf(e: proto.Message.IEventMessage): CalendarEventDoc {
  const start = num(e.startTime) ?? 0;
  const end = num(e.endTime);
  const l = e.location;
  const hasCoords = !!l && (!!l.degreesLatitude || !!l.degreesLongitude);
  const place = l
    ? clean({
        name: l.name || undefined,
        address: l.address || undefined,
        latitude: hasCoords ? (l.degreesLatitude ?? 0) : undefined,
        longitude: hasCoords ? (l.degreesLongitude ?? 0) : undefined,
      })
    : undefined;
  return clean({
    startAt: new Date(start * 1000),
    endAt: end ? new Date(end * 1000) : undefined,
    place: place && Object.keys(place).length ? place : undefined,
    link: e.joinLink || undefined,
    canceled: e.isCanceled ? true : undefined,
  });
}
