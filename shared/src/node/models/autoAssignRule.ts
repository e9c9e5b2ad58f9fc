import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * A session's automatic distribution of new conversations ("Reparto automático"): while
 * enabled, a chat that receives a customer's message and has nobody assigned goes to one of
 * `userIds` (the gateway's autoAssign.ts picks who).
 */
export interface AutoAssignRuleDoc {
  _id: Types.ObjectId;
  sessionId: string;
  enabled: boolean;
  /** The people who take turns, in the order the supervisor listed them. */
  userIds: Types.ObjectId[];
  /** Only to those with the console open (a chat waits unassigned while none of them is). */
  onlineOnly: boolean;
  updatedBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const autoAssignRuleSchema = new Schema<AutoAssignRuleDoc>(
  {
    sessionId: { type: String, required: true },
    enabled: { type: Boolean, default: false },
    userIds: { type: [{ type: Schema.Types.ObjectId, ref: 'User' }], default: [] },
    onlineOnly: { type: Boolean, default: true },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
autoAssignRuleSchema.index({ sessionId: 1 }, { unique: true });

/** Auto-assignment rules, one per session (`autoassignrules`). */
export const AutoAssignRule = defineModel<AutoAssignRuleDoc>('AutoAssignRule', autoAssignRuleSchema);
