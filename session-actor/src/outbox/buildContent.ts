import type { Readable } from 'node:stream';
import type { AnyMessageContent, MiscMessageGenerationOptions, WAMessage } from '@whiskeysockets/baileys';
import { outgoingMessageProblems, parseVCards, pollParts, splitVCards, type MessageKind } from '@switchboard/shared';
import { ActorError } from '../errors.ts';

/** The stored outgoing message fields the builder reads. */
export interface OutgoingRecord {
  messageId: string;
  kind: MessageKind;
  text?: string | null;
  caption?: string | null;
  fileName?: string | null;
  mimeType?: string | null;
  mediaId?: unknown;
  quotedId?: string | null;
  reaction?: { emoji?: string | null; targetId?: string | null } | null;
  location?: { latitude?: number | null; longitude?: number | null; name?: string | null; address?: string | null } | null;
  /** A copy of another message (the forward route): WhatsApp shows it as forwarded. */
  forwarded?: boolean | null;
  /** People its text or caption mentions (written `@` and their digits in it). */
  mentions?: readonly { jid: string }[] | null;
  /** A poll on which one may pick several options. */
  pollMultiple?: boolean | null;
  /** An event's date and place (its name is `text`, its description `caption`). */
  event?: { startAt?: Date | null; endAt?: Date | null; place?: { name?: string | null; address?: string | null; latitude?: number | null; longitude?: number | null } | null } | null;
}

/**
 * In a group, a member's message is known by its author too (`participant`): without it WhatsApp
 * attributes the quote or reaction to the group itself.
 */
function authorOf(jid: string, m: ReferencedMessage | null): { participant?: string } {
  return jid.endsWith('@g.us') && m && !m.fromMe && m.sender ? { participant: m.sender } : {};
}

/**
 * The quoted message's key: in this chat, or in the group it came from (a private reply to a
 * group message: Baileys then names that group as `contextInfo.remoteJid`, as WhatsApp does).
 */
function quotedKey(jid: string, id: string, m: ReferencedMessage | null): WAMessage['key'] {
  const chat = m?.chatId && m.chatId !== jid && m.chatId.endsWith('@g.us') ? m.chatId : jid;
  return { remoteJid: chat, id, fromMe: m?.fromMe ?? false, ...authorOf(chat, m) };
}

/** A date to whole seconds: WhatsApp dates an event in seconds, and Baileys divides an end's ms as they are. */
const wholeSeconds = (d: Date): Date => new Date(Math.floor(new Date(d).getTime() / 1000) * 1000);

/** An event's place as WhatsApp's location: a place named only comes at 0, 0, as the phone sends it (also eventEdits.ts). */
export function eventLocation(p: { name?: string | null; address?: string | null; latitude?: number | null; longitude?: number | null } | null | undefined) {
  return p && (p.name || p.address) ? { degreesLatitude: p.latitude ?? 0, degreesLongitude: p.longitude ?? 0, name: p.name ?? null, address: p.address ?? null } : undefined;
}

/** A stored message another one refers to (quote or reaction target). */
export interface ReferencedMessage {
  /** Its chat (a quote may come from a group: a private reply). */
  chatId?: string;
  fromMe: boolean;
  sender?: string | null;
  text?: string | null;
  caption?: string | null;
}

/** Media bytes of an outgoing message, opened from GridFS by media id. */
export interface OpenedMedia {
  stream: Readable;
  mimeType: string;
  fileName?: string;
  /**
   * The stored JPEG thumbnail (an image's, or a video's poster made by the gateway's media pool),
   * sent as WhatsApp's preview. Without it Baileys makes its own, which for video needs an
   * `ffmpeg` on the actor's PATH (and sends no preview when there is none).
   */
  jpegThumbnail?: Buffer;
}

/** What the builder needs from storage. */
export interface BuildDeps {
  findMessage(messageId: string): Promise<ReferencedMessage | null>;
  openMedia(mediaId: string): Promise<OpenedMedia>;
}

const bad = (message: string) => new ActorError('invalid_message', message);

async function mediaContent(rec: OutgoingRecord, deps: BuildDeps): Promise<AnyMessageContent> {
  if (!rec.mediaId) throw bad(`a ${rec.kind} message needs a mediaId`);
  const media = await deps.openMedia(String(rec.mediaId));
  const upload = { stream: media.stream };
  const mimetype = rec.mimeType || media.mimeType;
  const caption = rec.caption ?? undefined;
  // Baileys takes the preview as base64 (it decodes it into the message's bytes field).
  const preview = media.jpegThumbnail ? { jpegThumbnail: media.jpegThumbnail.toString('base64') } : {};
  switch (rec.kind) {
    case 'image':
      return { image: upload, mimetype, ...(caption ? { caption } : {}), ...preview };
    case 'video':
      return { video: upload, mimetype, ...(caption ? { caption } : {}), ...preview };
    case 'audio':
      return { audio: upload, mimetype };
    case 'voice':
      return { audio: upload, mimetype, ptt: true };
    case 'sticker':
      return { sticker: upload, mimetype };
    default:
      return {
        document: upload,
        mimetype,
        fileName: rec.fileName || media.fileName || 'file',
        ...(caption ? { caption } : {}),
      };
  }
}

/**
 * Turns a stored outgoing message into Baileys `sendMessage` arguments. The stored messageId is
 * passed as WhatsApp's message id, so a resend after a crash carries the same id.
 */
export async function buildContent(
  rec: OutgoingRecord,
  jid: string,
  deps: BuildDeps,
): Promise<{ content: AnyMessageContent; options: MiscMessageGenerationOptions }> {
  const options: MiscMessageGenerationOptions = { messageId: rec.messageId };
  if (rec.quotedId && rec.kind !== 'reaction') {
    const quoted = await deps.findMessage(rec.quotedId);
    const body = quoted ? (quoted.text ?? quoted.caption ?? '') : '';
    options.quoted = { key: quotedKey(jid, rec.quotedId, quoted), message: { conversation: body } } as WAMessage;
  }
  // The rules of shared's outgoing-message schema (the gateway and the supervisor checked them
  // already), again on the stored record: a hand-edited or migrated document cannot slip through.
  const problem = outgoingMessageProblems(rec)[0];
  if (problem) throw bad(problem.message);
  const content = await contentOf(rec, jid, deps);
  // WhatsApp's own forward marks the copy (Baileys' `forward` does the same from a WAMessage we
  // do not keep); a first forward scores 1.
  if (rec.forwarded && rec.kind !== 'reaction') Object.assign(content, { contextInfo: { isForwarded: true, forwardingScore: 1 } });
  // Listed beside the text, as WhatsApp does: phones show `@digits` as the person's name.
  if (rec.mentions?.length && rec.kind !== 'reaction') Object.assign(content, { mentions: rec.mentions.map((m) => m.jid) });
  return { content, options };
}

/** The content of a stored outgoing message, by kind. */
async function contentOf(rec: OutgoingRecord, jid: string, deps: BuildDeps): Promise<AnyMessageContent> {
  switch (rec.kind) {
    case 'text':
      return { text: rec.text ?? '' };
    case 'reaction': {
      const targetId = rec.reaction?.targetId;
      if (!targetId) throw bad('a reaction needs a target message id');
      const target = await deps.findMessage(targetId);
      const key = { remoteJid: jid, id: targetId, fromMe: target?.fromMe ?? false, ...authorOf(jid, target) };
      return { react: { text: rec.reaction?.emoji ?? '', key } };
    }
    case 'location': {
      const l = rec.location;
      if (typeof l?.latitude !== 'number' || typeof l?.longitude !== 'number') throw bad('a location needs coordinates');
      const location = { degreesLatitude: l.latitude, degreesLongitude: l.longitude, name: l.name ?? null, address: l.address ?? null };
      return { location };
    }
    case 'contact': {
      const cards = splitVCards(rec.text ?? '');
      if (cards.length === 0) throw bad('a contact message needs a vCard in text');
      // One card is WhatsApp's contact message; several, its contacts array.
      const contacts = cards.map((vcard) => ({ displayName: parseVCards(vcard)[0]?.name || 'Contact', vcard }));
      return { contacts: { displayName: rec.caption || contacts[0]!.displayName, contacts } };
    }
    case 'poll': {
      // Its question and options were checked with the rest (outgoingMessageProblems). Single
      // choice is WhatsApp's poll v3; several, its first poll message (selectableCount 0).
      const { question, options } = pollParts(rec.text);
      return { poll: { name: question, values: options, selectableCount: rec.pollMultiple ? 0 : 1 } };
    }
    case 'event': {
      const e = rec.event;
      if (!e?.startAt || !rec.text) throw bad('an event needs a name and a start');
      const location = eventLocation(e.place);
      // Answers may bring guests.
      return { event: { name: rec.text, ...(rec.caption ? { description: rec.caption } : {}), startDate: wholeSeconds(e.startAt), ...(e.endAt ? { endDate: wholeSeconds(e.endAt) } : {}), ...(location ? { location } : {}), extraGuestsAllowed: true } };
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'voice':
    case 'document':
    case 'sticker':
      return mediaContent(rec, deps);
    default:
      throw bad(`messages of kind ${rec.kind} cannot be sent`);
  }
}
