/**
 * Every index-backed query path: the index exists (listIndexes), the query returns the right
 * documents in the right order, and on a real MongoDB the planner uses that index (explain).
 * FerretDB 1.24 on SQLite reports no index use in explain, so there only the first two hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Types, type Model } from 'mongoose';
import {
  Assignment,
  AuditLog,
  AuthKey,
  AuthState,
  CannedReply,
  Chat,
  Media,
  Message,
  PasswordResetToken,
  SendKey,
  Session,
  SessionEvent,
  User,
  authKeyId,
  messageObjectId,
  claimSendKey,
  connectDatabase,
  disconnectDatabase,
  silentLogger,
} from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';

let ferret = false;

beforeAll(async () => {
  await connectDatabase(testDbUri('models-queries'), silentLogger());
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  ferret = 'ferretdbVersion' in info || JSON.stringify(info).toLowerCase().includes('ferretdb');
});
afterAll(async () => {
  await disconnectDatabase();
});

/** Asserts `model` has an index with exactly `key`, and (on MongoDB) that `query` uses it. */
async function expectIndexed<T>(
  model: Model<T>,
  key: Record<string, 1 | -1>,
  query: mongoose.Query<unknown, unknown>,
): Promise<void> {
  const indexes = await model.collection.listIndexes().toArray();
  const found = indexes.find((ix) => JSON.stringify(ix.key) === JSON.stringify(key));
  expect(found, `${model.modelName} index ${JSON.stringify(key)}`).toBeDefined();
  if (ferret) return;
  const plan = JSON.stringify(await query.clone().explain('queryPlanner'));
  expect(plan).toContain('IXSCAN');
  expect(plan).toContain(found!.name as string);
}

/**
 * Asserts that `query` (a lookup by `_id`) is answered from the primary key: on MongoDB the
 * planner's id lookup; on the embedded FerretDB the SQLite plan searches the `_id` index
 * (our build patches FerretDB so that it does, see shared/src/node/db/ferretdbPatches.ts).
 */
async function expectPrimaryKeyLookup(query: mongoose.Query<unknown, unknown>): Promise<void> {
  const plan = JSON.stringify(await query.clone().explain('queryPlanner'));
  if (ferret) {
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    expect(plan).not.toMatch(/detail=SCAN/);
  } else expect(plan).toMatch(/IDHACK|EXPRESS_IXSCAN|"indexName":"_id_"/);
}

const t = (n: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, n));

describe('index-backed query paths', () => {
  it('lists a session\'s chats by latest activity', async () => {
    await Chat.insertMany([
      { sessionId: 's1', jid: 'a@s.whatsapp.net', lastMessageAt: t(1) },
      { sessionId: 's1', jid: 'b@s.whatsapp.net', lastMessageAt: t(3) },
      { sessionId: 's1', jid: 'c@g.us', isGroup: true, lastMessageAt: t(2) },
      { sessionId: 's2', jid: 'z@s.whatsapp.net', lastMessageAt: t(9) },
    ]);
    const q = Chat.find({ sessionId: 's1' }).sort({ lastMessageAt: -1 });
    expect((await q.clone().lean()).map((c) => c.jid)).toEqual(['b@s.whatsapp.net', 'c@g.us', 'a@s.whatsapp.net']);
    await expectIndexed(Chat, { sessionId: 1, lastMessageAt: -1 }, q);
    const byJid = Chat.findOne({ sessionId: 's1', jid: 'c@g.us' });
    expect((await byJid.clone().lean())?.isGroup).toBe(true);
    await expectIndexed(Chat, { sessionId: 1, jid: 1 }, byJid);
  });

  it('lists the inbox across sessions by latest activity, all chats or only those awaiting a reply', async () => {
    await Chat.insertMany([
      { sessionId: 'i1', jid: 'p@s.whatsapp.net', lastMessageAt: t(5), needsReply: true },
      { sessionId: 'i2', jid: 'q@s.whatsapp.net', lastMessageAt: t(7), needsReply: false },
      { sessionId: 'i2', jid: 'r@s.whatsapp.net', lastMessageAt: t(6), needsReply: true },
    ]);
    const inbox = Chat.find({ sessionId: { $in: ['i1', 'i2'] } }).sort({ lastMessageAt: -1, _id: -1 });
    expect((await inbox.clone().lean()).map((c) => c.jid)).toEqual(['q@s.whatsapp.net', 'r@s.whatsapp.net', 'p@s.whatsapp.net']);
    await expectIndexed(Chat, { lastMessageAt: -1, _id: -1 }, Chat.find({}).sort({ lastMessageAt: -1, _id: -1 }));
    const waiting = Chat.find({ needsReply: true }).sort({ lastMessageAt: -1, _id: -1 });
    expect((await waiting.clone().lean()).map((c) => c.jid)).toEqual(['r@s.whatsapp.net', 'p@s.whatsapp.net']);
    await expectIndexed(Chat, { needsReply: 1, lastMessageAt: -1, _id: -1 }, waiting);
  });

  it('lists a user\'s own and the shared canned replies by shortcut, and finds one by owner and shortcut', async () => {
    const [me, other] = [new Types.ObjectId(), new Types.ObjectId()];
    await CannedReply.insertMany([
      { ownerId: me, shortcut: 'zeta', text: 'z' },
      { ownerId: null, shortcut: 'alfa', text: 'a' },
      { ownerId: other, shortcut: 'beta', text: 'b' },
      { ownerId: me, shortcut: 'gamma', text: 'g' },
    ]);
    const mine = CannedReply.find({ ownerId: { $in: [me, null] } }).sort({ shortcut: 1, ownerId: 1 });
    expect((await mine.clone().lean()).map((c) => c.shortcut)).toEqual(['alfa', 'gamma', 'zeta']);
    await expectIndexed(CannedReply, { ownerId: 1, shortcut: 1 }, mine);
    const taken = CannedReply.findOne({ ownerId: null, shortcut: 'alfa' });
    expect((await taken.clone().lean())?.text).toBe('a');
    await expectIndexed(CannedReply, { ownerId: 1, shortcut: 1 }, taken);
  });

  it('pages a chat\'s messages newest first and finds the outbox oldest first', async () => {
    const base = { sessionId: 's1', kind: 'text' } as const;
    await Message.insertMany([
      { ...base, chatId: 'a', messageId: 'm1', fromMe: false, status: 'delivered', timestamp: t(1) },
      { ...base, chatId: 'a', messageId: 'm2', fromMe: true, status: 'pending', timestamp: t(2) },
      { ...base, chatId: 'a', messageId: 'm3', fromMe: true, status: 'sent', timestamp: t(3) },
      { ...base, chatId: 'b', messageId: 'm4', fromMe: true, status: 'pending', timestamp: t(0) },
      { ...base, sessionId: 's2', chatId: 'a', messageId: 'm5', fromMe: true, status: 'pending', timestamp: t(0) },
    ]);
    const page = Message.find({ sessionId: 's1', chatId: 'a', timestamp: { $lt: t(3) } }).sort({ timestamp: -1 }).limit(10);
    expect((await page.clone().lean()).map((m) => m.messageId)).toEqual(['m2', 'm1']);
    await expectIndexed(Message, { sessionId: 1, chatId: 1, timestamp: -1 }, page);

    const outbox = Message.find({ sessionId: 's1', status: 'pending', fromMe: true }).sort({ timestamp: 1 });
    expect((await outbox.clone().lean()).map((m) => m.messageId)).toEqual(['m4', 'm2']);
    await expectIndexed(Message, { sessionId: 1, status: 1, fromMe: 1, timestamp: 1 }, outbox);

    const byKey = Message.findOne({ sessionId: 's1', messageId: 'm3' });
    expect((await byKey.clone().lean())?.status).toBe('sent');
    await expectIndexed(Message, { sessionId: 1, messageId: 1 }, byKey);

    // The hot path (ingest, receipts, outbox) finds one message by its derived _id.
    const byId = Message.findById(messageObjectId('s1', 'm3'));
    expect((await byId.clone().lean())?.messageId).toBe('m3');
    await expectPrimaryKeyLookup(byId);
    // A conditional update's filter ({ _id, status }) narrows by _id too, and stays exact.
    const conditional = Message.findOne({ _id: messageObjectId('s1', 'm3'), status: 'sent' });
    expect((await conditional.clone().lean())?.messageId).toBe('m3');
    await expectPrimaryKeyLookup(conditional);
    expect(await Message.findOne({ _id: messageObjectId('s1', 'm3'), status: 'pending' }).lean()).toBeNull();
    expect(String(messageObjectId('s2', 'm3'))).not.toBe(String(messageObjectId('s1', 'm3')));
    expect((await Message.findById(messageObjectId('s2', 'm5')).lean())?.sessionId).toBe('s2');
  });

  it('lists a session\'s media newest first and finds media by hash', async () => {
    const common = { kind: 'image', mimeType: 'image/png', size: 1, direction: 'in' } as const;
    const [a, b] = await Media.insertMany([
      { ...common, sessionId: 's1', sha256: 'h1', gridFsId: new Types.ObjectId(), createdAt: t(1) },
      { ...common, sessionId: 's1', sha256: 'h2', gridFsId: new Types.ObjectId(), createdAt: t(2) },
      { ...common, sessionId: 's2', sha256: 'h1', gridFsId: new Types.ObjectId(), createdAt: t(3) },
    ]);
    const list = Media.find({ sessionId: 's1' }).sort({ createdAt: -1 });
    expect((await list.clone().lean()).map((m) => String(m._id))).toEqual([String(b!._id), String(a!._id)]);
    await expectIndexed(Media, { sessionId: 1, createdAt: -1 }, list);
    const byHash = Media.find({ sha256: 'h1' });
    expect(await byHash.clone().countDocuments()).toBe(2);
    await expectIndexed(Media, { sha256: 1 }, byHash);
  });

  it('finds a user\'s assignments and a chat\'s assignees', async () => {
    const [u1, u2] = [new Types.ObjectId(), new Types.ObjectId()];
    await Assignment.insertMany([
      { sessionId: 's1', chatId: 'a', userId: u1 },
      { sessionId: 's1', chatId: 'b', userId: u1 },
      { sessionId: 's2', chatId: 'a', userId: u1 },
      { sessionId: 's1', chatId: 'a', userId: u2 },
    ]);
    const mine = Assignment.find({ userId: u1, sessionId: 's1' });
    expect((await mine.clone().lean()).map((a) => a.chatId).sort()).toEqual(['a', 'b']);
    await expectIndexed(Assignment, { userId: 1, sessionId: 1 }, mine);
    const assignees = Assignment.find({ sessionId: 's1', chatId: 'a' });
    expect(await assignees.clone().countDocuments()).toBe(2);
    await expectIndexed(Assignment, { sessionId: 1, chatId: 1, userId: 1 }, assignees);
  });

  it('lists the audit log by time, by user, by action and by target', async () => {
    const u = new Types.ObjectId();
    await AuditLog.insertMany([
      { userId: u, action: 'user.create', targetType: 'User', targetId: 'x', at: t(1) },
      { userId: u, action: 'session.delete', targetType: 'Session', targetId: 's1', at: t(2) },
      { action: 'user.create', targetType: 'User', targetId: 'y', at: t(3) },
    ]);
    const all = AuditLog.find({}).sort({ at: -1 });
    expect((await all.clone().lean()).map((l) => l.at.getTime())).toEqual([t(3), t(2), t(1)].map((d) => d.getTime()));
    await expectIndexed(AuditLog, { at: -1 }, all);
    const byUser = AuditLog.find({ userId: u }).sort({ at: -1 });
    expect((await byUser.clone().lean()).map((l) => l.action)).toEqual(['session.delete', 'user.create']);
    await expectIndexed(AuditLog, { userId: 1, at: -1 }, byUser);
    const byAction = AuditLog.find({ action: 'user.create' }).sort({ at: -1 });
    expect((await byAction.clone().lean()).map((l) => l.targetId)).toEqual(['y', 'x']);
    await expectIndexed(AuditLog, { action: 1, at: -1 }, byAction);
    const byTarget = AuditLog.find({ targetType: 'Session', targetId: 's1' }).sort({ at: -1 });
    expect(await byTarget.clone().countDocuments()).toBe(1);
    await expectIndexed(AuditLog, { targetType: 1, targetId: 1, at: -1 }, byTarget);
  });

  it('replays session events after a sequence number, in order', async () => {
    await SessionEvent.insertMany(
      [3, 1, 2, 4].map((seq) => ({ sessionId: 's1', seq, type: 'message', payload: { n: seq } })),
    );
    await SessionEvent.create({ sessionId: 's2', seq: 3, type: 'message', payload: {} });
    const replay = SessionEvent.find({ sessionId: 's1', seq: { $gt: 1 } }).sort({ seq: 1 });
    expect((await replay.clone().lean()).map((e) => e.seq)).toEqual([2, 3, 4]);
    await expectIndexed(SessionEvent, { sessionId: 1, seq: 1 }, replay);
    const old = SessionEvent.deleteMany({ at: { $lt: new Date(0) } });
    await expectIndexed(SessionEvent, { at: 1 }, SessionEvent.find({ at: { $lt: new Date(0) } }));
    expect((await old).deletedCount).toBe(0);
  });

  it('finds users by email and role, sessions to run, and reset tokens by hash, user and expiry', async () => {
    const role = new Types.ObjectId();
    await User.create({ name: 'E', email: 'e@x.io', passwordHash: 'h', role });
    const byEmail = User.findOne({ email: 'e@x.io' });
    expect((await byEmail.clone().lean())?.name).toBe('E');
    await expectIndexed(User, { email: 1 }, byEmail);
    await expectIndexed(User, { role: 1 }, User.find({ role }));
    expect(await User.countDocuments({ role })).toBe(1);

    await Session.insertMany([
      { sessionId: 'a', name: 'A', active: true, status: 'connected' },
      { sessionId: 'b', name: 'B', active: false, status: 'stopped' },
    ]);
    const toRun = Session.find({ active: true });
    expect((await toRun.clone().lean()).map((s) => s.sessionId)).toEqual(['a']);
    await expectIndexed(Session, { active: 1, status: 1 }, toRun);
    await expectIndexed(Session, { status: 1 }, Session.find({ status: 'problematic' }));
    await expectIndexed(Session, { sessionId: 1 }, Session.findOne({ sessionId: 'a' }));

    const userId = new Types.ObjectId();
    await PasswordResetToken.insertMany([
      { userId, tokenHash: 'old', expiresAt: t(1) },
      { userId, tokenHash: 'new', expiresAt: new Date(Date.now() + 3_600_000) },
    ]);
    const valid = PasswordResetToken.findOne({ tokenHash: 'new', usedAt: null, expiresAt: { $gt: new Date() } });
    expect((await valid.clone().lean())?.tokenHash).toBe('new');
    await expectIndexed(PasswordResetToken, { tokenHash: 1 }, valid);
    await expectIndexed(PasswordResetToken, { userId: 1 }, PasswordResetToken.find({ userId }));
    const expired = PasswordResetToken.find({ expiresAt: { $lt: new Date() } });
    expect((await expired.clone().lean()).map((r) => r.tokenHash)).toEqual(['old']);
    await expectIndexed(PasswordResetToken, { expiresAt: 1 }, expired);
  });

  it('reads auth state and keys, chats by LID, media of a message and old send keys', async () => {
    await AuthState.create({ sessionId: 's1', data: '{"creds":1}' });
    const state = AuthState.findOne({ sessionId: 's1' });
    expect((await state.clone().lean())?.data).toBe('{"creds":1}');
    await expectIndexed(AuthState, { sessionId: 1 }, state);
    await AuthKey.create([
      { sessionId: 's1', type: 'pre-key', id: '1', data: 'a' },
      { sessionId: 's1', type: 'pre-key', id: '2', data: 'b' },
      { sessionId: 's1', type: 'session', id: '1', data: 'c' },
    ]);
    // Keys are read and written by their composite _id, the one lookup both servers index.
    const key = AuthKey.findOne({ _id: authKeyId('s1', 'pre-key', '2') });
    expect((await key.clone().lean())?.data).toBe('b');
    await expectPrimaryKeyLookup(key);
    expect(await AuthKey.countDocuments({ sessionId: 's1' })).toBe(3);
    await expectIndexed(AuthKey, { sessionId: 1 }, AuthKey.find({ sessionId: 's1' }));

    await Chat.create({ sessionId: 's9', jid: '5@s.whatsapp.net', lid: '77@lid' });
    const byLid = Chat.findOne({ sessionId: 's9', lid: '77@lid' });
    expect((await byLid.clone().lean())?.jid).toBe('5@s.whatsapp.net');
    await expectIndexed(Chat, { sessionId: 1, lid: 1 }, byLid);

    await Media.create({
      sessionId: 's9', messageId: 'MM', kind: 'audio', mimeType: 'audio/ogg', size: 3, sha256: 'h', gridFsId: new Types.ObjectId(), direction: 'in',
    });
    const ofMessage = Media.findOne({ sessionId: 's9', messageId: 'MM' });
    expect((await ofMessage.clone().lean())?.kind).toBe('audio');
    await expectIndexed(Media, { sessionId: 1, messageId: 1 }, ofMessage);

    await claimSendKey('s9', 'c1', 'M1');
    const old = SendKey.find({ sessionId: 's9', createdAt: { $lt: new Date(Date.now() + 60_000) } });
    expect((await old.clone().lean()).map((k) => k._id)).toEqual(['s9:c1']);
    await expectIndexed(SendKey, { sessionId: 1, createdAt: 1 }, old);
  });
});
