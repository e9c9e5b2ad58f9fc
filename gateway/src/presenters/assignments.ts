import type { AssignmentDoc, AuditLogDoc } from '@switchboard/shared/node';

/** An assignment as the API returns it. */
export function presentAssignment(a: AssignmentDoc) {
  return {
    id: a._id.toString(),
    sessionId: a.sessionId,
    chatId: a.chatId,
    userId: a.userId.toString(),
    assignedBy: a.assignedBy ? a.assignedBy.toString() : null,
    note: a.note ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** An audit entry as the API returns it, with the acting user's name and email when known. */
export function presentAudit(e: AuditLogDoc, user?: { name: string; email: string } | null) {
  return {
    id: e._id.toString(),
    userId: e.userId ? e.userId.toString() : null,
    userName: user?.name ?? null,
    userEmail: user?.email ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    details: e.details ?? null,
    ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
    at: e.at.toISOString(),
  };
}
