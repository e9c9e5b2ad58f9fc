import { EXIT_CODES, type ActorCommands, type Handlers } from '@switchboard/shared';
import { Message, messageObjectId } from '@switchboard/shared/node';
import type { Actor } from './Actor.ts';
import { ActorError, notConnected } from './errors.ts';
import { profilePicture } from './media/profilePicture.ts';
import { announceBlocks } from './messages/blocklist.ts';
import { groupChange, groupCreate, groupInviteCode } from './messages/groupChange.ts';
import { groupAcceptInvite } from './messages/groupJoin.ts';
import { groupJoinRequests } from './messages/groupRequests.ts';
import { groupInfo } from './messages/groupInfo.ts';
import { changeOwnEvent } from './messages/eventEdits.ts';
import { toRecipientJid } from './messages/jid.ts';
import { changeOwnMessage } from './messages/ownChanges.ts';
import { statusesBefore } from './messages/status.ts';

/** Most message ids one markRead sends receipts for (the gateway sends the latest unread ones). */
const MARK_READ_MAX = 500;

/** How long requestPairingCode waits for the first QR (the code needs a finished handshake). */
const PAIRING_QR_WAIT_MS = 30_000;

/** What the handlers need besides the actor (the exit used by `logout` when no socket is open). */
export interface HandlerHost {
  exit(code: typeof EXIT_CODES.LOGGED_OUT, reason: string): void;
}

/** A phone number as digits (international format, no `+`), or `invalid_phone`. */
function phoneDigits(phone: unknown): string {
  const digits = String(phone ?? '').replace(/[\s+\-()]/g, '');
  if (!/^\d{6,15}$/.test(digits)) throw new ActorError('invalid_phone', 'phone must be 6 to 15 digits');
  return digits;
}

function openOrThrow(actor: Actor) {
  const sock = actor.openSocket;
  if (!sock) throw notConnected();
  return sock;
}

/** One handler per command of ActorCommands; a missing one is a compile error. */
export function createHandlers(actor: Actor, host: HandlerHost): Handlers<ActorCommands> {
  const { sessionId } = actor.config;
  const changeDeps = { sessionId, logger: actor.log, media: actor.media, sock: () => actor.openSocket, emit: (e: Parameters<Actor['emit']>[0]) => actor.emit(e) };
  return {
    getQr: () => ({ qr: actor.currentQr }),

    requestPairingCode: async ({ phone }) => {
      const digits = phoneDigits(phone);
      if (actor.auth.registered) throw new ActorError('already_paired', 'This session is already linked to a phone');
      await actor.waitForQr(PAIRING_QR_WAIT_MS);
      const sock = actor.socket;
      if (!sock) throw notConnected();
      const code = await sock.requestPairingCode(digits);
      actor.emit({ type: 'pairing-code', code });
      return { code };
    },

    flushOutbox: async ({ messageIds }) => ({
      attempted: await actor.flushOutbox(Array.isArray(messageIds) ? messageIds.filter((id): id is string => typeof id === 'string') : []),
    }),

    markRead: async ({ chatJid, messageIds }) => {
      if (!Array.isArray(messageIds) || messageIds.length > MARK_READ_MAX) throw new ActorError('invalid_request', `messageIds must be a list of at most ${MARK_READ_MAX} ids`);
      const chatId = toRecipientJid(chatJid);
      // The unread count is ours: reset and announced even while WhatsApp is unreachable.
      await actor.chats.markRead(chatId);
      actor.emit({ type: 'chat-update', chatId, unreadCount: 0 });
      const sock = actor.openSocket;
      if (!sock || messageIds.length === 0) return { ok: true, sentReceipts: !!sock };
      const stored = await Message.find({ _id: { $in: messageIds.map((id) => messageObjectId(sessionId, String(id))) }, fromMe: false }, { messageId: 1, chatId: 1, sender: 1 }).lean();
      const keys = stored.map((m) => ({
        remoteJid: m.chatId,
        id: m.messageId,
        fromMe: false,
        ...(m.chatId.endsWith('@g.us') && m.sender ? { participant: m.sender } : {}),
      }));
      if (keys.length) await sock.readMessages(keys);
      await Message.updateMany(
        { _id: { $in: stored.map((m) => m._id) }, status: { $in: statusesBefore('read') } },
        { $set: { status: 'read' } },
      );
      return { ok: true, sentReceipts: true };
    },

    markUnread: async ({ chatJid }) => {
      const chatId = toRecipientJid(chatJid);
      const unreadCount = await actor.chats.markUnread(chatId);
      if (unreadCount !== null) actor.emit({ type: 'chat-update', chatId, unreadCount });
      return { ok: true, unreadCount };
    },

    markHandled: async ({ chatJid }) => {
      const chatId = toRecipientJid(chatJid);
      const handled = await actor.chats.markHandled(chatId, new Date());
      if (handled) actor.emit({ type: 'chat-update', chatId, handledAt: handled.handledAt, ...(handled.lastInboundAt !== null ? { lastInboundAt: handled.lastInboundAt } : {}) });
      return { ok: true, handledAt: handled?.handledAt ?? null };
    },

    setBlocked: async ({ chatJid, blocked }) => {
      if (typeof blocked !== 'boolean') throw new ActorError('invalid_request', 'blocked must be true or false');
      const changed = await actor.blocklist.change(openOrThrow(actor), chatJid, blocked);
      await announceBlocks(changed.map((chatId) => ({ chatId, blocked })), actor.chats, (e) => actor.emit(e));
      return { ok: true, blocked };
    },

    editMessage: ({ chatJid, messageId, text }) => changeOwnMessage(chatJid, messageId, { type: 'edit', text }, changeDeps),
    revokeMessage: ({ chatJid, messageId }) => changeOwnMessage(chatJid, messageId, { type: 'revoke' }, changeDeps),
    changeEvent: ({ chatJid, messageId, change }) => changeOwnEvent(chatJid, messageId, change, changeDeps),

    presence: async ({ state, chatJid }) => {
      const sock = openOrThrow(actor);
      await sock.sendPresenceUpdate(state, chatJid ? toRecipientJid(chatJid) : undefined);
      return { ok: true };
    },

    checkNumber: async ({ phone }) => {
      const digits = phoneDigits(phone);
      const sock = openOrThrow(actor);
      // WhatsApp lists only numbers that have an account; its jid is the chat to write to.
      const [found] = (await sock.onWhatsApp(digits)) ?? [];
      return found?.exists ? { onWhatsApp: true, jid: found.jid } : { onWhatsApp: false, jid: null };
    },

    groupInfo: ({ chatJid }) => groupInfo(openOrThrow(actor), chatJid),
    groupChange: ({ chatJid, change }) => groupChange(openOrThrow(actor), chatJid, change, (jid) => actor.groups.forget(jid)),
    groupInviteCode: ({ chatJid }) => groupInviteCode(openOrThrow(actor), chatJid),
    groupAcceptInvite: (req) => groupAcceptInvite(openOrThrow(actor), req, changeDeps),
    groupJoinRequests: ({ chatJid }) => groupJoinRequests(openOrThrow(actor), chatJid),
    groupCreate: ({ subject, members }) => groupCreate(openOrThrow(actor), subject, members),

    profilePicture: async ({ jid }) => {
      const sock = openOrThrow(actor);
      const dispatcher = actor.tlsDispatcher;
      return profilePicture(toRecipientJid(jid), { sessionId, sock, ...(dispatcher ? { dispatcher } : {}) });
    },

    logout: async () => {
      const sock = actor.openSocket;
      if (sock) {
        // Baileys closes with 401 right after; the actor then wipes creds and exits LOGGED_OUT.
        await sock.logout();
      } else {
        await actor.auth.clear();
        host.exit(EXIT_CODES.LOGGED_OUT, 'logged out while disconnected');
      }
      return { ok: true };
    },

    probe: async () => {
      const sock = actor.openSocket;
      // Two pings of 5 s: one lost to a busy host is not deafness. An unanswered pair leaves
      // lastTrafficAt as it was, and the supervisor judges staleness.
      for (let attempt = 0; sock && attempt < 2; attempt++) {
        try {
          await sock.query({ tag: 'iq', attrs: { to: '@s.whatsapp.net', type: 'get', xmlns: 'w:p' }, content: [{ tag: 'ping', attrs: {} }] }, 5000);
          actor.counters.lastTrafficAt = Date.now();
          break;
        } catch {
          if (actor.openSocket !== sock) break;
        }
      }
      return { open: !!actor.openSocket, lastTrafficAt: actor.counters.lastTrafficAt };
    },
  };
}
