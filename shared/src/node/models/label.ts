import { Schema, type Types } from 'mongoose';
import { LABEL_COLORS, LABEL_NAME_MAX, type LabelColor } from '../../domain/labels.ts';
import { defineModel } from './defineModel.ts';

/**
 * A label the team puts on chats ("Urgente", "Pago pendiente"): one list for every session.
 * Chats hold the ids of theirs (`ChatDoc.labels`); deleting a label takes it off every chat.
 */
export interface LabelDoc {
  _id: Types.ObjectId;
  name: string;
  /** `labelKey(name)`: unique, so "Urgente" and "urgente" are one label. */
  key: string;
  color: LabelColor;
  createdBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const labelSchema = new Schema<LabelDoc>(
  {
    name: { type: String, required: true, maxlength: LABEL_NAME_MAX },
    key: { type: String, required: true },
    color: { type: String, enum: LABEL_COLORS, required: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
labelSchema.index({ key: 1 }, { unique: true });

/** Labels collection (`labels`). */
export const Label = defineModel<LabelDoc>('Label', labelSchema);
