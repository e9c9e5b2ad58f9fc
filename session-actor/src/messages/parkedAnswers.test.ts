import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Message, ParkedAnswer, connectDatabase, disconnectDatabase, messageObjectId, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { answerOf, applyAnswer } from './answers.ts';
import { encodeSentContent } from './sentContent.ts';
import { KEEP_MS, MAX_PARKED, applyParked, parkAnswer } from './parkedAnswers.ts';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_parked'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

const NOW = Date.UTC(2026, 11, 7, 12);
const vote = (id: string) => ({
  targetId: 'POLL1',
  msg: { key: { remoteJid: '34611111111@s.whatsapp.net', fromMe: false, id }, message: { pollUpdateMessage: { pollCreationMessageKey: { id: 'POLL1' } } }, messageTimestamp: NOW / 1000 },
});
/** A vote whose sealed part is filler that no key opens (the tests here never open one). */
const sealedVote = (id: string, pollId: string, chat = '34611111111@s.whatsapp.net') =>
  answerOf({ key: { remoteJid: chat, fromMe: false, id }, message: { pollUpdateMessage: { pollCreationMessageKey: { id: pollId }, vote: { encPayload: new Uint8Array(32).fill(1), encIv: new Uint8Array(12).fill(2) } } }, messageTimestamp: NOW / 1000 })!;
const logger = { warn: vi.fn(), debug: vi.fn() } as unknown as Parameters<typeof parkAnswer>[2];

describe('parkAnswer', () => {
  it('keeps an answer once (a replay keeps the first), with its key and content', async () => {
    await parkAnswer(vote('V1'), 'a', logger, NOW);
    await parkAnswer(vote('V1'), 'a', logger, NOW + 1000);
    const kept = await ParkedAnswer.find({ sessionId: 'a' }).lean();
    expect(kept.map((p) => [p.messageId, p.targetId, p.parkedAt.getTime()])).toEqual([['V1', 'POLL1', NOW]]);
    expect(JSON.parse(kept[0]!.key)).toMatchObject({ id: 'V1', remoteJid: '34611111111@s.whatsapp.net' });
  });

  it('forgets answers older than KEEP_MS when another comes', async () => {
    await parkAnswer(vote('OLD'), 'b', logger, NOW - KEEP_MS - 1);
    await parkAnswer(vote('NEW'), 'b', logger, NOW);
    expect((await ParkedAnswer.find({ sessionId: 'b' }).lean()).map((p) => p.messageId)).toEqual(['NEW']);
  });

  it('keeps no more than MAX_PARKED per session, and says so', async () => {
    await ParkedAnswer.insertMany(Array.from({ length: MAX_PARKED }, (_, i) => ({ sessionId: 'c', targetId: 'T', messageId: `M${i}`, key: '{}', message: Buffer.alloc(1), messageTimestamp: 0, parkedAt: new Date(NOW) })));
    await parkAnswer(vote('ONE-MORE'), 'c', logger, NOW);
    expect(await ParkedAnswer.countDocuments({ sessionId: 'c' })).toBe(MAX_PARKED);
    expect(await ParkedAnswer.exists({ sessionId: 'c', messageId: 'ONE-MORE' })).toBeNull();
    expect(logger.warn).toHaveBeenCalled();
  });
});

describe('an answer to one of our polls before its sent content is recorded', () => {
  const CHAT = '34611111111@s.whatsapp.net';
  const deps = { sessionId: 'd', logger: silentLogger(), media: { of: async () => undefined } as never, sock: () => null, emit: vi.fn() };

  it('waits for it (the contact’s receipt, then their vote, can overtake the ack’s write)', async () => {
    await Message.create({ _id: messageObjectId('d', 'OURPOLL'), sessionId: 'd', chatId: CHAT, messageId: 'OURPOLL', fromMe: true, kind: 'poll', text: '¿Mañana o tarde?', status: 'delivered', timestamp: new Date(NOW) });
    await applyAnswer(sealedVote('V-EARLY', 'OURPOLL'), deps);
    expect(await ParkedAnswer.exists({ sessionId: 'd', messageId: 'V-EARLY', targetId: 'OURPOLL' })).not.toBeNull();
  });

  it('is not kept for a customer’s poll that came without its key (nothing will bring it)', async () => {
    await Message.create({ _id: messageObjectId('d', 'THEIRPOLL'), sessionId: 'd', chatId: CHAT, messageId: 'THEIRPOLL', fromMe: false, kind: 'poll', text: '¿Rojo o azul?', status: 'delivered', timestamp: new Date(NOW) });
    await applyAnswer(sealedVote('V-THEIRS', 'THEIRPOLL'), deps);
    expect(await ParkedAnswer.exists({ sessionId: 'd', messageId: 'V-THEIRS' })).toBeNull();
  });
});

describe('a vote racing the write of its poll’s sent content', () => {
  const CHAT = '34622222222@s.whatsapp.net';
  const ME = '34600000000@s.whatsapp.net';
  const sock = { authState: { creds: { me: { id: ME } } }, signalRepository: { lidMapping: { getLIDForPN: async () => null, getPNForLID: async () => null } } };
  const deps = { sessionId: 'e', logger: silentLogger(), media: { of: async () => undefined } as never, sock: () => sock as never, emit: vi.fn() };

  it('is applied by the drain that follows the write, which waits for the vote to park itself', async () => {
    const secret = new Uint8Array(32).fill(7);
    const _id = messageObjectId('e', 'RACEPOLL');
    await Message.create({ _id, sessionId: 'e', chatId: CHAT, messageId: 'RACEPOLL', fromMe: true, kind: 'poll', text: '¿Mañana o tarde?\nMañana\nTarde', status: 'delivered', timestamp: new Date(NOW) });
    const vote = sealedVote('V-RACE', 'RACEPOLL', CHAT);
    // The vote finds its poll without a key and parks itself: just then the recorder writes the
    // key and drains. The drain must wait for the vote to be parked, or the vote is never applied.
    const order: string[] = [];
    let draining: Promise<void> = Promise.resolve();
    const find = ParkedAnswer.find.bind(ParkedAnswer);
    const upsert = ParkedAnswer.updateOne.bind(ParkedAnswer);
    vi.spyOn(ParkedAnswer, 'find').mockImplementation(((...args: Parameters<typeof find>) => (order.push('drain reads'), find(...args))) as never);
    vi.spyOn(ParkedAnswer, 'updateOne').mockImplementation((async (...args: Parameters<typeof upsert>) => {
      await Message.updateOne({ _id }, { $set: { sentProto: encodeSentContent({ pollCreationMessage: { name: '¿Mañana o tarde?' }, messageContextInfo: { messageSecret: secret } }) } });
      draining = applyParked([{ messageId: 'RACEPOLL', kind: 'poll' }], deps);
      const parked = await upsert(...args);
      order.push('vote parked');
      return parked;
    }) as never);
    await applyAnswer(vote, deps);
    await draining;
    vi.restoreAllMocks();
    expect(order).toEqual(['vote parked', 'drain reads']);
    expect(await ParkedAnswer.exists({ sessionId: 'e', messageId: 'V-RACE' })).toBeNull();
  });
});
