import { Schema, type Types } from 'mongoose';
import { PERMISSION_ACTIONS, PERMISSION_SUBJECTS, type Permission } from '../../domain/permissions.ts';
import { defineModel } from './defineModel.ts';

/** A named set of CASL-style permissions; built-in roles come from the seed. */
export interface RoleDoc {
  _id: Types.ObjectId;
  /** Unique; built-in roles are 'admin', 'supervisor' and 'employee'. */
  name: string;
  builtIn: boolean;
  description: string;
  permissions: Permission[];
  createdAt: Date;
  updatedAt: Date;
}

/** One stored permission (a subdocument of Role, and of ApiKey: keys hold the same rules). */
export const permissionSchema = new Schema<Permission>(
  {
    action: { type: String, enum: PERMISSION_ACTIONS, required: true },
    subject: { type: String, enum: PERMISSION_SUBJECTS, required: true },
    conditions: { type: Schema.Types.Mixed },
    fields: { type: [String], default: undefined },
    inverted: { type: Boolean },
  },
  { _id: false },
);

const roleSchema = new Schema<RoleDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: 100 },
    builtIn: { type: Boolean, default: false },
    description: { type: String, default: '', maxlength: 1000 },
    permissions: { type: [permissionSchema], default: [] },
  },
  { timestamps: true },
);
roleSchema.index({ name: 1 }, { unique: true });

/** Roles collection (`roles`). */
export const Role = defineModel<RoleDoc>('Role', roleSchema);
