import type { HubEvent, ServerToClientEvents } from '@switchboard/shared';

/** One socket emission derived from a hub event. */
export type SocketEmission = {
  [K in keyof ServerToClientEvents]: { name: K; payload: Parameters<ServerToClientEvents[K]>[0] };
}[keyof ServerToClientEvents];

/** The chat a hub event is about, or undefined for session-level events. */
export function chatOf(event: HubEvent): string | undefined {
  switch (event.type) {
    case 'message':
    case 'message-sent':
      return event.message.chatId;
    case 'message-status':
    case 'member-receipt':
    case 'chat-update':
    case 'presence':
      return event.chatId;
    default:
      return undefined;
  }
}

/** Relative URL of a stored media file, as the media routes serve it. */
export const mediaUrl = (mediaId: string): string => `/api/media/${encodeURIComponent(mediaId)}`;

/**
 * Maps one hub event to the socket events clients receive (usually one; `connection-state`
 * also produces the seed's `connected`). Unknown event types map to nothing, so a newer hub
 * never breaks older gateways.
 */
export function toSocketEvents(event: HubEvent): SocketEmission[] {
  const pos = { sessionId: event.sessionId, seq: event.seq, at: event.at };
  switch (event.type) {
    case 'qr':
      return [{ name: 'qr', payload: { ...pos, qr: event.qr } }];
    case 'pairing-code':
      return [{ name: 'pairing-code', payload: { ...pos, code: event.code } }];
    case 'connection-state': {
      const { type: _t, sessionId: _s, seq: _q, at: _a, ...state } = event;
      const connected = { ...pos, connected: event.status === 'connected', status: event.status };
      return [
        { name: 'connection-state', payload: { ...pos, ...state } },
        { name: 'connected', payload: event.me ? { ...connected, me: event.me } : connected },
      ];
    }
    case 'message':
    case 'message-sent': {
      const payload = { ...pos, message: event.message };
      const withMedia = event.message.mediaId ? { ...payload, mediaUrl: mediaUrl(event.message.mediaId) } : payload;
      return [{ name: event.type, payload: withMedia }];
    }
    case 'message-status': {
      const { type: _t, sessionId: _s, seq: _q, at: _a, ...rest } = event;
      return [{ name: 'message-status', payload: { ...pos, ...rest } }];
    }
    case 'member-receipt': {
      const { type: _t, sessionId: _s, seq: _q, at: _a, ...rest } = event;
      return [{ name: 'member-receipt', payload: { ...pos, ...rest } }];
    }
    case 'chat-update': {
      const { type: _t, sessionId: _s, seq: _q, at: _a, ...rest } = event;
      return [{ name: 'chat-update', payload: { ...pos, ...rest } }];
    }
    case 'presence': {
      const { type: _t, sessionId: _s, seq: _q, at: _a, ...rest } = event;
      return [{ name: 'presence', payload: { ...pos, ...rest } }];
    }
    default:
      return [];
  }
}
