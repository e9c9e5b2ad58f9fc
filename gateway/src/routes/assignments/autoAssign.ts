import type { AutoAssignView } from '@switchboard/shared';
import { AutoAssignRule, User } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { badRequest } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { objectId, sessionParams } from '../common.ts';
import { loadSession } from '../sessions/sessionAccess.ts';
import { defineRoute, type RouteDef } from '../types.ts';

const tag = 'Assignments';

/** People in one session's rotation, at most. */
const MAX_PEOPLE = 100;

const autoAssignSchema = z
  .object({
    sessionId: z.string(),
    enabled: z.boolean(),
    userIds: z.array(z.string()).openapi({ description: 'The people who take turns, in order' }),
    onlineOnly: z.boolean().openapi({ description: 'Only to those of them with the console open (new chats wait unassigned while none is)' }),
  })
  .openapi('AutoAssign');

const autoAssignBody = z
  .object({
    enabled: z.boolean(),
    userIds: z.array(objectId).max(MAX_PEOPLE).openapi({ description: 'Active users who take turns (the order breaks ties)' }),
    onlineOnly: z.boolean().default(true).openapi({ description: 'Only to those with the console open (default)' }),
  })
  .strict()
  .openapi('AutoAssignRequest');

/** The caller may read the session and assign its chats (to themselves at least); else 404 / 403. */
async function mayDistribute(auth: AuthContext, sessionId: string): Promise<void> {
  await loadSession(auth, sessionId, 'read');
  authorize(auth, 'create', subjects.assignment({ sessionId, chatId: '', userId: auth.user._id.toString() }));
}

/** The stored rule as the API shows it (disabled and empty when there is none). */
async function ruleView(sessionId: string): Promise<AutoAssignView> {
  const doc = await AutoAssignRule.findOne({ sessionId }).lean();
  return { sessionId, enabled: !!doc?.enabled, userIds: (doc?.userIds ?? []).map(String), onlineOnly: doc?.onlineOnly ?? true };
}

/**
 * A session's automatic distribution of new conversations ("Reparto automático"): who takes
 * turns, and whether it is on. Managed like assignments (`create Assignment` for each person on
 * the session); the gateway's autoAssign.ts applies it.
 */
export const autoAssignRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/auto-assign', tag, summary: "A session's automatic distribution of new conversations", auth: 'user', permission: ['create', 'Assignment'],
    record: 'Assignment', params: sessionParams,
    response: { status: 200, description: 'The rule (disabled, nobody, when none was set)', schema: autoAssignSchema },
    async handler({ auth, params }) {
      await mayDistribute(auth!, params.sessionId);
      return ruleView(params.sessionId);
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/auto-assign', tag, summary: 'Turn the automatic distribution of new conversations on or off, and say who takes turns', auth: 'user', permission: ['create', 'Assignment'],
    record: 'Assignment', params: sessionParams, body: autoAssignBody, audit: 'assignment.auto_rule',
    response: { status: 200, description: 'The rule (400 `unknown_user` for an inactive or unknown person, `no_people` to enable it for nobody)', schema: autoAssignSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      await mayDistribute(auth!, sessionId);
      const userIds = [...new Set(body.userIds)];
      // Handing chats to these people is assigning them: allowed for each of them.
      for (const userId of userIds) authorize(auth, 'create', subjects.assignment({ sessionId, chatId: '', userId }));
      if (body.enabled && userIds.length === 0) throw badRequest('no_people', 'Choose at least one person to distribute new conversations to');
      const found = await User.countDocuments({ _id: { $in: userIds.map((id) => new Types.ObjectId(id)) }, active: true });
      if (found !== userIds.length) throw badRequest('unknown_user', 'A chosen user does not exist or is inactive');
      await AutoAssignRule.updateOne(
        { sessionId },
        { $set: { enabled: body.enabled, userIds: userIds.map((id) => new Types.ObjectId(id)), onlineOnly: body.onlineOnly, updatedBy: auth!.user._id } },
        { upsert: true },
      );
      deps.autoAssign?.ruleChanged(sessionId);
      Object.assign(audit, { targetType: 'Session', targetId: sessionId, details: { enabled: body.enabled, userIds, onlineOnly: body.onlineOnly } });
      return ruleView(sessionId);
    },
  }),
];
