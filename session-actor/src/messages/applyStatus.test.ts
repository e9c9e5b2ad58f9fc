import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { applyStatus } from './applyStatus.ts';
import { earlyStatuses } from './earlyStatus.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_status'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const outgoing = (messageId: string, status: 'pending' | 'sent') =>
  Message.create({ sessionId: 's', chatId: '1@s.whatsapp.net', messageId, fromMe: true, kind: 'text', text: 'x', status, timestamp: new Date() });

describe('applyStatus', () => {
  it('announces message-sent before delivered when a receipt overtakes the outbox', async () => {
    await outgoing('A1', 'pending');
    const events = await applyStatus('s', 'A1', 'delivered');
    expect(events.map((e) => e.type)).toEqual(['message-sent', 'message-status']);
    expect(events[0]).toMatchObject({ type: 'message-sent', message: { id: 'A1', status: 'sent' } });
    expect((await Message.findOne({ messageId: 'A1' }).lean())?.status).toBe('delivered');
  });

  it('publishes only the status once the message is already sent', async () => {
    await outgoing('A2', 'sent');
    expect((await applyStatus('s', 'A2', 'read')).map((e) => e.type)).toEqual(['message-status']);
  });

  it('never moves a status backwards and then publishes nothing', async () => {
    await outgoing('A3', 'sent');
    await applyStatus('s', 'A3', 'read');
    expect(await applyStatus('s', 'A3', 'delivered')).toEqual([]);
    expect((await Message.findOne({ messageId: 'A3' }).lean())?.status).toBe('read');
  });

  it('does not announce message-sent for a failed send', async () => {
    await outgoing('A4', 'pending');
    expect((await applyStatus('s', 'A4', 'failed', '463')).map((e) => e.type)).toEqual(['message-status']);
  });

  it('keeps a status that arrives before its message is stored, for ingest to apply', async () => {
    expect(await applyStatus('s', 'E1', 'delivered')).toEqual([]);
    expect(earlyStatuses.take('s', 'E1')).toBe('delivered');
    // A failure is never kept, nor a status for a message that is stored.
    await applyStatus('s', 'E2', 'failed', '500');
    expect(earlyStatuses.take('s', 'E2')).toBeUndefined();
    await outgoing('E3', 'sent');
    await applyStatus('s', 'E3', 'read');
    expect(await applyStatus('s', 'E3', 'delivered')).toEqual([]);
    expect(earlyStatuses.take('s', 'E3')).toBeUndefined();
  });
});
