import { Assignment, User } from '@switchboard/shared/node';
import type { GatewayDeps } from './deps.ts';

/** Tells the realtime layer a user's access changed; failures are logged, never thrown. */
export function notifyUserChanged(deps: Pick<GatewayDeps, 'realtime' | 'logger'>, userId: string): void {
  if (!deps.realtime) return;
  deps.realtime.refreshUser(userId).catch((err: unknown) => deps.logger.warn({ err, userId }, 'realtime refresh failed'));
}

/**
 * Tells the consoles that read every chat and assignment of the session who has the chat now
 * (`chat-assignees`), after any change of its assignments; failures are logged, never thrown.
 */
function announceAssignees(deps: Pick<GatewayDeps, 'realtime' | 'logger'>, sessionId: string, chatId: string): void {
  const realtime = deps.realtime;
  if (!realtime) return;
  (async () => {
    const docs = await Assignment.find({ sessionId, chatId }, { userId: 1 }).sort({ createdAt: 1 }).lean();
    const names = new Map((await User.find({ _id: { $in: docs.map((a) => a.userId) } }, { name: 1 }).lean()).map((u) => [u._id.toString(), u.name]));
    realtime.assigneesChanged({ sessionId, chatId, assignees: docs.map((a) => ({ userId: a.userId.toString(), name: names.get(a.userId.toString()) ?? '' })) });
  })().catch((err: unknown) => deps.logger.warn({ err, sessionId }, 'assignees announcement failed'));
}

/**
 * A chat's assignments changed for these users: their sockets move to the rooms they may see now,
 * and the consoles hear who has the chat (`announceAssignees`).
 */
export function assignmentsChanged(deps: Pick<GatewayDeps, 'realtime' | 'logger'>, sessionId: string, chatId: string, ...userIds: string[]): void {
  for (const userId of userIds) notifyUserChanged(deps, userId);
  announceAssignees(deps, sessionId, chatId);
}
