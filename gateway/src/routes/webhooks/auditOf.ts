import type { WebhookDoc } from '@switchboard/shared/node';

/** What the audit log keeps of a webhook: never the secret. */
export const auditOf = (w: Pick<WebhookDoc, 'name' | 'url' | 'sessionId' | 'events' | 'active'>) => ({
  name: w.name,
  url: w.url,
  sessionId: w.sessionId,
  events: w.events,
  active: w.active,
});
