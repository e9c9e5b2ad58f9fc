/**
 * A file sent with a canned reply (a price list, a catalogue photo): stored once, as a Media
 * document of no session (CANNED_MEDIA_SESSION), streamed in with the upload rules of every
 * file (sniffed type, allow-list, size limit; never held in memory). Whoever may read the reply
 * may download it; the inbox attaches it to the reply box when the reply is picked, so it then
 * goes through the outbox like any file.
 * from: the canned replies dialog → here; the composer's `/` pick → GET …/file.
 */
import { CANNED_MEDIA_SESSION, CannedReply, Media, dropMediaById, type CannedReplyDoc } from '@switchboard/shared/node';
import { notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentCannedReply } from '../../presenters/cannedReplies.ts';
import { storeUpload } from '../media/mediaStore.ts';
import { assertMultipart } from '../media/multipart.ts';
import { uploadsOff } from '../media/multipartSend.ts';
import { sendMedia } from '../media/sendMedia.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadReadable, ownerOf } from './cannedAccess.ts';
import { cannedReplyParams, cannedReplySchema } from './schema.ts';

const tag = 'Canned replies';

/** Puts `file` on the reply (null removes it), drops the file it replaces; 404 when the reply went meanwhile. */
async function setFile(reply: CannedReplyDoc, file: CannedReplyDoc['file']): Promise<CannedReplyDoc> {
  const before = await CannedReply.findOneAndUpdate({ _id: reply._id }, { $set: { file } }, { returnDocument: 'before' }).lean();
  if (!before) {
    if (file) await dropMediaById(file.mediaId);
    throw notFound('canned reply');
  }
  if (before.file && String(before.file.mediaId) !== String(file?.mediaId)) await dropMediaById(before.file.mediaId);
  return { ...before, file: file ?? null, updatedAt: new Date() };
}

/** PUT / GET / DELETE /api/canned-replies/:id/file */
export const cannedFileRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/canned-replies/:id/file', tag, summary: 'Attach a file to a canned reply (multipart/form-data, field `file`); replaces the one it had', auth: 'user', permission: ['update', 'CannedReply'],
    record: 'CannedReply', rateLimit: 'upload', params: cannedReplyParams, audit: 'canned_reply.attach', upload: { fields: {} },
    response: { status: 200, description: 'The canned reply with its file; 413 `media_too_large`, 415 `media_type_not_allowed` / `multipart_required`', schema: cannedReplySchema },
    async handler({ deps, auth, params, koa, audit }) {
      const reply = await loadReadable(auth!, params.id);
      authorize(auth, 'update', subjects.cannedReply(ownerOf(reply)));
      if (!deps.upload) throw uploadsOff();
      assertMultipart(koa);
      const media = await storeUpload(koa, { sessionId: CANNED_MEDIA_SESSION, userId: auth!.user.id }, deps.upload);
      const file = { mediaId: media._id, fileName: media.fileName ?? 'archivo', mimeType: media.mimeType, size: media.size };
      const saved = await setFile(reply, file);
      Object.assign(audit, { targetType: 'CannedReply', targetId: params.id, details: { shortcut: reply.shortcut, mimeType: file.mimeType, size: file.size } });
      return presentCannedReply(saved);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/canned-replies/:id/file', tag, summary: "The file of a canned reply, as an attachment with its name", auth: 'user', permission: ['read', 'CannedReply'],
    record: 'CannedReply', params: cannedReplyParams,
    response: { status: 200, description: 'The file; 404 when the reply has none', binary: { range: true } },
    async handler({ auth, params, koa }) {
      const reply = await loadReadable(auth!, params.id);
      const media = reply.file ? await Media.findById(reply.file.mediaId).lean() : null;
      if (!reply.file || !media) throw notFound('file');
      await sendMedia(koa, { gridFsId: media.gridFsId, mimeType: media.mimeType, sha256: media.sha256, download: reply.file.fileName });
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/canned-replies/:id/file', tag, summary: 'Remove the file of a canned reply', auth: 'user', permission: ['update', 'CannedReply'],
    record: 'CannedReply', params: cannedReplyParams, audit: 'canned_reply.detach',
    response: { status: 200, description: 'The canned reply without a file', schema: cannedReplySchema },
    async handler({ auth, params, audit }) {
      const reply = await loadReadable(auth!, params.id);
      authorize(auth, 'update', subjects.cannedReply(ownerOf(reply)));
      const saved = reply.file ? await setFile(reply, null) : reply;
      Object.assign(audit, { targetType: 'CannedReply', targetId: params.id, details: { shortcut: reply.shortcut } });
      return presentCannedReply(saved);
    },
  }),
];
