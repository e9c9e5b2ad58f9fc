/**
 * What a webhook receives for a stored session event: the same events, names and payloads as
 * Socket.IO clients (toSocketEvents), each wrapped in an envelope with its event id. From:
 * SessionEvent (sessionevents) → fromSessionEventDoc → here → next: the lane delivers it.
 */
import { SEQUENCED_SOCKET_EVENTS } from '@switchboard/shared';
import type { SessionEventDoc } from '@switchboard/shared/node';
import { fromSessionEventDoc } from '../realtime/eventLog.ts';
import { toSocketEvents } from '../realtime/toSocketEvents.ts';

/** Event names a webhook may subscribe to (the sequenced Socket.IO events). */
export const WEBHOOK_EVENTS: readonly string[] = SEQUENCED_SOCKET_EVENTS;

/** Events carrying linking secrets: sent only to webhooks that list them explicitly. */
const EXPLICIT_ONLY = new Set(['qr', 'pairing-code']);

/** True when a webhook with this `events` filter receives `name` (empty filter: all but the secret-ish ones). */
export function wantsEvent(filter: readonly string[], name: string): boolean {
  return filter.length ? filter.includes(name) : !EXPLICIT_ONLY.has(name);
}

/** The JSON body of a webhook request. */
export interface WebhookEnvelope {
  /** `<sessionId>:<seq>:<event>`, also the `X-Switchboard-Delivery` header. */
  id: string;
  event: string;
  sessionId: string | null;
  seq: number;
  /** ISO-8601 time of the event. */
  at: string;
  /** The Socket.IO payload of the event. */
  data: unknown;
}

/** The event id of the emission `name` of a session's event `seq`. */
export const eventIdOf = (sessionId: string, seq: number, name: string): string => `${sessionId}:${seq}:${name}`;

/** One request to make for a stored event. */
export interface Emission {
  eventId: string;
  event: string;
  body: string;
}

/** The requests a webhook with filter `events` gets for one stored event (often none or one). */
export function emissionsFor(doc: Pick<SessionEventDoc, 'sessionId' | 'seq' | 'type' | 'payload' | 'at'>, events: readonly string[]): Emission[] {
  const hubEvent = fromSessionEventDoc(doc);
  return toSocketEvents(hubEvent)
    .filter((e) => wantsEvent(events, e.name))
    .map((e) => {
      const envelope: WebhookEnvelope = {
        id: eventIdOf(doc.sessionId, doc.seq, e.name),
        event: e.name,
        sessionId: doc.sessionId,
        seq: doc.seq,
        at: new Date(doc.at).toISOString(),
        data: e.payload,
      };
      return { eventId: envelope.id, event: e.name, body: JSON.stringify(envelope) };
    });
}
