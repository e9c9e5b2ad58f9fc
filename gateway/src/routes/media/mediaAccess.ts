import { subject } from '@casl/ability';
import { Media, type MediaDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { AppError, notFound } from '../../errors.ts';
import type { AppAbility } from '../../policies/vocabulary.ts';

/** CASL subject of a Media document (plain fields, string ids). */
export function mediaSubject(doc: Pick<MediaDoc, 'sessionId' | 'chatId' | 'direction'>) {
  return subject('Media', { sessionId: doc.sessionId, chatId: doc.chatId ?? null, direction: doc.direction });
}

/** Parses a media id from the URL: 400 `invalid_media_id` when it is not an ObjectId. */
export function parseMediaId(raw: string): Types.ObjectId {
  if (!/^[0-9a-fA-F]{24}$/.test(raw)) throw new AppError(400, 'invalid_media_id', 'The media id is not valid');
  return new Types.ObjectId(raw);
}

/** True when the caller may read the file: by ability, or because they uploaded it. */
export function canReadMedia(ability: AppAbility, userId: string, doc: MediaDoc): boolean {
  return ability.can('read', mediaSubject(doc)) || doc.uploadedBy?.toString() === userId;
}

/**
 * Loads a Media document the caller may `action`. Media the caller may not read answers 404
 * (as if it did not exist); media it may read but not delete answers 403. Uploaders may read
 * their own uploads (a file sent before its chat was known has no chatId).
 */
export async function loadMediaFor(
  ability: AppAbility,
  userId: string,
  rawId: string,
  action: 'read' | 'delete' = 'read',
): Promise<MediaDoc> {
  const doc = await Media.findById(parseMediaId(rawId)).lean();
  if (!doc || !canReadMedia(ability, userId, doc)) throw notFound('media file');
  if (action !== 'read' && !ability.can(action, mediaSubject(doc))) {
    throw new AppError(403, 'forbidden', 'You are not allowed to do this');
  }
  return doc;
}
