import { CannedReply, type CannedReplyDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import { notFound } from '../../errors.ts';
import { allowed, subjects } from '../../policies/subjects.ts';

/** The owner of a canned reply as the policies name it (null: shared). */
export const ownerOf = (doc: Pick<CannedReplyDoc, 'ownerId'>): string | null => (doc.ownerId ? doc.ownerId.toString() : null);

/** Loads a reply the caller may read; one they may not read answers 404, as if it did not exist. */
export async function loadReadable(auth: AuthContext, id: string): Promise<CannedReplyDoc> {
  const doc = await CannedReply.findById(id).lean();
  if (!doc || !allowed(auth, 'read', subjects.cannedReply(ownerOf(doc)))) throw notFound('canned reply');
  return doc;
}
