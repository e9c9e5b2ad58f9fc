import { Schema, type Types } from 'mongoose';
import { defineModel } from './defineModel.ts';

/** Shortcut rule of canned replies: 1-32 characters of a-z, 0-9, `_` and `-`. */
export const CANNED_SHORTCUT_PATTERN = /^[a-z0-9_-]{1,32}$/;

/**
 * The `sessionId` of the Media documents of canned replies' files: they belong to no session
 * (a session id never holds a colon), so no session's media rules reach them; the canned reply's
 * own routes serve them.
 */
export const CANNED_MEDIA_SESSION = ':canned-replies';

/** Longest canned reply text. */
export const CANNED_TEXT_MAX = 4096;

/**
 * A saved reply an agent inserts with `/shortcut`. `ownerId` null means shared with everyone
 * (made by a supervisor); otherwise it belongs to that user. Shortcuts are unique per owner,
 * the shared scope counting as one owner.
 */
export interface CannedReplyDoc {
  _id: Types.ObjectId;
  ownerId: Types.ObjectId | null;
  shortcut: string;
  /** The reply's body: never logged. */
  text: string;
  /**
   * A file sent with the reply: a Media document of no session (`CANNED_MEDIA_SESSION`), its
   * facts copied here so lists need no lookup.
   */
  file?: { mediaId: Types.ObjectId; fileName: string; mimeType: string; size: number } | null;
  createdBy: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

const cannedReplySchema = new Schema<CannedReplyDoc>(
  {
    ownerId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    shortcut: { type: String, required: true, match: CANNED_SHORTCUT_PATTERN },
    text: { type: String, required: true, maxlength: CANNED_TEXT_MAX },
    file: {
      type: new Schema({ mediaId: { type: Schema.Types.ObjectId, required: true }, fileName: String, mimeType: String, size: Number }, { _id: false }),
      default: null,
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
// One shortcut per owner (null = shared); also the list path: own + shared, by shortcut.
cannedReplySchema.index({ ownerId: 1, shortcut: 1 }, { unique: true });

/** Canned replies collection (`cannedreplies`). */
export const CannedReply = defineModel<CannedReplyDoc>('CannedReply', cannedReplySchema);
