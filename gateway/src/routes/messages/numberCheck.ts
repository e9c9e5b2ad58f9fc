import { recipientJid, type NumberCheckResult } from '@switchboard/shared';
import type { GatewayDeps } from '../../deps.ts';
import { z } from '../../openapi/zod.ts';
import { authorize, subjects } from '../../policies/subjects.ts';
import { phoneNumberSchema, sessionParams } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';

const tag = 'Messages';

/** How long WhatsApp gets to answer a number check. */
const CHECK_TIMEOUT_MS = 15_000;

/** Asks WhatsApp, through the session's actor, whether a number (digits) has an account. */
export async function checkOnWhatsApp(deps: GatewayDeps, sessionId: string, phone: string): Promise<NumberCheckResult> {
  const found = await deps.hub.call(sessionId, 'checkNumber', { phone }, { timeoutMs: CHECK_TIMEOUT_MS });
  return { phone, ...found };
}

/** `:sessionId/numbers/:phone`. */
const numberParams = sessionParams.extend({ phone: phoneNumberSchema.openapi({ example: '34612345678' }) });

/** Answer of the number check (NumberCheckResult). */
const numberCheckResponse = z
  .object({
    phone: z.string().openapi({ description: 'The number as checked: digits only, international format', example: '34612345678' }),
    onWhatsApp: z.boolean(),
    jid: z.string().nullable().openapi({ description: "The chat id to send to (WhatsApp's own for the number); null when it has no WhatsApp", example: '34612345678@s.whatsapp.net' }),
  })
  .openapi('NumberCheckResult');

/**
 * Starting a conversation: whether a number has WhatsApp, asked of WhatsApp through the session
 * (a send to a number without it would sit at one tick for ever). Only for callers who may write
 * to that number from the session, and rate-limited like sends: checking numbers in bulk is what
 * gets an account banned.
 * from: the inbox's "new conversation" dialog, integrators → here → next: the actor's
 * `checkNumber` (Baileys `onWhatsApp`).
 */
export const numberCheckRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/numbers/:phone', tag, summary: 'Whether a phone number has WhatsApp (before starting a conversation)', auth: 'user', permission: ['send', 'Message'],
    record: 'Message', rateLimit: 'send', params: numberParams,
    response: { status: 200, description: 'Whether the number has WhatsApp, and its chat id (409 `not_connected` while the session is not connected)', schema: numberCheckResponse },
    async handler({ deps, auth, params }) {
      authorize(auth, 'send', subjects.message(params.sessionId, recipientJid(params.phone)));
      return checkOnWhatsApp(deps, params.sessionId, params.phone);
    },
  }),
];
