import type { HubEvent, MessageView } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { chatOf, toSocketEvents } from './toSocketEvents.ts';

const pos = { sessionId: 's1', seq: 4, at: 1000 };
const message: MessageView = {
  id: 'ABC',
  sessionId: 's1',
  chatId: '15550002222@s.whatsapp.net',
  fromMe: false,
  kind: 'image',
  mediaId: '665f1c2e8a1b2c3d4e5f6a7b',
  status: 'delivered',
  timestamp: 999,
};

describe('toSocketEvents', () => {
  it('turns a connection-state into connection-state plus the seed\'s connected event', () => {
    const event: HubEvent = { ...pos, type: 'connection-state', status: 'connected', me: { id: '1@s.whatsapp.net' } };
    expect(toSocketEvents(event)).toEqual([
      { name: 'connection-state', payload: { ...pos, status: 'connected', me: { id: '1@s.whatsapp.net' } } },
      { name: 'connected', payload: { ...pos, connected: true, status: 'connected', me: { id: '1@s.whatsapp.net' } } },
    ]);
    const closed: HubEvent = { ...pos, type: 'connection-state', status: 'reconnecting', cause: 'connection_lost' };
    expect(toSocketEvents(closed)[1]).toEqual({ name: 'connected', payload: { ...pos, connected: false, status: 'reconnecting' } });
  });

  it('adds the media URL to messages with media and keeps the seq on every event', () => {
    const [out] = toSocketEvents({ ...pos, type: 'message', message });
    expect(out).toEqual({
      name: 'message',
      payload: { ...pos, message, mediaUrl: '/api/media/665f1c2e8a1b2c3d4e5f6a7b' },
    });
    const [status] = toSocketEvents({ ...pos, type: 'message-status', messageId: 'ABC', chatId: 'c', status: 'read' });
    expect(status).toEqual({ name: 'message-status', payload: { ...pos, messageId: 'ABC', chatId: 'c', status: 'read' } });
    const member = { ...pos, type: 'member-receipt' as const, messageId: 'ABC', chatId: 'g@g.us', member: '34611000001@s.whatsapp.net', status: 'read' as const };
    expect(toSocketEvents(member)).toEqual([{ name: 'member-receipt', payload: { ...pos, messageId: 'ABC', chatId: 'g@g.us', member: '34611000001@s.whatsapp.net', status: 'read' } }]);
    expect(chatOf(member)).toBe('g@g.us');
  });

  it('passes the media summary and failure reason of a message, and the needs-reply times of a chat, through untouched', () => {
    const withMedia: MessageView = { ...message, media: { mimeType: 'image/jpeg', fileName: null, size: 10, width: 4, height: 3, durationMs: null, hasThumbnail: false } };
    expect(toSocketEvents({ ...pos, type: 'message-sent', message: withMedia })[0]?.payload).toMatchObject({ message: { media: withMedia.media } });
    const failed: MessageView = { ...message, fromMe: true, status: 'failed', statusReason: '479' };
    expect(toSocketEvents({ ...pos, type: 'message', message: failed })[0]?.payload).toMatchObject({ message: { statusReason: '479' } });
    const [update] = toSocketEvents({ ...pos, type: 'chat-update', chatId: 'c', unreadCount: 1, lastInboundAt: 900, lastOutboundAt: 800 });
    expect(update).toEqual({ name: 'chat-update', payload: { ...pos, chatId: 'c', unreadCount: 1, lastInboundAt: 900, lastOutboundAt: 800 } });
  });

  it('ignores event types it does not know', () => {
    expect(toSocketEvents({ ...pos, type: 'future-thing' } as unknown as HubEvent)).toEqual([]);
  });

  it('knows which chat an event belongs to', () => {
    expect(chatOf({ ...pos, type: 'message-sent', message })).toBe(message.chatId);
    expect(chatOf({ ...pos, type: 'presence', chatId: 'c', participant: 'p', state: 'composing' })).toBe('c');
    expect(chatOf({ ...pos, type: 'qr', qr: 'x' })).toBeUndefined();
  });
});
