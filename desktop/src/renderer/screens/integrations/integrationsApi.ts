/** REST calls of the integrations screen (webhooks and API keys), typed with the shared contract. */
import type { ApiKeyView, ListPage, Permission, WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import type { ApiClient, Query } from '../../api/http.ts';

const enc = encodeURIComponent;
const opt = (signal?: AbortSignal) => (signal ? { signal } : undefined);

/** Fields of a webhook the console edits. */
export interface WebhookDraft {
  name: string;
  url: string;
  sessionId: string | null;
  events: string[];
  active: boolean;
}

/** Fields of a new API key. */
export interface ApiKeyDraft {
  name: string;
  permissions: Permission[];
  expiresAt: string | null;
}

/** Typed wrappers over the webhook and API-key routes. */
export function integrationsApi(api: ApiClient) {
  return {
    webhooks: (q: Query, signal?: AbortSignal) => api.get<ListPage<WebhookView>>('/api/webhooks', q, opt(signal)),
    createWebhook: (body: WebhookDraft) => api.post<WebhookView & { secret: string }>('/api/webhooks', body),
    updateWebhook: (id: string, body: Partial<WebhookDraft>) => api.put<WebhookView>(`/api/webhooks/${enc(id)}`, body),
    removeWebhook: (id: string) => api.del(`/api/webhooks/${enc(id)}`),
    rotateSecret: (id: string) => api.post<{ secret: string }>(`/api/webhooks/${enc(id)}/rotate-secret`),
    ping: (id: string) => api.post<WebhookDeliveryView>(`/api/webhooks/${enc(id)}/ping`),
    deliveries: (id: string, q: Query, signal?: AbortSignal) => api.get<ListPage<WebhookDeliveryView>>(`/api/webhooks/${enc(id)}/deliveries`, q, opt(signal)),
    redeliver: (id: string, deliveryId: string) => api.post(`/api/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`),
    replay: (id: string, sessionId: string, fromSeq: number) => api.post(`/api/webhooks/${enc(id)}/replay`, { sessionId, fromSeq }),
    apiKeys: (q: Query, signal?: AbortSignal) => api.get<ListPage<ApiKeyView>>('/api/api-keys', q, opt(signal)),
    createApiKey: (body: ApiKeyDraft) => api.post<ApiKeyView & { key: string }>('/api/api-keys', body),
    revokeApiKey: (id: string) => api.del(`/api/api-keys/${enc(id)}`),
  };
}

/** Socket.IO event names a webhook may subscribe to (the same names integrators receive on sockets). */
export const WEBHOOK_EVENTS = ['message', 'message-sent', 'message-status', 'member-receipt', 'chat-update', 'presence', 'connection-state', 'connected', 'qr', 'pairing-code'] as const;
