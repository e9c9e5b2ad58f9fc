import { Assignment, User, type AssignmentDoc } from '@switchboard/shared/node';
import { Types, type QueryFilter } from 'mongoose';
import type { AuthContext } from '../../auth/authContext.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentAssignment } from '../../presenters/assignments.ts';
import { listOf, listResponse, paging, sessionParams } from '../common.ts';
import { recipientJid } from '@switchboard/shared';
import { loadSession } from '../sessions/sessionAccess.ts';
import { assignmentsChanged, notifyUserChanged } from '../../realtimeNotify.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { assignmentParams, assignmentSchema, createAssignmentBody, listAssignmentsQuery, updateAssignmentBody } from './schema.ts';

const tag = 'Assignments';

/** Loads an assignment of a session the caller may read, or throws 404. */
async function loadAssignment(auth: AuthContext, sessionId: string, id: string): Promise<AssignmentDoc> {
  await loadSession(auth, sessionId, 'read');
  const doc = await Assignment.findOne({ _id: new Types.ObjectId(id), sessionId }).lean();
  if (!doc) throw notFound('assignment');
  return doc;
}

/** The assignee must be an active user. */
async function assertAssignee(userId: string): Promise<void> {
  if (!(await User.exists({ _id: new Types.ObjectId(userId), active: true }))) throw badRequest('unknown_user', 'The user does not exist or is inactive');
}

/** Instance check on an assignment. */
function assertCan(auth: AuthContext, action: 'update' | 'delete', a: Pick<AssignmentDoc, 'sessionId' | 'chatId'> & { userId: { toString(): string } }): void {
  authorize(auth, action, subjects.assignment({ sessionId: a.sessionId, chatId: a.chatId, userId: a.userId.toString() }));
}

/** Chat assignments: one or more users per chat, managed by supervisors, audited. */
export const assignmentRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/assignments', tag, summary: 'Assign a chat to a user', auth: 'user', permission: ['create', 'Assignment'],
    record: 'Assignment', params: sessionParams, body: createAssignmentBody, audit: 'assignment.create',
    response: { status: 201, description: 'The assignment', schema: assignmentSchema },
    async handler({ deps, auth, params, body, audit }) {
      await loadSession(auth!, params.sessionId, 'read');
      const chatId = recipientJid(body.chatId);
      authorize(auth, 'create', subjects.assignment({ sessionId: params.sessionId, chatId, userId: body.userId }));
      // An assignment hands the chat to someone: nobody hands out a chat they may not read.
      authorize(auth, 'read', subjects.chat(params.sessionId, chatId));
      await assertAssignee(body.userId);
      const key = { sessionId: params.sessionId, chatId, userId: new Types.ObjectId(body.userId) };
      if (await Assignment.exists(key)) throw conflict('already_assigned', 'The chat is already assigned to this user');
      const doc = await Assignment.create({ ...key, assignedBy: auth!.user._id, note: body.note ?? null });
      assignmentsChanged(deps, params.sessionId, chatId, body.userId);
      audit.targetType = 'Assignment';
      audit.targetId = doc._id.toString();
      audit.details = { sessionId: params.sessionId, chatId, userId: body.userId };
      return presentAssignment(doc.toObject());
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/assignments', tag, summary: 'Assignments of a session (employees see their own)', auth: 'user', permission: ['read', 'Assignment'],
    record: 'Assignment', params: sessionParams, query: listAssignmentsQuery,
    response: { status: 200, description: 'A page of assignments', schema: listOf(assignmentSchema) },
    async handler({ auth, params, query }) {
      await loadSession(auth!, params.sessionId, 'read');
      const filter: QueryFilter<AssignmentDoc> = { $and: [scope(auth!, 'read', 'Assignment'), { sessionId: params.sessionId }] };
      if (query.chatId) filter.chatId = recipientJid(query.chatId);
      if (query.userId) filter.userId = new Types.ObjectId(query.userId);
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([Assignment.find(filter).sort({ createdAt: 1 }).skip(skip).limit(limit).lean(), Assignment.countDocuments(filter)]);
      return listResponse(docs.map(presentAssignment), total, query);
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/assignments/:assignmentId', tag, summary: 'Reassign or annotate an assignment', auth: 'user', permission: ['update', 'Assignment'],
    record: 'Assignment', params: assignmentParams, body: updateAssignmentBody, audit: 'assignment.update',
    response: { status: 200, description: 'The assignment', schema: assignmentSchema },
    async handler({ deps, auth, params, body, audit }) {
      const current = await loadAssignment(auth!, params.sessionId, params.assignmentId);
      assertCan(auth!, 'update', current);
      const set: Record<string, unknown> = {};
      if (body.userId && body.userId !== current.userId.toString()) {
        // Reassigning is giving the chat to the new user: allowed for them too.
        assertCan(auth!, 'update', { ...current, userId: body.userId });
        await assertAssignee(body.userId);
        if (await Assignment.exists({ sessionId: current.sessionId, chatId: current.chatId, userId: new Types.ObjectId(body.userId) })) {
          throw conflict('already_assigned', 'The chat is already assigned to this user');
        }
        set.userId = new Types.ObjectId(body.userId);
      }
      if (body.note !== undefined) set.note = body.note;
      const doc = await Assignment.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' }).lean();
      if (!doc) throw notFound('assignment');
      if (set.userId) assignmentsChanged(deps, doc.sessionId, doc.chatId, current.userId.toString(), doc.userId.toString());
      else notifyUserChanged(deps, current.userId.toString());
      audit.targetType = 'Assignment';
      audit.targetId = params.assignmentId;
      audit.details = { from: current.userId.toString(), to: doc.userId.toString(), chatId: doc.chatId };
      return presentAssignment(doc);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/assignments/:assignmentId', tag, summary: 'Remove an assignment', auth: 'user', permission: ['delete', 'Assignment'],
    record: 'Assignment', params: assignmentParams, audit: 'assignment.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ deps, auth, params, audit }) {
      const current = await loadAssignment(auth!, params.sessionId, params.assignmentId);
      assertCan(auth!, 'delete', current);
      await Assignment.deleteOne({ _id: current._id });
      assignmentsChanged(deps, current.sessionId, current.chatId, current.userId.toString());
      audit.targetType = 'Assignment';
      audit.targetId = params.assignmentId;
      audit.details = { sessionId: current.sessionId, chatId: current.chatId, userId: current.userId.toString() };
      return undefined;
    },
  }),
];
