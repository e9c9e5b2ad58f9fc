import { LABELS_MAX, labelKey, recipientJid } from '@switchboard/shared';
import { Chat, Label, type LabelDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { badRequest, conflict, notFound } from '../../errors.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { presentLabel } from '../../presenters/labels.ts';
import { listOf, listResponse } from '../common.ts';
import { chatParams } from '../messages/chatActionSchema.ts';
import { loadChat } from '../messages/loadChat.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { chatLabelsSchema, createLabelBody, labelParams, labelSchema, setChatLabelsBody, updateLabelBody } from './schema.ts';

const tag = 'Labels';
const taken = () => conflict('label_taken', 'A label with this name already exists');
const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** Loads a label, or 404. */
async function loadLabel(id: string): Promise<LabelDoc> {
  const doc = await Label.findById(id).lean();
  if (!doc) throw notFound('label');
  return doc;
}

/**
 * The team's labels ("Urgente", "Pago pendiente") and the labels of each chat. Whoever may read
 * labels sees the list; supervisors define them; `assign Label` puts them on the chats the
 * caller may read (employees: their own chats).
 * from: the inbox (label picker, list filter) → here → next: Socket.IO `chat-labels` to the
 * sockets that may read the chat (attachRealtime.emitToChat), `labels-changed` to those that
 * may read labels.
 */
export const labelRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/labels', tag, summary: "The team's labels, by name", auth: 'user', permission: ['read', 'Label'],
    record: 'Label',
    response: { status: 200, description: `Every label (at most ${LABELS_MAX})`, schema: listOf(labelSchema) },
    async handler({ auth }) {
      authorize(auth, 'read', subjects.label());
      const docs = await Label.find({}, { name: 1, color: 1 }).sort({ key: 1 }).limit(LABELS_MAX).lean();
      return listResponse(docs.map(presentLabel), docs.length, { page: 1, limit: LABELS_MAX });
    },
  }),
  defineRoute({
    method: 'post', path: '/api/labels', tag, summary: 'Define a label', auth: 'user', permission: ['create', 'Label'],
    record: 'Label', body: createLabelBody, audit: 'label.create',
    response: { status: 201, description: 'The label; 409 `label_taken`, or `too_many_labels` past the limit', schema: labelSchema },
    async handler({ deps, auth, body, audit }) {
      authorize(auth, 'create', subjects.label());
      if ((await Label.countDocuments({})) >= LABELS_MAX) throw conflict('too_many_labels', `A team may have at most ${LABELS_MAX} labels`);
      try {
        const doc = await Label.create({ name: body.name, key: labelKey(body.name), color: body.color, createdBy: auth!.user._id });
        Object.assign(audit, { targetType: 'Label', targetId: doc._id.toString(), details: { name: body.name, color: body.color } });
        deps.realtime?.labelsChanged();
        return presentLabel(doc);
      } catch (err) {
        if (isDuplicate(err)) throw taken();
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'put', path: '/api/labels/:id', tag, summary: 'Rename or recolour a label', auth: 'user', permission: ['update', 'Label'],
    record: 'Label', params: labelParams, body: updateLabelBody, audit: 'label.update',
    response: { status: 200, description: 'The label; 409 `label_taken`', schema: labelSchema },
    async handler({ deps, auth, params, body, audit }) {
      authorize(auth, 'update', subjects.label());
      const current = await loadLabel(params.id);
      const set: Partial<LabelDoc> = {};
      if (body.color) set.color = body.color;
      if (body.name !== undefined) {
        // FerretDB may not report a unique-index violation on an update: check the name first.
        const key = labelKey(body.name);
        if (key !== current.key && (await Label.exists({ key, _id: { $ne: current._id } }))) throw taken();
        Object.assign(set, { name: body.name, key });
      }
      const doc = await Label.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' })
        .lean()
        .catch((err: unknown) => {
          throw isDuplicate(err) ? taken() : err;
        });
      if (!doc) throw notFound('label');
      Object.assign(audit, { targetType: 'Label', targetId: params.id, details: { name: doc.name, color: doc.color } });
      deps.realtime?.labelsChanged();
      return presentLabel(doc);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/labels/:id', tag, summary: 'Delete a label (it comes off every chat)', auth: 'user', permission: ['delete', 'Label'],
    record: 'Label', params: labelParams, audit: 'label.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ deps, auth, params, audit }) {
      authorize(auth, 'delete', subjects.label());
      const current = await loadLabel(params.id);
      await Label.deleteOne({ _id: current._id });
      await Chat.updateMany({ labels: current._id }, { $pull: { labels: current._id } });
      Object.assign(audit, { targetType: 'Label', targetId: params.id, details: { name: current.name } });
      deps.realtime?.labelsChanged();
      return undefined;
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/chats/:chatId/labels', tag, summary: "Set a chat's labels (the whole set)", auth: 'user', permission: ['assign', 'Label'],
    record: 'Label', params: chatParams, body: setChatLabelsBody, audit: 'chat.labels',
    response: { status: 200, description: "The chat's labels; 400 `unknown_label` for an id that is not a label", schema: chatLabelsSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      const chatId = recipientJid(params.chatId);
      authorize(auth, 'read', subjects.chat(sessionId, chatId));
      authorize(auth, 'assign', subjects.label());
      const chat = await loadChat(sessionId, chatId);
      const ids = body.labelIds.map((id) => new Types.ObjectId(id));
      if (ids.length && (await Label.countDocuments({ _id: { $in: ids } })) !== ids.length) throw badRequest('unknown_label', 'One of the labels does not exist (it may have been deleted)');
      await Chat.updateOne({ _id: chat._id }, { $set: { labels: ids } });
      const view = { sessionId, chatId, labels: body.labelIds };
      deps.realtime?.emitToChat(sessionId, chatId, 'chat-labels', view);
      Object.assign(audit, { targetType: 'Chat', targetId: chatId, details: { sessionId, labelIds: body.labelIds } });
      return view;
    },
  }),
];
