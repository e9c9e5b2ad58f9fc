import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** Gives one user (usually an employee) access to one chat of a session. */
export interface AssignmentDoc {
  _id: Types.ObjectId;
  sessionId: string;
  /** Chat JID. */
  chatId: string;
  userId: Types.ObjectId;
  assignedBy?: Types.ObjectId | null;
  note?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const assignmentSchema = new Schema<AssignmentDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    assignedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    note: { type: String, default: null, maxlength: 2000 },
  },
  { timestamps: true },
);
assignmentSchema.index({ sessionId: 1, chatId: 1, userId: 1 }, { unique: true });
assignmentSchema.index({ userId: 1, sessionId: 1 });

/** Assignments collection (`assignments`). */
export const Assignment = defineModel<AssignmentDoc>('Assignment', assignmentSchema);
