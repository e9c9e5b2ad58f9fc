import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { applyStatus, applyStatuses } from './applyStatus.ts';
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

  it('applies the changes of a run with one write and the same events, in order', async () => {
    for (const id of ['B1', 'B2', 'B4']) await outgoing(id, 'sent');
    await outgoing('B3', 'pending');
    await outgoing('B5', 'sent');
    await applyStatus('s', 'B5', 'read');
    const calls: string[] = [];
    Message.base.set('debug', (collection: string, method: string) => {
      if (collection === 'messages') calls.push(method);
    });
    let events;
    try {
      events = await applyStatuses('s', [
        { messageId: 'B1', next: 'delivered' },
        { messageId: 'B2', next: 'read' },
        { messageId: 'B3', next: 'delivered' }, // overtook the outbox: message-sent first
        { messageId: 'B5', next: 'delivered' }, // already read: nothing
        { messageId: 'B4', next: 'delivered' }, // named twice: one by one, in order
        { messageId: 'B4', next: 'read' },
      ]);
    } finally {
      Message.base.set('debug', false);
    }
    expect(events.map((e) => (e.type === 'message-status' ? `${e.messageId}:${e.status}` : `${e.type}:${(e as { message: { id: string } }).message.id}`))).toEqual([
      'B1:delivered', 'B2:read', 'message-sent:B3', 'B3:delivered', 'B4:delivered', 'B4:read',
    ]);
    // Four reads, one write for B1-B3, then B4's two steps as applyStatus makes them.
    expect(calls.filter((c) => c === 'bulkWrite')).toHaveLength(1);
    expect(calls.filter((c) => c === 'findOneAndUpdate')).toHaveLength(2);
    const stored = await Message.find({ sessionId: 's', messageId: { $in: ['B1', 'B2', 'B3', 'B4', 'B5'] } }, { messageId: 1, status: 1 }).lean();
    expect(Object.fromEntries(stored.map((m) => [m.messageId, m.status]))).toEqual({ B1: 'delivered', B2: 'read', B3: 'delivered', B4: 'read', B5: 'read' });
  });

  it('leaves an unknown message of a run to ingest, as applyStatus does', async () => {
    await outgoing('C1', 'sent');
    const events = await applyStatuses('s', [
      { messageId: 'C1', next: 'delivered' },
      { messageId: 'C-unknown', next: 'delivered' },
    ]);
    expect(events.map((e) => e.type)).toEqual(['message-status']);
    expect(earlyStatuses.take('s', 'C-unknown')).toBe('delivered');
  });
});
