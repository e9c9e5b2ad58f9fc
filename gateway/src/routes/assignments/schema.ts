import { z } from '../../openapi/zod.ts';
import { objectId, pageQuery, sessionIdSchema } from '../common.ts';

/** An assignment as returned by the API. */
export const assignmentSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    chatId: z.string(),
    userId: z.string(),
    assignedBy: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Assignment');

/** `:sessionId/assignments/:assignmentId` */
export const assignmentParams = z.object({ sessionId: sessionIdSchema, assignmentId: objectId });

/** POST /api/sessions/:sessionId/assignments */
export const createAssignmentBody = z
  .object({
    chatId: z.string().trim().min(5).max(100).openapi({ description: 'Chat JID or phone number' }),
    userId: objectId,
    note: z.string().max(2000).optional(),
  })
  .openapi('CreateAssignmentRequest');

/** PUT /api/sessions/:sessionId/assignments/:assignmentId */
export const updateAssignmentBody = z
  .object({ userId: objectId.optional(), note: z.string().max(2000).nullable().optional() })
  .openapi('UpdateAssignmentRequest');

/** GET /api/sessions/:sessionId/assignments */
export const listAssignmentsQuery = pageQuery.extend({ chatId: z.string().trim().min(5).max(100).optional(), userId: objectId.optional() });
