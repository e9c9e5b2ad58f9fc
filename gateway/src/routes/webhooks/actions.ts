/**
 * Webhook actions: rotate the secret, read the delivery log, send a delivery again, replay a
 * session's events from a seq, and ping. Delivery work goes to the dispatcher (`control`).
 */
import { Webhook, WebhookDelivery, type WebhookDeliveryDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import { badRequest, notFound } from '../../errors.ts';
import { presentDelivery } from '../../presenters/webhooks.ts';
import { generateWebhookSecret } from '../../webhooks/index.ts';
import { listOf, listResponse, okSchema, paging } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { assertSession, control, loadFor, loadReadable } from './access.ts';
import { deliveriesQuery, deliveryParams, deliverySchema, replayBody, secretSchema, webhookParams } from './schema.ts';

const tag = 'Webhooks';

/** Action routes of webhooks (spread into webhookRoutes). */
export const webhookActionRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/webhooks/:id/rotate-secret', tag, summary: 'Replace the signing secret; answers the new one this once', auth: 'user', permission: ['update', 'Webhook'],
    record: 'Webhook', params: webhookParams, audit: 'webhook.rotate_secret',
    response: { status: 200, description: 'The new secret (pending retries are signed with it)', schema: secretSchema },
    async handler({ auth, params, audit }) {
      const hook = await loadFor(auth!, params.id, 'update');
      const secret = generateWebhookSecret();
      await Webhook.updateOne({ _id: hook._id }, { $set: { secret } });
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: { name: hook.name } });
      return { secret };
    },
  }),
  defineRoute({
    method: 'get', path: '/api/webhooks/:id/deliveries', tag, summary: 'The delivery log of a webhook, newest first (filter: status)', auth: 'user', permission: ['read', 'Webhook'],
    record: 'Webhook', params: webhookParams, query: deliveriesQuery,
    response: { status: 200, description: 'A page of deliveries', schema: listOf(deliverySchema) },
    async handler({ auth, params, query }) {
      const hook = await loadReadable(auth!, params.id);
      const filter: QueryFilter<WebhookDeliveryDoc> = { webhookId: hook._id, ...(query.status ? { status: query.status } : {}) };
      const { skip, limit } = paging(query);
      const [docs, total] = await Promise.all([
        WebhookDelivery.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit).lean(),
        WebhookDelivery.countDocuments(filter),
      ]);
      return listResponse(docs.map(presentDelivery), total, query);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/webhooks/:id/deliveries/:deliveryId/redeliver', tag, summary: 'Send a delivery again (same event id): a pending one now, a finished one once more', auth: 'user', permission: ['update', 'Webhook'],
    record: 'Webhook', params: deliveryParams, audit: 'webhook.redeliver',
    response: { status: 202, description: 'Queued; the result appears in the delivery log', schema: okSchema },
    async handler({ auth, params, deps, audit }) {
      const hook = await loadFor(auth!, params.id, 'update');
      const delivery = await WebhookDelivery.findOne({ _id: params.deliveryId, webhookId: hook._id }).lean();
      if (!delivery) throw notFound('delivery');
      await control(deps).redeliver(hook, delivery);
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: { eventId: delivery.eventId } });
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/webhooks/:id/replay', tag, summary: "Send a session's events again from a seq, in order", auth: 'user', permission: ['update', 'Webhook'],
    record: 'Webhook', params: webhookParams, body: replayBody, audit: 'webhook.replay',
    response: { status: 202, description: 'Queued; 400 `session_not_in_scope`, `session_not_found`', schema: okSchema },
    async handler({ auth, params, body, deps, audit }) {
      const hook = await loadFor(auth!, params.id, 'update');
      if (hook.sessionId !== null && hook.sessionId !== body.sessionId) throw badRequest('session_not_in_scope', `This webhook receives the events of ${hook.sessionId} only`);
      await assertSession(body.sessionId);
      await control(deps).replay(hook._id, body.sessionId, body.fromSeq);
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: { sessionId: body.sessionId, fromSeq: body.fromSeq } });
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/webhooks/:id/ping', tag, summary: 'Send a `ping` event now and answer how it went', auth: 'user', permission: ['update', 'Webhook'],
    record: 'Webhook', params: webhookParams, audit: 'webhook.ping',
    response: { status: 200, description: 'The delivery of the ping after its attempt', schema: deliverySchema },
    async handler({ auth, params, deps, audit }) {
      const hook = await loadFor(auth!, params.id, 'update');
      const delivery = await control(deps).ping(hook);
      Object.assign(audit, { targetType: 'Webhook', targetId: params.id, details: { eventId: delivery.eventId, status: delivery.status } });
      return presentDelivery(delivery);
    },
  }),
];
