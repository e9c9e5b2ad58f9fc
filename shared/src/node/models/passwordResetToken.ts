import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * A password reset token. Only the SHA-256 of the token is stored. No TTL index (FerretDB has
 * none): check `expiresAt` and `usedAt` in code; the scheduler deletes expired ones.
 */
export interface PasswordResetTokenDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  tokenHash: string;
  expiresAt: Date;
  usedAt?: Date | null;
  createdAt: Date;
}

const passwordResetTokenSchema = new Schema<PasswordResetTokenDoc>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
passwordResetTokenSchema.index({ tokenHash: 1 }, { unique: true });
passwordResetTokenSchema.index({ userId: 1 });
passwordResetTokenSchema.index({ expiresAt: 1 });

/** Password reset tokens collection (`passwordresettokens`). */
export const PasswordResetToken = defineModel<PasswordResetTokenDoc>('PasswordResetToken', passwordResetTokenSchema);
