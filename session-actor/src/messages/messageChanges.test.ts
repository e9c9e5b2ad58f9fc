import { proto, type WAMessage } from '@whiskeysockets/baileys';
import type { ActorEvent } from '@switchboard/shared';
import { Message, connectDatabase, disconnectDatabase, messageObjectId, silentLogger, type MessageDoc } from '@switchboard/shared/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { applyChange, commitChange, ownChangesInFlight, type ChangeDeps } from './messageChanges.ts';

const CHAT = '15550004444@s.whatsapp.net';

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_changes'), silentLogger());
});
afterAll(async () => {
  await disconnectDatabase();
});

function depsWith(events: ActorEvent[]): ChangeDeps {
  return { sessionId: 's', logger: silentLogger(), media: { of: async () => undefined } as unknown as ChangeDeps['media'], sock: () => null, emit: (e) => events.push(e) };
}

/** One of our sent texts, stored. */
async function ours(messageId: string): Promise<MessageDoc> {
  await Message.create({ sessionId: 's', chatId: CHAT, messageId, fromMe: true, kind: 'text', text: 'hola', status: 'sent', timestamp: new Date() });
  return (await Message.findById(messageObjectId('s', messageId)).lean<MessageDoc>())!;
}

/** Baileys' echo of our own deletion of `targetId` (a REVOKE protocol message, second-resolution time). */
const revokeEcho = (targetId: string): WAMessage => ({
  key: { remoteJid: CHAT, fromMe: true, id: `ECHO-${targetId}` },
  messageTimestamp: Math.floor(Date.now() / 1000),
  message: { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { remoteJid: CHAT, fromMe: true, id: targetId } } },
});

describe('changes to our own messages', () => {
  it('leaves the echo of a change alone while this actor is writing that change', async () => {
    await ours('OWN-1');
    const events: ActorEvent[] = [];
    ownChangesInFlight.add('OWN-1');
    try {
      await applyChange({ type: 'revoke', msg: revokeEcho('OWN-1'), targetId: 'OWN-1' }, depsWith(events));
    } finally {
      ownChangesInFlight.delete('OWN-1');
    }
    expect(events).toEqual([]);
    expect((await Message.findById(messageObjectId('s', 'OWN-1')).lean())?.revokedAt ?? null).toBeNull();
  });

  it('writes and announces a deletion once, whichever of two racing writes comes second', async () => {
    const target = await ours('OWN-2');
    const events: ActorEvent[] = [];
    const first = new Date(1_800_000_000_123);
    await commitChange(target, { type: 'revoke' }, first, depsWith(events));
    await commitChange(target, { type: 'revoke' }, new Date(1_800_000_000_000), depsWith(events));
    expect(events).toHaveLength(1);
    expect((await Message.findById(messageObjectId('s', 'OWN-2')).lean())?.revokedAt?.getTime()).toBe(first.getTime());
  });
});
