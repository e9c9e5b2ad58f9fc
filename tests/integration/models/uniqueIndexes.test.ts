import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import {
  ALL_MODELS,
  Assignment,
  AuthKey,
  AuthState,
  CannedReply,
  Chat,
  Message,
  PasswordResetToken,
  Role,
  SendKey,
  Session,
  SessionEvent,
  User,
  claimSendKey,
  connectDatabase,
  disconnectDatabase,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('models-unique'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

async function expectDuplicate(insert: () => Promise<unknown>): Promise<void> {
  await expect(insert()).rejects.toMatchObject({ code: 11000 });
}

describe('unique indexes', () => {
  it('reject a second user with the same email, whatever its case', async () => {
    const role = new Types.ObjectId();
    await User.create({ name: 'A', email: 'Ana@Example.com', passwordHash: 'h', role });
    await expectDuplicate(() => User.create({ name: 'B', email: ' ana@example.COM ', passwordHash: 'h', role }));
    const stored = await User.findOne({ email: 'ana@example.com' }).lean();
    expect(stored?.email).toBe('ana@example.com');
    expect(stored?.passwordHash).toBeUndefined(); // select: false keeps hashes out of reads
  });

  it('reject a second role with the same name', async () => {
    await Role.create({ name: 'auditor' });
    await expectDuplicate(() => Role.create({ name: 'auditor' }));
  });

  it('reject two auth states for one session and two copies of one auth key', async () => {
    await AuthState.create({ sessionId: 's1', data: '{}' });
    await expectDuplicate(() => AuthState.create({ sessionId: 's1', data: '{}' }));
    await AuthKey.create({ sessionId: 's1', type: 'pre-key', id: '1', data: '{}' });
    await AuthKey.create({ sessionId: 's1', type: 'pre-key', id: '2', data: '{}' });
    await AuthKey.create({ sessionId: 's2', type: 'pre-key', id: '1', data: '{}' });
    await expectDuplicate(() => AuthKey.create({ sessionId: 's1', type: 'pre-key', id: '1', data: '{}' }));
  });

  it('reject a second session with the same sessionId', async () => {
    await Session.create({ sessionId: 'sales', name: 'Sales' });
    await expectDuplicate(() => Session.create({ sessionId: 'sales', name: 'Other' }));
  });

  it('reject a second chat with the same jid in one session only', async () => {
    await Chat.create({ sessionId: 's1', jid: '1@s.whatsapp.net' });
    await Chat.create({ sessionId: 's2', jid: '1@s.whatsapp.net' });
    await expectDuplicate(() => Chat.create({ sessionId: 's1', jid: '1@s.whatsapp.net' }));
  });

  it('reject a second message with the same key id in one session only', async () => {
    const base = { chatId: 'c', fromMe: false, kind: 'text', status: 'delivered', timestamp: new Date() } as const;
    await Message.create({ ...base, sessionId: 's1', messageId: 'M1' });
    await Message.create({ ...base, sessionId: 's2', messageId: 'M1' });
    await expectDuplicate(() => Message.create({ ...base, sessionId: 's1', messageId: 'M1' }));
  });

  it('accept a client id once per session through SendKey', async () => {
    expect(await claimSendKey('s1', 'client-1', 'M1')).toEqual({ claimed: true });
    expect(await claimSendKey('s2', 'client-1', 'M9')).toEqual({ claimed: true });
    expect(await claimSendKey('s1', 'client-1', 'M2')).toEqual({ claimed: false, messageId: 'M1' });
    expect(await SendKey.countDocuments({ sessionId: 's1' })).toBe(1);
  });

  it('reject a duplicate assignment of a chat to the same user', async () => {
    const userId = new Types.ObjectId();
    await Assignment.create({ sessionId: 's1', chatId: 'c1', userId });
    await Assignment.create({ sessionId: 's1', chatId: 'c1', userId: new Types.ObjectId() });
    await expectDuplicate(() => Assignment.create({ sessionId: 's1', chatId: 'c1', userId }));
  });

  it('reject a reused password reset token hash', async () => {
    const userId = new Types.ObjectId();
    await PasswordResetToken.create({ userId, tokenHash: 'abc', expiresAt: new Date() });
    await expectDuplicate(() => PasswordResetToken.create({ userId, tokenHash: 'abc', expiresAt: new Date() }));
  });

  it('reject a second canned reply shortcut of one owner, the shared scope counting as one owner', async () => {
    const [ana, bea] = [new Types.ObjectId(), new Types.ObjectId()];
    await CannedReply.create({ ownerId: ana, shortcut: 'hola', text: 'Hola, ¿en qué puedo ayudarte?' });
    await CannedReply.create({ ownerId: bea, shortcut: 'hola', text: 'Buenas' });
    await CannedReply.create({ ownerId: null, shortcut: 'hola', text: 'Hola de parte del equipo' });
    await expectDuplicate(() => CannedReply.create({ ownerId: ana, shortcut: 'hola', text: 'otra' }));
    await expectDuplicate(() => CannedReply.create({ ownerId: null, shortcut: 'hola', text: 'otra compartida' }));
    await expect(CannedReply.create({ ownerId: ana, shortcut: 'Not Valid!', text: 'x' })).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('reject a second event with the same sequence number in one session only', async () => {
    await SessionEvent.create({ sessionId: 's1', seq: 1, type: 'qr', payload: {} });
    await SessionEvent.create({ sessionId: 's2', seq: 1, type: 'qr', payload: {} });
    await expectDuplicate(() => SessionEvent.create({ sessionId: 's1', seq: 1, type: 'qr', payload: {} }));
  });
});

describe('connectDatabase', () => {
  it('leaves every model with exactly its declared indexes, so a restart changes nothing', async () => {
    for (const model of ALL_MODELS) {
      expect({ model: model.modelName, ...(await model.diffIndexes()) }).toEqual({
        model: model.modelName,
        toDrop: [],
        toCreate: [],
      });
    }
  });
});
