import { Schema, type Types } from 'mongoose';
import { MESSAGE_KINDS, type MessageKind } from '../../domain/messages.ts';
import { defineModel } from './defineModel.ts';

/** Media directions: received from WhatsApp or uploaded to be sent. */
export const MEDIA_DIRECTIONS = ['in', 'out'] as const;
export type MediaDirection = (typeof MEDIA_DIRECTIONS)[number];

/** Metadata of one media file; the bytes live in the GridFS bucket 'media' (see media/gridfs.ts). */
export interface MediaDoc {
  _id: Types.ObjectId;
  sessionId: string;
  chatId?: string | null;
  messageId?: string | null;
  kind: MessageKind;
  mimeType: string;
  size: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  fileName?: string | null;
  gridFsId: Types.ObjectId;
  thumbnailGridFsId?: Types.ObjectId | null;
  direction: MediaDirection;
  uploadedBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const mediaSchema = new Schema<MediaDoc>(
  {
    sessionId: { type: String, required: true },
    chatId: { type: String, default: null },
    messageId: { type: String, default: null },
    kind: { type: String, enum: MESSAGE_KINDS, required: true },
    mimeType: { type: String, required: true },
    size: { type: Number, required: true, min: 0 },
    sha256: { type: String, required: true },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    durationMs: { type: Number, default: null },
    fileName: { type: String, default: null },
    gridFsId: { type: Schema.Types.ObjectId, required: true },
    thumbnailGridFsId: { type: Schema.Types.ObjectId, default: null },
    direction: { type: String, enum: MEDIA_DIRECTIONS, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true, collection: 'media' },
);
mediaSchema.index({ sessionId: 1, createdAt: -1 });
mediaSchema.index({ sha256: 1 });
// Forwarded copies share their original's bytes: deleting one asks whether another still uses them.
mediaSchema.index({ gridFsId: 1 });
mediaSchema.index({ sessionId: 1, messageId: 1 });

/** Media metadata collection (`media`). */
export const Media = defineModel<MediaDoc>('Media', mediaSchema);
