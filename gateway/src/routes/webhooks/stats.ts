import type { WebhookView } from '@switchboard/shared';
import { WebhookDelivery, type WebhookDeliveryStatus } from '@switchboard/shared/node';
import type { Types } from 'mongoose';

/**
 * Delivery figures of a page of webhooks: counts per status in one `$group` (FerretDB has
 * `$sum`), and the latest attempt of each webhook (one small query each; a page is ≤ 200).
 */
export async function webhookStats(ids: readonly Types.ObjectId[]): Promise<Map<string, WebhookView['stats']>> {
  const out = new Map<string, WebhookView['stats']>();
  for (const id of ids) out.set(id.toString(), { delivered: 0, failed: 0, pending: 0, lastDeliveryAt: null, lastStatus: null });
  if (!ids.length) return out;
  const counts = await WebhookDelivery.aggregate<{ _id: { webhookId: Types.ObjectId; status: WebhookDeliveryStatus }; n: number }>([
    { $match: { webhookId: { $in: ids } } },
    { $group: { _id: { webhookId: '$webhookId', status: '$status' }, n: { $sum: 1 } } },
  ]);
  for (const c of counts) {
    const s = out.get(c._id.webhookId.toString());
    if (s) s[c._id.status] = c.n;
  }
  await Promise.all(
    ids.map(async (id) => {
      const last = await WebhookDelivery.findOne({ webhookId: id, lastAttemptAt: { $ne: null } }, { lastAttemptAt: 1, status: 1 }).sort({ lastAttemptAt: -1 }).lean();
      const s = out.get(id.toString())!;
      if (last) Object.assign(s, { lastDeliveryAt: last.lastAttemptAt!.toISOString(), lastStatus: last.status });
    }),
  );
  return out;
}

/** Figures of one webhook. */
export async function oneWebhookStats(id: Types.ObjectId): Promise<WebhookView['stats']> {
  return (await webhookStats([id])).get(id.toString())!;
}
