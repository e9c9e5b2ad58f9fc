import type { SessionHub } from '@switchboard/shared';
import { Chat, Media, type ChatDoc, type MediaDoc } from '@switchboard/shared/node';
import type { Logger } from 'pino';
import { Types } from 'mongoose';

/** How long a fetched profile picture (or the fact that there is none) is trusted. */
export const PROFILE_PICTURE_TTL_MS = 24 * 60 * 60 * 1000;

/** Dependencies of the profile-picture cache. */
export interface ProfilePictureDeps {
  hub: Pick<SessionHub, 'call'>;
  logger: Logger;
  now?: () => Date;
  ttlMs?: number;
  /** Timeout of one `profilePicture` call to the actor (default 15 s). */
  callTimeoutMs?: number;
}

/** The cached picture of a chat: its Media document, or null when the contact has none. */
export interface CachedPicture {
  media: MediaDoc | null;
  fresh: boolean;
}

/** True when the chat's cached picture is younger than the TTL. */
export function isFresh(chat: Pick<ChatDoc, 'profilePicture'>, now: Date, ttlMs = PROFILE_PICTURE_TTL_MS): boolean {
  const at = chat.profilePicture?.fetchedAt;
  return !!at && now.getTime() - new Date(at).getTime() < ttlMs;
}

/** Asks the session's actor for the picture and caches the answer on the Chat. */
export async function fetchProfilePicture(deps: ProfilePictureDeps, sessionId: string, jid: string): Promise<MediaDoc | null> {
  const now = deps.now?.() ?? new Date();
  const res = await deps.hub.call(sessionId, 'profilePicture', { jid }, { timeoutMs: deps.callTimeoutMs ?? 15_000 });
  const mediaId = res.mediaId && Types.ObjectId.isValid(res.mediaId) ? new Types.ObjectId(res.mediaId) : null;
  await Chat.updateOne({ sessionId, jid }, { $set: { profilePicture: { mediaId, url: res.url, fetchedAt: now } } });
  return mediaId ? Media.findById(mediaId).lean() : null;
}

/**
 * The picture of a chat, from the 24-hour cache or fetched through the hub. When the actor
 * cannot answer (session down), a stale cached picture is served rather than nothing; with no
 * cache at all the hub's error is thrown.
 */
export async function getProfilePicture(deps: ProfilePictureDeps, chat: ChatDoc): Promise<CachedPicture> {
  const now = deps.now?.() ?? new Date();
  const cachedId = chat.profilePicture?.mediaId ?? null;
  if (isFresh(chat, now, deps.ttlMs)) {
    return { media: cachedId ? await Media.findById(cachedId).lean() : null, fresh: true };
  }
  try {
    return { media: await fetchProfilePicture(deps, chat.sessionId, chat.jid), fresh: true };
  } catch (err) {
    if (!cachedId) throw err;
    deps.logger.warn({ err, sessionId: chat.sessionId }, 'profile picture refresh failed, serving the cached one');
    return { media: await Media.findById(cachedId).lean(), fresh: false };
  }
}

/** Options of the scheduled refresh. */
export interface RefreshOptions extends ProfilePictureDeps {
  hub: Pick<SessionHub, 'call' | 'snapshots'>;
  /** Most chats refreshed per run (most recently active first; default 200). */
  limit?: number;
  /** Parallel actor calls (default 4). */
  concurrency?: number;
}

/**
 * Scheduler job: refreshes profile pictures older than the TTL (or never fetched) of chats of
 * connected sessions, most recently active chats first. Failures are counted, not thrown.
 */
export async function refreshProfilePictures(opts: RefreshOptions): Promise<{ refreshed: number; failed: number }> {
  const now = opts.now?.() ?? new Date();
  const ttl = opts.ttlMs ?? PROFILE_PICTURE_TTL_MS;
  const connected = opts.hub.snapshots().filter((s) => s.status === 'connected').map((s) => s.sessionId);
  if (connected.length === 0) return { refreshed: 0, failed: 0 };
  const stale = await Chat.find(
    {
      sessionId: { $in: connected },
      $or: [{ 'profilePicture.fetchedAt': null }, { 'profilePicture.fetchedAt': { $lt: new Date(now.getTime() - ttl) } }],
    },
    { sessionId: 1, jid: 1 },
  )
    .sort({ lastMessageAt: -1 })
    .limit(opts.limit ?? 200)
    .lean();
  let refreshed = 0;
  let failed = 0;
  const queue = [...stale];
  const worker = async (): Promise<void> => {
    for (let chat = queue.shift(); chat; chat = queue.shift()) {
      try {
        await fetchProfilePicture(opts, chat.sessionId, chat.jid);
        refreshed += 1;
      } catch (err) {
        failed += 1;
        opts.logger.warn({ err, sessionId: chat.sessionId }, 'profile picture refresh failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  opts.logger.info({ refreshed, failed }, 'profile pictures refreshed');
  return { refreshed, failed };
}
