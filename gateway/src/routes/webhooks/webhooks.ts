/**
 * Webhooks: CRUD, the delivery log, manual redelivery, replay from a seq and ping. Routes
 * change the database and tell the dispatcher (`deps.webhooks`); delivery itself happens
 * there. From: console / integrator → here → next: gateway/src/webhooks/ (dispatcher).
 */
import { Webhook, WebhookCursor, WebhookDelivery, type WebhookDoc } from '@switchboard/shared/node';
import { Types, type QueryFilter } from 'mongoose';
import { notFound } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentWebhook } from '../../presenters/webhooks.ts';
import { generateWebhookSecret } from '../../webhooks/index.ts';
import { sessionsOf, settleSkipped, startCursorsAtLatest } from '../../webhooks/store.ts';
import { listOf, listResponse, okSchema, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { assertSession, assertUrl, control, loadFor, loadReadable } from './access.ts';
import { webhookActionRoutes } from './actions.ts';
import { auditOf } from './auditOf.ts';
import { oneWebhookStats, webhookStats } from './stats.ts';
import { createdWebhookSchema, createWebhookBody, listWebhooksQuery, updateWebhookBody, webhookParams, webhookSchema } from './schema.ts';

const tag = 'Webhooks';
const EMPTY_STATS = { delivered: 0, failed: 0, pending: 0, lastDeliveryAt: null, lastStatus: null };

/** Moves cursors when a webhook's scope changes: sessions leaving it lose theirs, new ones start at their latest event. */
async function rescope(id: Types.ObjectId, from: string | null, to: string | null): Promise<void> {
  const [before, after] = await Promise.all([sessionsOf({ sessionId: from }), sessionsOf({ sessionId: to })]);
  if (to !== null) await WebhookCursor.deleteMany({ webhookId: id, sessionId: { $nin: after } });
  await startCursorsAtLatest(id, after.filter((s) => !before.includes(s)));
}

/** REST routes of webhooks (permission subject `Webhook`, scoped by `sessionId`). */
export const webhookRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/webhooks', tag, summary: 'List webhooks with their delivery figures', auth: 'user', permission: ['read', 'Webhook'],
    record: 'Webhook', query: listWebhooksQuery,
    response: { status: 200, description: 'A page of webhooks (secrets never listed)', schema: listOf(webhookSchema) },
    async handler({ auth, query }) {
      const scoped: QueryFilter<WebhookDoc> = scope(auth!, 'read', 'Webhook');
      const filter: QueryFilter<WebhookDoc> = query.sessionId ? { $and: [scoped, { sessionId: { $in: [query.sessionId, null] } }] } : scoped;
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([Webhook.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(limit).lean(), Webhook.countDocuments(filter)]);
      const stats = await webhookStats(docs.map((d) => d._id));
      return listResponse(docs.map((d) => presentWebhook(d, stats.get(d._id.toString())!)), total, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/webhooks', tag, summary: 'Create a webhook; answers its secret this once', auth: 'user', permission: ['create', 'Webhook'],
    record: 'Webhook', body: createWebhookBody, audit: 'webhook.create',
    response: { status: 201, description: 'The webhook with its `secret`; 400 `webhook_url_forbidden`, `session_not_found`', schema: createdWebhookSchema },
    async handler({ auth, body, deps, audit }) {
      authorize(auth, 'create', subjects.webhook(body.sessionId));
      await assertSession(body.sessionId);
      await assertUrl(deps, body.url);
      const secret = body.secret ?? generateWebhookSecret();
      // Cursors first, at each session's latest event: the dispatcher never sees the webhook without them.
      const _id = new Types.ObjectId();
      await startCursorsAtLatest(_id, await sessionsOf(body));
      const doc = await Webhook.create({ _id, name: body.name, url: body.url, sessionId: body.sessionId, events: body.events, active: body.active, secret, createdBy: auth!.user._id });
      control(deps).changed();
      Object.assign(audit, { targetType: 'Webhook', targetId: _id.toString(), details: auditOf(doc) });
      return { ...presentWebhook(doc.toObject(), EMPTY_STATS), secret };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/webhooks/:id', tag, summary: 'One webhook with its delivery figures', auth: 'user', permission: ['read', 'Webhook'],
    record: 'Webhook', params: webhookParams,
    response: { status: 200, description: 'The webhook', schema: webhookSchema },
    async handler({ auth, params }) {
      const doc = await loadReadable(auth!, params.id);
      return presentWebhook(doc, await oneWebhookStats(doc._id));
    },
  }),
  defineRoute({
    method: 'put', path: '/api/webhooks/:id', tag, summary: 'Change a webhook (name, url, session, events, active)', auth: 'user', permission: ['update', 'Webhook'],
    record: 'Webhook', params: webhookParams, body: updateWebhookBody, audit: 'webhook.update',
    response: { status: 200, description: 'The webhook; 400 `webhook_url_forbidden`, `session_not_found`', schema: webhookSchema },
    async handler({ auth, params, body, deps, audit }) {
      const current = await loadFor(auth!, params.id, 'update');
      const sessionId = body.sessionId === undefined ? current.sessionId : body.sessionId;
      if (sessionId !== current.sessionId) {
        // Moving a webhook to another session (or to all) needs the right to have it there.
        authorize(auth, 'update', subjects.webhook(sessionId));
        await assertSession(sessionId);
      }
      if (body.url !== undefined) await assertUrl(deps, body.url);
      if (sessionId !== current.sessionId) await rescope(current._id, current.sessionId, sessionId);
      const set = { ...body, sessionId };
      const doc = await Webhook.findOneAndUpdate({ _id: current._id }, { $set: set }, { returnDocument: 'after' }).lean();
      if (!doc) throw notFound('webhook');
      // Pending deliveries of sessions or events the webhook no longer covers are never sent: settle them.
      if (body.events !== undefined || sessionId !== current.sessionId) await settleSkipped(doc);
      control(deps).changed();
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: auditOf(doc) });
      return presentWebhook(doc, await oneWebhookStats(doc._id));
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/webhooks/:id', tag, summary: 'Delete a webhook, its cursors and its delivery log', auth: 'user', permission: ['delete', 'Webhook'],
    record: 'Webhook', params: webhookParams, audit: 'webhook.delete',
    response: { status: 200, description: 'Deleted', schema: okSchema },
    async handler({ auth, params, deps, audit }) {
      const current = await loadFor(auth!, params.id, 'delete');
      await Webhook.deleteOne({ _id: current._id });
      await Promise.all([WebhookCursor.deleteMany({ webhookId: current._id }), WebhookDelivery.deleteMany({ webhookId: current._id })]);
      control(deps).changed();
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: auditOf(current) });
      return { ok: true as const };
    },
  }),
  ...webhookActionRoutes,
];
