/**
 * Issue 13: the outbox claims a backlog with one request, writes `sent` in batches, and claims a
 * message the hub names (a flush hint) by key instead of scanning the messages. Real actor, real
 * Baileys against the simulator, real database behind a counting proxy.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '@switchboard/wa-sim';
import { Message } from '@switchboard/shared/node';
import type { DbFaultProxy } from '../../support/dbFaultProxy.ts';
import { queriesOn } from '../../support/queryLog.ts';
import { startLinkedActor, stopLinkedActor, type ActorRun } from './harness.ts';

const SESSION = 'batches';
const PHONE = '15550007401';
const ALICE = '15550007402';
let sim: Simulator;
let proxy: DbFaultProxy;
let run: ActorRun;
let clock = Date.now();

/** Stores a pending text (later than every one before it); returns its id. */
async function queue(text: string, attempts = 0): Promise<string> {
  const messageId = `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
  clock += 1000;
  await Message.create({
    sessionId: SESSION, chatId: `${ALICE}@s.whatsapp.net`, messageId, fromMe: true, status: 'pending',
    kind: 'text', text, timestamp: new Date(clock), attempts,
  });
  return messageId;
}

/** The mongoose calls on the messages collection made while `fn` runs: [method, ...arguments]. */
const messageCalls = async (fn: () => Promise<unknown>): Promise<unknown[][]> => (await queriesOn('messages', fn)).calls;

/** Whether an update document increments `attempts` (a claim). */
const claims = (update: unknown): boolean => JSON.stringify(update ?? null).includes('"$inc":{"attempts":1}');

const receivedOnce = (id: string) => sim.received(ALICE).filter((m) => m.id === id).length === 1;

beforeAll(async () => {
  let proxied: DbFaultProxy | undefined;
  ({ sim, run, proxy: proxied } = await startLinkedActor({ db: 'outbox_batches', sessionId: SESSION, name: 'Batches', phone: PHONE, contacts: { [ALICE]: 'Alice' }, proxied: true }));
  proxy = proxied!;
  // Without receipts only the outbox moves messages on (receipts would race the `sent` writes).
  sim.setAutoReceipts(ALICE, { delivery: false });
});

afterAll(() => stopLinkedActor(run, sim, proxy));

describe('outbox batches (issue 13)', () => {
  it('sends a backlog once each, in order, claiming it with one request and writing sent in batches', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await queue(`backlog ${i}`));
    const updates = proxy.watch('update', 'messages');
    const singles = proxy.watch('findAndModify', 'messages');
    await run.handlers.flushOutbox({});
    for (const id of ids) await run.waitFor('message-sent', (e) => e.message.id === id);
    await sim.waitForReceived(ALICE, (m) => m.id === ids[5]);

    expect(sim.received(ALICE).filter((m) => ids.includes(m.id)).map((m) => m.id)).toEqual(ids);
    expect(ids.every(receivedOnce)).toBe(true);
    const announced = run.events.flatMap((e) => (e.type === 'message-sent' && ids.includes(e.message.id) ? [e.message.id] : []));
    expect(announced).toEqual(ids);
    const stored = await Message.find({ sessionId: SESSION, messageId: { $in: ids } }).lean();
    expect(stored.map((m) => [m.status, m.attempts])).toEqual(ids.map(() => ['sent', 1]));
    // One claim for the six, then at most one `sent` write per ack (fewer when acks bunch up);
    // one request each for claim and `sent` would be twelve.
    expect(updates.count + singles.count).toBeLessThanOrEqual(7);
    expect(updates.count).toBeGreaterThanOrEqual(1);
  });

  it('claims a hinted message by key once a scan found nothing else waiting, and scans when a hint is unclear', async () => {
    // Caught up: the last flush scanned on this socket and left nothing behind. An unhinted
    // pending message is not looked for by a hinted flush: the hint is claimed by key alone.
    const unhinted = await queue('not hinted');
    const hinted = await queue('hinted');
    expect((await run.handlers.flushOutbox({ messageIds: [hinted] })).attempted).toBe(1);
    await run.waitFor('message-sent', (e) => e.message.id === hinted);
    expect((await Message.findOne({ sessionId: SESSION, messageId: unhinted }).lean())?.status).toBe('pending');

    // A hint for a message claimed before (a previous actor died mid-send) is not claimed by
    // key: the flush scans and sends everything pending, oldest first.
    const claimedBefore = await queue('claimed before', 1);
    expect((await run.handlers.flushOutbox({ messageIds: [claimedBefore] })).attempted).toBe(2);
    await run.waitFor('message-sent', (e) => e.message.id === claimedBefore);
    await run.waitFor('message-sent', (e) => e.message.id === unhinted);
    const order = sim.received(ALICE).map((m) => m.id);
    expect(order.indexOf(unhinted)).toBeLessThan(order.indexOf(claimedBefore));
    expect([hinted, unhinted, claimedBefore].every(receivedOnce)).toBe(true);
    expect((await Message.findOne({ sessionId: SESSION, messageId: claimedBefore }).lean())?.attempts).toBe(2);
  });

  it('reads no message to send a hinted one: Baileys\' echo of our own send is known without a lookup', async () => {
    const id = await queue('no echo lookup');
    const sock = run.actor.socket!;
    const echoed = new Promise<void>((resolve) => {
      const onUpsert = ({ messages }: { messages: { key: { id?: string | null; fromMe?: boolean | null } }[] }) => {
        if (!messages.some((m) => m.key.id === id && m.key.fromMe)) return;
        sock.ev.off('messages.upsert', onUpsert);
        resolve();
      };
      sock.ev.on('messages.upsert', onUpsert);
    });
    const calls = await messageCalls(async () => {
      await run.handlers.flushOutbox({ messageIds: [id] });
      await run.waitFor('message-sent', (e) => e.message.id === id);
      // The actor handled the echo before this listener (it subscribed first); then its queue drains.
      await echoed;
      await run.actor.persisted();
    });
    // The claim by key returns the message; before, ingest asked whether the echo was stored.
    expect(calls.filter(([method]) => method === 'findOne' || method === 'find')).toEqual([]);
    expect(calls.filter(([method]) => method === 'findOneAndUpdate').length).toBeGreaterThanOrEqual(1);
    await sim.waitForReceived(ALICE, (m) => m.id === id);
    expect(receivedOnce(id)).toBe(true);
    expect(await Message.countDocuments({ sessionId: SESSION, messageId: id })).toBe(1);
  });

  it('answers a hint for a message already sent without sending it again', async () => {
    const id = await queue('once');
    await run.handlers.flushOutbox({ messageIds: [id] });
    await run.waitFor('message-sent', (e) => e.message.id === id);
    await expect.poll(async () => (await Message.findOne({ sessionId: SESSION, messageId: id }).lean())?.status).toBe('sent');
    expect((await run.handlers.flushOutbox({ messageIds: [id] })).attempted).toBe(0);
    await sim.waitForReceived(ALICE, (m) => m.id === id);
    expect(receivedOnce(id)).toBe(true);
  });

  it('claims a burst of hinted messages with one request, and sends them in the order accepted', async () => {
    const ids = [await queue('burst 1'), await queue('burst 2'), await queue('burst 3')];
    const calls = await messageCalls(async () => {
      await run.handlers.flushOutbox({ messageIds: ids });
      for (const id of ids) await run.waitFor('message-sent', (e) => e.message.id === id);
    });
    const claimCalls = calls.filter(([method, ...args]) =>
      method === 'bulkWrite' ? (args[0] as { updateOne?: { update: unknown } }[]).some((op) => claims(op.updateOne?.update)) : method === 'findOneAndUpdate' && claims(args[1]),
    );
    expect(claimCalls).toHaveLength(1);
    expect(claimCalls[0]![0]).toBe('bulkWrite');
    expect(claimCalls[0]![1]).toHaveLength(3);
    await sim.waitForReceived(ALICE, (m) => m.id === ids[2]);
    expect(sim.received(ALICE).filter((m) => ids.includes(m.id)).map((m) => m.id)).toEqual(ids);
    expect(ids.every(receivedOnce)).toBe(true);
  });
});
