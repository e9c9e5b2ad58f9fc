import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbOutbox, memoryOutbox } from './idbStore.ts';
import { OutboxQueue, isRetryable } from './OutboxQueue.ts';
import type { OutboxItem, OutboxStore, SentReceipt } from './types.ts';

/** A fake gateway: accepts each clientId once (like the real one), can be "down". */
function fakeServer() {
  const accepted: string[] = [];
  const received: string[] = [];
  let down = false;
  let refuse = new Set<string>();
  return {
    accepted,
    received,
    setDown(v: boolean) {
      down = v;
    },
    refuse(text: string) {
      refuse = new Set([...refuse, text]);
    },
    async send(item: OutboxItem): Promise<SentReceipt> {
      if (down) throw { status: 0, code: 'network_error', message: 'offline' };
      if (refuse.has(item.text ?? '')) throw { status: 400, code: 'invalid_recipient', message: 'The recipient is not valid' };
      const duplicate = accepted.includes(item.clientId);
      if (!duplicate) {
        accepted.push(item.clientId);
        received.push(item.text ?? '');
      }
      return { messageId: `m-${item.clientId}`, duplicate };
    },
  };
}

/** Manual timers: tests fire them explicitly (no sleeping). */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let n = 0;
  return {
    setTimer: (fn: () => void) => {
      pending.set(++n, fn);
      return n;
    },
    clearTimer: (h: unknown) => pending.delete(h as number),
    fireAll() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    },
    get count() {
      return pending.size;
    },
  };
}

/** Observes a queue's changes; `until(pred)` resolves once the outbox satisfies `pred` (no polling, no sleeps). */
function watch() {
  let items: OutboxItem[] = [];
  const waiters: { pred: (i: OutboxItem[]) => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (!w.pred(items)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  return {
    onChange(next: OutboxItem[]) {
      items = next;
      check();
    },
    onIdle: check,
    until(pred: (i: OutboxItem[]) => boolean): Promise<void> {
      if (pred(items)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const empty = (i: OutboxItem[]) => i.length === 0;
const idle = (i: OutboxItem[]) => i.every((x) => x.state !== 'sending');

const item = (text: string, createdAt: number) => ({ clientId: `c-${text}`, sessionId: 'ventas', chatId: '346@s.whatsapp.net', text, createdAt });

describe('offline outbox', () => {
  it('sends replies in the order they were typed and empties the outbox', async () => {
    const server = fakeServer();
    const w = watch();
    const q = new OutboxQueue({ store: memoryOutbox(), send: (i) => server.send(i), onChange: w.onChange, onIdle: w.onIdle, ...manualTimers() });
    await q.enqueue(item('one', 1));
    await q.enqueue(item('two', 2));
    await w.until(empty);
    expect(server.received).toEqual(['one', 'two']);
    expect(q.list()).toEqual([]);
  });

  it('keeps replies typed while the server is down and sends each once, in order, when it returns', async () => {
    const server = fakeServer();
    const timers = manualTimers();
    const w = watch();
    let attempts = 0;
    const q = new OutboxQueue({ store: memoryOutbox(), send: (i) => (attempts++, server.send(i)), onChange: w.onChange, onIdle: w.onIdle, ...timers });
    server.setDown(true);
    await q.enqueue(item('first', 1));
    await q.enqueue(item('second', 2));
    await w.until((i) => i.length === 2 && idle(i) && attempts >= 1 && timers.count === 1);
    expect(q.list().map((i) => [i.text, i.state])).toEqual([
      ['first', 'queued'],
      ['second', 'queued'],
    ]);
    expect(timers.count).toBe(1); // one backoff retry scheduled, not a busy loop
    timers.fireAll(); // still down: stays queued, schedules the next attempt
    await w.until((i) => idle(i) && attempts >= 2 && timers.count === 1);
    expect(server.received).toEqual([]);
    server.setDown(false);
    q.kick(); // the connection came back
    await w.until(empty);
    expect(server.received).toEqual(['first', 'second']);
    expect(q.list()).toEqual([]);
  });

  it('never sends a reply twice even when an answer was lost and the send is repeated', async () => {
    const server = fakeServer();
    let loseNextAnswer = true;
    const w = watch();
    const q = new OutboxQueue({
      store: memoryOutbox(),
      onChange: w.onChange, onIdle: w.onIdle,
      ...manualTimers(),
      async send(i) {
        const r = await server.send(i);
        if (loseNextAnswer) {
          loseNextAnswer = false;
          throw { status: 0, code: 'network_error', message: 'connection reset' };
        }
        return r;
      },
    });
    await q.enqueue(item('hola', 1));
    await w.until((i) => i.length === 1 && i[0]!.state === 'queued' && i[0]!.attempts === 1);
    q.kick();
    await w.until(empty);
    expect(server.received).toEqual(['hola']);
    expect(q.list()).toEqual([]);
  });

  it('marks a reply the server refuses as failed with the reason, and moves on to the next', async () => {
    const server = fakeServer();
    server.refuse('bad');
    const w = watch();
    const q = new OutboxQueue({ store: memoryOutbox(), send: (i) => server.send(i), onChange: w.onChange, onIdle: w.onIdle, ...manualTimers() });
    await q.enqueue(item('bad', 1));
    await q.enqueue(item('good', 2));
    await w.until((i) => i.length === 1 && i[0]!.state === 'failed');
    expect(server.received).toEqual(['good']);
    expect(q.list()).toMatchObject([{ text: 'bad', state: 'failed', error: { code: 'invalid_recipient' } }]);
    await q.discard('c-bad');
    expect(q.list()).toEqual([]);
  });

  it('survives a reload: queued replies are kept in IndexedDB and sent by the next page', async () => {
    const server = fakeServer();
    const store: OutboxStore = indexedDbOutbox('user-1');
    server.setDown(true);
    const w1 = watch();
    const timers = manualTimers();
    const before = new OutboxQueue({ store, send: (i) => server.send(i), onChange: w1.onChange, onIdle: w1.onIdle, ...timers });
    await before.enqueue({ ...item('con foto', 1), file: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), fileName: 'a.png' });
    await before.enqueue(item('texto', 2));
    await w1.until((i) => i.length === 2 && idle(i) && timers.count === 1);
    before.stop();
    server.setDown(false);
    const w2 = watch();
    let sentFile: Blob | undefined;
    const after = new OutboxQueue({ store: indexedDbOutbox('user-1'), send: (i) => ((sentFile ??= i.file), server.send(i)), onChange: w2.onChange, onIdle: w2.onIdle, ...manualTimers() });
    await after.load();
    await w2.until(empty);
    expect(server.received).toEqual(['con foto', 'texto']);
    expect(new Uint8Array(await sentFile!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(await indexedDbOutbox('user-1').all()).toEqual([]);
  });

  it('keeps the outboxes of different users apart', async () => {
    await indexedDbOutbox('ana').put({ ...item('x', 1), state: 'queued', attempts: 0 });
    expect(await indexedDbOutbox('otto').all()).toEqual([]);
    expect((await indexedDbOutbox('ana').all()).map((i) => i.text)).toEqual(['x']);
  });

  it('retries what cannot reach the server, not what the server refused', () => {
    expect(isRetryable({ status: 0 })).toBe(true);
    expect(isRetryable({ status: 503 })).toBe(true);
    expect(isRetryable({ status: 429 })).toBe(true);
    expect(isRetryable({ status: 400 })).toBe(false);
    expect(isRetryable({ status: 403 })).toBe(false);
  });
});
