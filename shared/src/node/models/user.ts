import { Schema, type Types } from 'mongoose';
import { USER_LOCALES, type UserLocale } from '../../domain/permissions.ts';
import { defineModel } from './defineModel.ts';

/** A person who signs in to Switchboard (admin, supervisor, employee or a custom role). */
export interface UserDoc {
  _id: Types.ObjectId;
  name: string;
  /** Unique, stored lowercase and trimmed. */
  email: string;
  /** argon2id hash. `select: false`: load it with `.select('+passwordHash')`. */
  passwordHash: string;
  role: Types.ObjectId;
  locale: UserLocale;
  active: boolean;
  /** Embedded in JWTs; incrementing it (logout, password change) revokes every token. */
  tokenVersion: number;
  mustChangePassword: boolean;
  lastLoginAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, lowercase: true, trim: true, maxlength: 320 },
    passwordHash: { type: String, required: true, select: false },
    role: { type: Schema.Types.ObjectId, ref: 'Role', required: true },
    locale: { type: String, enum: USER_LOCALES, default: 'es' },
    active: { type: Boolean, default: true },
    tokenVersion: { type: Number, default: 0 },
    mustChangePassword: { type: Boolean, default: false },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ role: 1 });

/** Users collection (`users`). */
export const User = defineModel<UserDoc>('User', userSchema);
