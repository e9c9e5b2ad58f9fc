import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { BufferJSON, proto, writeRandomPadMax16 } from '@whiskeysockets/baileys';
import { AuthKey, connectDatabase, disconnectDatabase, Message } from '@switchboard/shared/node';
import { queriesOn } from '../../../tests/support/queryLog.ts';
import { testDbUri } from '../../../tests/support/testDb.ts';
import { decodeParts, openInbox } from './inbox.ts';

const padded = (msg: proto.IMessage) => Buffer.from(writeRandomPadMax16(proto.Message.encode(msg).finish()));

beforeAll(async () => {
  await connectDatabase(testDbUri('actor_inbox'), pino({ level: 'silent' }));
});
afterAll(async () => {
  await disconnectDatabase();
});

describe('decodeParts', () => {
  it('unpads and merges the parts of one message in stanza order', () => {
    const merged = decodeParts([
      { part: 1, plaintext: padded({ conversation: 'hola' }) },
      { part: 0, plaintext: padded({ senderKeyDistributionMessage: { groupId: 'g@g.us' } }) },
    ]);
    expect(merged?.conversation).toBe('hola');
    expect(merged?.senderKeyDistributionMessage?.groupId).toBe('g@g.us');
  });
});

describe('inbox', () => {
  it('replays a decrypted message that was never stored, once, until it is marked done', async () => {
    const inbox = openInbox('inbox-1');
    const key = { remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id: 'M1' };
    const entry = { messageId: 'M1', part: 0, key: JSON.stringify(key, BufferJSON.replacer), messageTimestamp: 1_700_000_000, pushName: 'Ana', plaintext: padded({ conversation: 'hola' }) };
    await inbox.put(entry);
    await inbox.put(entry); // a redelivery decrypted again: still one message
    await openInbox('inbox-2').put({ ...entry, messageId: 'M2' });

    const [msg, ...rest] = await inbox.leftovers({ id: '34600000009:1@s.whatsapp.net' });
    expect(rest).toHaveLength(0);
    expect(msg).toMatchObject({ key, messageTimestamp: 1_700_000_000, pushName: 'Ana', message: { conversation: 'hola' } });

    await inbox.done(['M1']);
    expect(await inbox.leftovers({ id: '34600000009:1@s.whatsapp.net' })).toEqual([]);
  });

  it('a new process finds the parts a killed one left, and deletes them once stored', async () => {
    const key = { remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id: 'G1' };
    const part = (n: number, msg: proto.IMessage) => ({ messageId: 'G1', part: n, key: JSON.stringify(key, BufferJSON.replacer), messageTimestamp: 1_700_000_001, pushName: null, plaintext: padded(msg) });
    const killed = openInbox('inbox-3');
    await killed.put(part(0, { senderKeyDistributionMessage: { groupId: 'g@g.us' } }));
    await killed.put(part(1, { conversation: 'hola grupo' }));

    const restarted = openInbox('inbox-3');
    await restarted.done(['G1']); // not known to this process before leftovers: nothing happens
    const [msg] = await restarted.leftovers({ id: '34600000009:1@s.whatsapp.net' });
    expect(msg?.message?.conversation).toBe('hola grupo');
    await restarted.done(['G1']);
    expect(await openInbox('inbox-3').leftovers({ id: '34600000009:1@s.whatsapp.net' })).toEqual([]);
  });

  it('deletes the parts of several messages in one request', async () => {
    const inbox = openInbox('inbox-4');
    const entry = (id: string, part: number) => ({ messageId: id, part, key: JSON.stringify({ remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id }, BufferJSON.replacer), messageTimestamp: 1_700_000_002, pushName: null, plaintext: padded({ conversation: id }) });
    for (const [id, part] of [['A', 0], ['A', 1], ['B', 0], ['C', 0]] as const) await inbox.put(entry(id, part));
    const writes = (await queriesOn('authkeys', () => inbox.done(['A', 'B']))).calls.map(([method]) => method);
    expect(writes).toEqual(['bulkWrite']);
    const left = await inbox.leftovers({ id: '34600000009:1@s.whatsapp.net' });
    expect(left.map((m) => m.key.id)).toEqual(['C']);
  });

  it('replays a part that rode on a key commit, and one an older version left in inboxparts', async () => {
    const me = { id: '34600000009:1@s.whatsapp.net' };
    const inbox = openInbox('inbox-5');
    const key = (id: string) => ({ remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id });
    const riders = inbox.riders({ messageId: 'R1', part: 0, key: JSON.stringify(key('R1'), BufferJSON.replacer), messageTimestamp: 1_700_000_004, pushName: 'Ana', plaintext: padded({ conversation: 'con las claves' }) });
    // The inbox's marker first, then the part.
    expect(riders.map((r) => r.id)).toEqual(['open', 'R1|0']);
    // What a key commit writes for them (auth/mongoAuthState.ts writeKeys).
    for (const rider of riders) await AuthKey.create({ sessionId: 'inbox-5', type: rider.type, id: rider.id, data: rider.data });
    await Message.db.collection('inboxparts').insertOne({
      _id: 'inbox-5|L1|0' as never, sessionId: 'inbox-5', messageId: 'L1', part: 0, key: JSON.stringify(key('L1'), BufferJSON.replacer),
      messageTimestamp: 1_700_000_003, pushName: null, plaintext: padded({ conversation: 'de antes' }), createdAt: new Date(Date.now() - 60_000),
    });

    const restarted = openInbox('inbox-5');
    const left = await restarted.leftovers(me);
    // Oldest first: the legacy part was stored a minute earlier.
    expect(left.map((m) => [m.key.id, m.message?.conversation])).toEqual([['L1', 'de antes'], ['R1', 'con las claves']]);
    expect(left[1]).toMatchObject({ key: key('R1'), pushName: 'Ana', messageTimestamp: 1_700_000_004 });
    await restarted.done(['L1', 'R1']);
    expect(await openInbox('inbox-5').leftovers(me)).toEqual([]);
    expect(await Message.db.collection('inboxparts').countDocuments({ sessionId: 'inbox-5' })).toBe(0);
  });

  it('looks for parts only after a start that finds the marker, which a graceful stop with nothing left removes', async () => {
    const me = { id: '34600000009:1@s.whatsapp.net' };
    const entry = (id: string) => ({ messageId: id, part: 0, key: JSON.stringify({ remoteJid: '34600000001@s.whatsapp.net', fromMe: false, id }, BufferJSON.replacer), messageTimestamp: 1_700_000_005, pushName: null, plaintext: padded({ conversation: id }) });
    const authKeyCalls = async (fn: () => Promise<unknown>) => (await queriesOn('authkeys', fn)).calls.map(([method]) => method);
    // Never used: one read by _id, no search.
    const fresh = openInbox('inbox-6');
    expect(await authKeyCalls(() => fresh.leftovers(me))).toEqual(['findOne']);

    // A part written on its own brings the marker with it, once.
    await fresh.put(entry('P1'));
    const second = fresh.riders(entry('P2'));
    expect(second.map((r) => r.id)).toEqual(['P2|0']);
    // A crash now: the next start finds the marker and the part.
    const afterCrash = openInbox('inbox-6');
    expect((await afterCrash.leftovers(me)).map((m) => m.key.id)).toEqual(['P1']);
    // A graceful stop with a part still there keeps the marker…
    await afterCrash.close();
    expect(await AuthKey.countDocuments({ sessionId: 'inbox-6' })).toBe(2);
    // …and with none left removes it: the next start reads only the marker's _id.
    await afterCrash.done(['P1']);
    await afterCrash.close();
    expect(await AuthKey.countDocuments({ sessionId: 'inbox-6' })).toBe(0);
    const next = openInbox('inbox-6');
    expect(await authKeyCalls(() => next.leftovers(me))).toEqual(['findOne']);
    // Used again, the marker rides with the first part.
    expect(next.riders(entry('P3')).map((r) => r.id)).toEqual(['open', 'P3|0']);
  });
});
