import { CannedReply, dropMediaById, type CannedReplyDoc } from '@switchboard/shared/node';
import { Types, type QueryFilter } from 'mongoose';
import { conflict, notFound } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentCannedReply } from '../../presenters/cannedReplies.ts';
import { listOf, listResponse, pageQuery, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadReadable, ownerOf } from './cannedAccess.ts';
import { cannedReplyParams, cannedReplySchema, createCannedReplyBody, updateCannedReplyBody } from './schema.ts';

const tag = 'Canned replies';
const taken = () => conflict('shortcut_taken', 'This shortcut is already used');
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * FerretDB may not report a unique-index violation on an update (DEVELOPERS.md), so a rename
 * or an ownership change checks the (ownerId, shortcut) pair first; inserts rely on E11000.
 */
async function assertFree(ownerId: string | null, shortcut: string, except: Types.ObjectId): Promise<void> {
  const owner = ownerId ? new Types.ObjectId(ownerId) : null;
  if (await CannedReply.exists({ ownerId: owner, shortcut, _id: { $ne: except } })) throw taken();
}

/** Saved replies: everyone's own plus the shared ones; shared ones are made by supervisors. */
export const cannedReplyRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/canned-replies', tag, summary: "The caller's own canned replies and the shared ones, by shortcut", auth: 'user', permission: ['read', 'CannedReply'],
    record: 'CannedReply', query: pageQuery,
    response: { status: 200, description: 'A page of canned replies', schema: listOf(cannedReplySchema) },
    async handler({ auth, query }) {
      const filter: QueryFilter<CannedReplyDoc> = {
        $and: [scope(auth!, 'read', 'CannedReply'), { ownerId: { $in: [auth!.user._id, null] } }],
      };
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([
        CannedReply.find(filter).sort({ shortcut: 1, ownerId: 1 }).skip(skip).limit(limit).lean(),
        CannedReply.countDocuments(filter),
      ]);
      return listResponse(docs.map(presentCannedReply), total, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/canned-replies', tag, summary: 'Save a canned reply (own, or shared with `shared: true`)', auth: 'user', permission: ['create', 'CannedReply'],
    record: 'CannedReply', body: createCannedReplyBody, audit: 'canned_reply.create',
    response: { status: 201, description: 'The canned reply; 409 `shortcut_taken`', schema: cannedReplySchema },
    async handler({ auth, body, audit }) {
      const ownerId = body.shared ? null : auth!.user.id;
      authorize(auth, 'create', subjects.cannedReply(ownerId));
      try {
        const doc = await CannedReply.create({ ownerId, shortcut: body.shortcut, text: body.text, createdBy: auth!.user._id });
        Object.assign(audit, { targetType: 'CannedReply', targetId: doc._id.toString(), details: { shortcut: body.shortcut, shared: body.shared } });
        return presentCannedReply(doc.toObject());
      } catch (err) {
        if (isDuplicate(err)) throw taken();
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'put', path: '/api/canned-replies/:id', tag, summary: 'Change a canned reply (shortcut, text, shared)', auth: 'user', permission: ['update', 'CannedReply'],
    record: 'CannedReply', params: cannedReplyParams, body: updateCannedReplyBody, audit: 'canned_reply.update',
    response: { status: 200, description: 'The canned reply; 409 `shortcut_taken`', schema: cannedReplySchema },
    async handler({ auth, params, body, audit }) {
      const current = await loadReadable(auth!, params.id);
      authorize(auth, 'update', subjects.cannedReply(ownerOf(current)));
      const ownerId = body.shared === undefined ? ownerOf(current) : body.shared ? null : (ownerOf(current) ?? auth!.user.id);
      // Moving a reply into (or out of) the shared scope needs the right to have it there.
      if (ownerId !== ownerOf(current)) authorize(auth, 'create', subjects.cannedReply(ownerId));
      const shortcut = body.shortcut ?? current.shortcut;
      if (shortcut !== current.shortcut || ownerId !== ownerOf(current)) await assertFree(ownerId, shortcut, current._id);
      const set = { shortcut, ownerId: ownerId ? new Types.ObjectId(ownerId) : null, ...(body.text !== undefined ? { text: body.text } : {}) };
      const doc = await CannedReply.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' })
        .lean()
        .catch((err: unknown) => {
          throw isDuplicate(err) ? taken() : err;
        });
      if (!doc) throw notFound('canned reply');
      Object.assign(audit, { targetType: 'CannedReply', targetId: params.id, details: { shortcut, shared: ownerId === null } });
      return presentCannedReply(doc);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/canned-replies/:id', tag, summary: 'Delete a canned reply', auth: 'user', permission: ['delete', 'CannedReply'],
    record: 'CannedReply', params: cannedReplyParams, audit: 'canned_reply.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ auth, params, audit }) {
      const current = await loadReadable(auth!, params.id);
      authorize(auth, 'delete', subjects.cannedReply(ownerOf(current)));
      await CannedReply.deleteOne({ _id: current._id });
      if (current.file) await dropMediaById(current.file.mediaId);
      Object.assign(audit, { targetType: 'CannedReply', targetId: params.id, details: { shortcut: current.shortcut, shared: current.ownerId === null } });
      return undefined;
    },
  }),
];
