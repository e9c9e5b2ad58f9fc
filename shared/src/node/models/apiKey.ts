import { Schema, type Types } from 'mongoose';
import type { Permission } from '../../domain/permissions.ts';
import { defineModel } from './defineModel.ts';
import { permissionSchema } from './role.ts';

/** Longest API key name. */
export const API_KEY_NAME_MAX = 80;

/**
 * A scoped API key of an integrator (issue 15). The key itself (`sk_` + 43 base64url chars) is
 * shown once at creation and never stored: only its SHA-256 is. A fast hash is right here,
 * unlike for passwords: the key carries 256 random bits, so there is nothing to guess
 * offline and a slow hash would only slow every request down. Keys are never deleted, only
 * revoked, so the audit log's `apiKeyId` always names a record.
 */
export interface ApiKeyDoc {
  _id: Types.ObjectId;
  name: string;
  /** The first 8 characters after `sk_`, to tell keys apart in lists (not secret). */
  prefix: string;
  /** SHA-256 (hex) of the whole key; unique, the lookup of every request. */
  hash: string;
  /** What the key may do (the same rules as a Role); never more than its creator could when made. */
  permissions: Permission[];
  /** The user who made it; the key acts as this user and stops working when they are deactivated or deleted. */
  createdBy: Types.ObjectId;
  expiresAt: Date | null;
  /** Updated at most once a minute per key. */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: API_KEY_NAME_MAX },
    prefix: { type: String, required: true },
    hash: { type: String, required: true },
    permissions: { type: [permissionSchema], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
apiKeySchema.index({ hash: 1 }, { unique: true });
// The list path: newest first.
apiKeySchema.index({ createdAt: -1 });

/** API keys collection (`apikeys`). */
export const ApiKey = defineModel<ApiKeyDoc>('ApiKey', apiKeySchema);
