import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ParkedAnswer, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { KEEP_MS, MAX_PARKED, parkAnswer } from './parkedAnswers.ts';

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
