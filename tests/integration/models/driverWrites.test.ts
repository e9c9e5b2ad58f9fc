import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Message, connectDatabase, disconnectDatabase, driverCollection, messageObjectId, silentLogger, touched } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-driver-writes'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const pending = (sessionId: string) => ({
  sessionId,
  chatId: '5215550001111@s.whatsapp.net',
  messageId: '3EB0AAAA',
  fromMe: true,
  kind: 'text' as const,
  text: 'hola',
  status: 'pending' as const,
  timestamp: new Date('2026-12-05T10:00:00Z'),
});

describe('driver writes (driverCollection + touched)', () => {
  it('leave a document as the same update through mongoose does, updatedAt included', async () => {
    const [a, b] = await Message.create([pending('s-mongoose'), pending('s-driver')]);
    const before = new Date(Date.now() - 60_000);
    await Message.collection.updateMany({ _id: { $in: [a!._id, b!._id] } }, { $set: { updatedAt: before } });

    const viaMongoose = await Message.findOneAndUpdate({ _id: a!._id, status: 'pending' }, { $inc: { attempts: 1 }, $set: { status: 'sent' } }, { returnDocument: 'after' }).lean();
    const viaDriver = await driverCollection(Message).findOneAndUpdate(
      { _id: messageObjectId('s-driver', '3EB0AAAA'), status: 'pending' },
      touched({ $inc: { attempts: 1 }, $set: { status: 'sent' } }),
      { returnDocument: 'after' },
    );

    const shape = (d: Record<string, unknown>) => {
      const { _id, sessionId, createdAt, updatedAt, ...rest } = d;
      expect(updatedAt).toBeInstanceOf(Date);
      expect((updatedAt as Date).getTime()).toBeGreaterThan(before.getTime());
      return rest;
    };
    expect(b!._id).toEqual(messageObjectId('s-driver', '3EB0AAAA'));
    expect(shape(viaDriver!)).toEqual(shape(viaMongoose as unknown as Record<string, unknown>));
    expect(viaDriver).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
