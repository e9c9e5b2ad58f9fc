/**
 * Authorisation-matrix rows of the webhook routes, spread into MATRIX by matrixFixtures.ts.
 * Only admins hold `Webhook` permissions among the built-in roles; the limited caller may
 * manage webhooks of its own session only, so the fixtures' webhooks (in the linked session)
 * are invisible to it (404). Fixture URLs are loopback: without WEBHOOK_ALLOW_PRIVATE a ping
 * or redelivery is refused at connection time, at once, and never leaves the machine.
 */
import { Webhook, WebhookDelivery } from '@switchboard/shared/node';
import { authed, type Call, type Caller, type Expect, type MatrixState } from './matrixFixtures.ts';

/** A fresh webhook of the linked session (created in the database: its URL need not pass the SSRF check). */
async function freshHook(s: MatrixState): Promise<string> {
  const doc = await Webhook.create({ name: 'mx hook', url: 'http://127.0.0.1:9/hook', sessionId: s.linked, secret: 'whsec_matrix_fixture_secret_0000' });
  return doc._id.toString();
}

/** A fresh webhook with one delivered delivery; returns `<webhookId>/deliveries/<deliveryId>`. */
async function freshDelivery(s: MatrixState): Promise<string> {
  const id = await freshHook(s);
  const d = await WebhookDelivery.create({ webhookId: id, sessionId: s.linked, seq: 1, eventId: `${s.linked}:1:message`, event: 'message', body: '{}', status: 'delivered', attempts: 1 });
  return `${id}/deliveries/${d._id.toString()}`;
}

const hookRow = (suffix: string, ok: number, body?: unknown) => ({
  call: async (s: MatrixState): Promise<Call> => ({ path: `/api/webhooks/${await freshHook(s)}${suffix}`, ...(body !== undefined ? { body } : {}) }),
  expect: authed(ok, 403, 403, 403, 404),
});

/** `METHOD path` → call and expected statuses, for the webhook routes. */
export const WEBHOOK_MATRIX: Record<string, { call: (s: MatrixState, who: Caller) => Promise<Call> | Call; expect: Expect }> = {
  'GET /api/webhooks': { call: () => ({ path: '/api/webhooks' }), expect: authed(200, 403, 403, 403, 200) },
  'POST /api/webhooks': { call: (s) => ({ path: '/api/webhooks', body: { name: 'mx', url: 'https://93.184.216.34/hook', sessionId: s.linked } }), expect: authed(201, 403, 403, 403) },
  'GET /api/webhooks/:id': hookRow('', 200),
  'PUT /api/webhooks/:id': hookRow('', 200, { name: 'renamed' }),
  'DELETE /api/webhooks/:id': hookRow('', 200),
  'POST /api/webhooks/:id/rotate-secret': hookRow('/rotate-secret', 200),
  'GET /api/webhooks/:id/deliveries': hookRow('/deliveries', 200),
  'POST /api/webhooks/:id/deliveries/:deliveryId/redeliver': {
    call: async (s) => ({ path: `/api/webhooks/${await freshDelivery(s)}/redeliver` }),
    expect: authed(202, 403, 403, 403, 404),
  },
  'POST /api/webhooks/:id/replay': {
    call: async (s) => ({ path: `/api/webhooks/${await freshHook(s)}/replay`, body: { sessionId: s.linked, fromSeq: 1 } }),
    expect: authed(202, 403, 403, 403, 404),
  },
  'POST /api/webhooks/:id/ping': hookRow('/ping', 200),
};
