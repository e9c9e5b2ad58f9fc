import type { WASocket } from '@whiskeysockets/baileys';
import { Chat, Media, putMedia } from '@switchboard/shared/node';
import type { Dispatcher } from 'undici';

/** How long a fetched profile picture (or its absence) is reused. */
export const PROFILE_PICTURE_TTL_MS = 24 * 60 * 60 * 1000;

/** Context of a profile picture lookup. */
export interface ProfilePictureContext {
  sessionId: string;
  sock: WASocket;
  dispatcher?: Dispatcher;
  now?: () => number;
}

const isNotFound = (err: unknown) => {
  const e = err as { data?: unknown; output?: { statusCode?: number }; message?: string };
  return e?.data === 404 || e?.output?.statusCode === 404 || /item-not-found|not-authorized/.test(e?.message ?? '');
};

/**
 * Returns a contact's profile picture as a stored Media id. The bytes are fetched once and
 * kept in GridFS; the Chat caches the result (picture or "none") for 24 hours.
 */
export async function profilePicture(jid: string, ctx: ProfilePictureContext): Promise<{ mediaId: string | null; url: string | null }> {
  const now = ctx.now ?? Date.now;
  const { sessionId } = ctx;
  const chat = await Chat.findOne({ sessionId, jid }, { profilePicture: 1 }).lean();
  const cached = chat?.profilePicture;
  if (cached?.fetchedAt && now() - new Date(cached.fetchedAt).getTime() < PROFILE_PICTURE_TTL_MS) {
    return { mediaId: cached.mediaId ? String(cached.mediaId) : null, url: cached.url ?? null };
  }
  let url: string | null = null;
  try {
    url = (await ctx.sock.profilePictureUrl(jid, 'image')) ?? null;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  let mediaId: string | null = null;
  if (url) {
    const res = await fetch(url, (ctx.dispatcher ? { dispatcher: ctx.dispatcher } : {}) as RequestInit);
    if (!res.ok) throw new Error(`profile picture download failed with HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const mimeType = res.headers.get('content-type')?.split(';')[0] || 'image/jpeg';
    const blob = await putMedia(bytes, { filename: `profile-${jid}`, contentType: mimeType, metadata: { sessionId, jid } });
    const doc = await Media.create({
      sessionId, chatId: jid, kind: 'image', mimeType, size: blob.size, sha256: blob.sha256,
      gridFsId: blob.id, direction: 'in', fileName: 'profile.jpg',
    });
    mediaId = String(doc._id);
  }
  await Chat.updateOne(
    { sessionId, jid },
    { $set: { profilePicture: { mediaId, url, fetchedAt: new Date(now()) } }, $setOnInsert: { isGroup: jid.endsWith('@g.us') } },
    { upsert: true },
  );
  return { mediaId, url };
}
