/** Helpers of the webhook routes: loading with access checks, input checks and the dispatcher. */
import { Session, Webhook, type WebhookDoc } from '@switchboard/shared/node';
import type { AuthContext } from '../../auth/authContext.ts';
import type { GatewayDeps } from '../../deps.ts';
import { badRequest, notFound } from '../../errors.ts';
import { allowed, authorize, subjects } from '../../policies/subjects.ts';
import type { Action } from '../../policies/vocabulary.ts';
import { directControl, webhookUrlRefusal, type WebhookControl } from '../../webhooks/index.ts';

/** The dispatcher, or direct database actions when this app runs without one. */
export const control = (deps: GatewayDeps): WebhookControl =>
  deps.webhooks ?? directControl({ allowPrivate: deps.config.webhookAllowPrivate ?? false, now: () => deps.now().getTime() });

/** Loads a webhook the caller may read; one they may not read answers 404, as if it did not exist. */
export async function loadReadable(auth: AuthContext, id: string): Promise<WebhookDoc> {
  const doc = await Webhook.findById(id).lean();
  if (!doc || !allowed(auth, 'read', subjects.webhook(doc.sessionId))) throw notFound('webhook');
  return doc;
}

/** Loads a webhook the caller may read (404 otherwise) and may `action` (403 otherwise). */
export async function loadFor(auth: AuthContext, id: string, action: Exclude<Action, 'read'>): Promise<WebhookDoc> {
  const doc = await loadReadable(auth, id);
  authorize(auth, action, subjects.webhook(doc.sessionId));
  return doc;
}

/** 400 `session_not_found` unless the session exists. */
export async function assertSession(sessionId: string | null): Promise<void> {
  if (sessionId !== null && !(await Session.exists({ sessionId }))) throw badRequest('session_not_found', `Session ${sessionId} does not exist`);
}

/** 400 `webhook_url_forbidden` for a URL the SSRF policy refuses. */
export async function assertUrl(deps: GatewayDeps, url: string): Promise<void> {
  const refusal = await webhookUrlRefusal(url, deps.config.webhookAllowPrivate ?? false);
  if (refusal) throw badRequest('webhook_url_forbidden', refusal);
}
