/** Durable, signed webhooks (docs/webhooks.md): the dispatcher, the control the routes use, signing and the SSRF guard. */
export { startWebhookDispatcher, type Timers, type WebhookDispatcher, type WebhookDispatcherOptions } from './dispatcher.ts';
export { directControl, type WebhookControl } from './ops.ts';
export { generateWebhookSecret, signWebhook, verifyWebhook, WEBHOOK_USER_AGENT } from './signature.ts';
export { isPublicAddress } from './addressGuard.ts';
export { webhookUrlRefusal } from './urlPolicy.ts';
export { WEBHOOK_EVENTS, wantsEvent, type WebhookEnvelope } from './envelope.ts';
export { DEFAULT_RETRY, decideRetry, retryDelay, type RetryPolicy } from './backoff.ts';
