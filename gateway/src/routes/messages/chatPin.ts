import { MAX_PINNED_CHATS, recipientJid, type ChatPinChange } from '@switchboard/shared';
import type { GatewayDeps } from '../../deps.ts';
import { Chat, ChatPin, type ChatPinDoc } from '@switchboard/shared/node';
import type { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { z } from '../../openapi/zod.ts';
import { conflict } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { chatPairsFilter, pairKey } from '../chatPairs.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatParams } from './chatActionSchema.ts';
import { loadChat } from './loadChat.ts';

export const pinResponse = z
  .object({ sessionId: z.string(), chatId: z.string(), pinnedAt: z.number().int() })
  .openapi('ChatPin');

/**
 * How many pins the caller holds on chats they can still read: pins of chats taken away from
 * them (unassigned) or gone are dropped first, so they never hold a place the caller cannot see
 * to free.
 */
async function livePins(auth: AuthContext, userId: Types.ObjectId): Promise<number> {
  const pins = await ChatPin.find({ userId }, { sessionId: 1, chatId: 1 }).lean();
  const readable = await Chat.find({ $and: [scope(auth, 'read', 'Chat'), { $or: chatPairsFilter(pins) }] }, { sessionId: 1, jid: 1 }).lean();
  const kept = new Set(readable.map((c) => pairKey(c.sessionId, c.jid)));
  const stale = pins.filter((p) => !kept.has(pairKey(p.sessionId, p.chatId)));
  if (stale.length) await ChatPin.deleteMany({ _id: { $in: stale.map((p) => p._id) } });
  return pins.length - stale.length;
}

/** Tells the person's other devices (every socket of theirs); a failure is logged, the pin stands. */
function announce(deps: GatewayDeps, userId: string, change: ChatPinChange): void {
  deps.realtime?.emitToUser(userId, 'chat-pin', change).catch((err: unknown) => deps.logger.warn({ err }, 'pin announcement failed'));
}

/**
 * "Fijar arriba": a person pins a conversation to the top of their own inbox (whoever may read
 * a chat may pin it; nobody else's list changes: only their own sockets hear `chat-pin`). `GET
 * /api/chats?pinned=true` lists the caller's pinned chats; each inbox row says `pinnedAt` for
 * the caller.
 * from: the inbox (thread header) → here.
 */
export const chatPinRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/pin', tag: 'Messages', summary: "Pin a chat to the top of the caller's inbox", auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams, audit: 'chat.pin',
    response: { status: 200, description: `Pinned (again: the first time stays); 409 \`too_many_pins\` beyond ${MAX_PINNED_CHATS}`, schema: pinResponse },
    async handler({ deps, auth, params, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      await loadChat(sessionId, chatId);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId } });
      const userId = auth!.user._id;
      const key = { userId, sessionId, chatId };
      // One request: the pin as it is after the write (the first time stays), and whether it is new.
      const res = (await ChatPin.findOneAndUpdate(key, { $setOnInsert: { pinnedAt: new Date() } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true, lean: true })) as unknown as {
        value: ChatPinDoc;
        lastErrorObject?: { updatedExisting?: boolean };
      };
      // Counted after the insert, so two pins at once cannot both squeeze past the limit.
      if (!res.lastErrorObject?.updatedExisting && (await ChatPin.countDocuments({ userId })) > MAX_PINNED_CHATS && (await livePins(auth!, userId)) > MAX_PINNED_CHATS) {
        await ChatPin.deleteOne(key);
        throw conflict('too_many_pins', `You can pin up to ${MAX_PINNED_CHATS} conversations: unpin one first`);
      }
      const view = { sessionId, chatId, pinnedAt: res.value.pinnedAt.getTime() };
      announce(deps, String(userId), view);
      return view;
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/chats/:chatId/pin', tag: 'Messages', summary: "Unpin a chat from the caller's inbox", auth: 'user', permission: ['read', 'Chat'],
    record: 'Chat', params: chatParams, audit: 'chat.unpin',
    response: { status: 204, description: 'Unpinned (or was not pinned)' },
    async handler({ deps, auth, params, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId } });
      await ChatPin.deleteOne({ userId: auth!.user._id, sessionId, chatId });
      announce(deps, String(auth!.user._id), { sessionId, chatId, pinnedAt: null });
      return undefined;
    },
  }),
];
