import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** One mutating action done by a user (or by the system when userId is null). */
export interface AuditLogDoc {
  _id: Types.ObjectId;
  userId?: Types.ObjectId | null;
  /** Dotted verb, e.g. 'user.create', 'session.delete', 'auth.login'. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** Free-form details; never put secrets or message bodies here. */
  details?: Record<string, unknown> | null;
  ip?: string | null;
  userAgent?: string | null;
  at: Date;
}

const auditLogSchema = new Schema<AuditLogDoc>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    action: { type: String, required: true },
    targetType: { type: String, default: null },
    targetId: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: null },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'auditlogs' },
);
auditLogSchema.index({ at: -1 });
auditLogSchema.index({ userId: 1, at: -1 });
auditLogSchema.index({ action: 1, at: -1 });
auditLogSchema.index({ targetType: 1, targetId: 1, at: -1 });

/** Audit log collection (`auditlogs`). */
export const AuditLog = defineModel<AuditLogDoc>('AuditLog', auditLogSchema);
