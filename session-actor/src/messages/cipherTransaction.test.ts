import { addTransactionCapability, type SignalDataTypeMap, type SignalKeyStore } from '@whiskeysockets/baileys';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { makeCipherTransaction } from './cipherTransaction.ts';

/** A key store whose writes are visible at once: what the database holds. */
function memoryStore() {
  const data = new Map<string, unknown>();
  /** The session ids each commit wrote. */
  const commits: string[][] = [];
  const store: SignalKeyStore = {
    async get(type, ids) {
      const out: Record<string, unknown> = {};
      for (const id of ids) if (data.has(`${type}/${id}`)) out[id] = data.get(`${type}/${id}`);
      return out as never;
    },
    async set(values) {
      commits.push(Object.keys(values.session ?? {}).sort());
      for (const [type, entries] of Object.entries(values)) {
        for (const [id, value] of Object.entries(entries ?? {})) data.set(`${type}/${id}`, value);
      }
    },
  };
  const keys = addTransactionCapability(store, pino({ level: 'silent' }), { maxCommitRetries: 1, delayBetweenTriesMs: 0 });
  return { data, keys, commits };
}

type Session = SignalDataTypeMap['session'];
const session = (n: number) => Uint8Array.of(n) as unknown as Session;
const counterOf = (value: unknown) => (value ? (value as Uint8Array)[0]! : 0);

describe('cipher transaction', () => {
  it('stores a cipher step before returning, even inside a transaction Baileys opened around a send', async () => {
    const { data, keys } = memoryStore();
    const inCipher = makeCipherTransaction(keys);
    await keys.transaction(async () => {
      await inCipher(async () => keys.set({ session: { 'bob.0': session(1) } }));
      // relayMessage writes the stanza here: the ratchet step must already be durable.
      expect(counterOf(data.get('session/bob.0'))).toBe(1);
    }, 'me@s.whatsapp.net');
  });

  it('runs cipher steps from different transactions one after the other, losing none', async () => {
    const { data, keys } = memoryStore();
    const inCipher = makeCipherTransaction(keys);
    const step = () =>
      inCipher(async () => {
        const { 'bob.0': current } = await keys.get('session', ['bob.0']);
        await new Promise<void>((resolve) => setImmediate(resolve)); // the other step gets a turn
        await keys.set({ session: { 'bob.0': session(counterOf(current) + 1) } });
      });
    // A send (inside relayMessage's transaction) and a receive (inside a decrypt's) at once.
    await Promise.all([keys.transaction(step, 'me@s.whatsapp.net'), keys.transaction(step, 'bob@lid')]);
    expect(counterOf(data.get('session/bob.0'))).toBe(2);
  });

  it('lets a cipher step nested in another one join it', async () => {
    const { data, keys } = memoryStore();
    const inCipher = makeCipherTransaction(keys);
    await inCipher(() => inCipher(async () => keys.set({ session: { 'bob.0': session(7) } })));
    expect(counterOf(data.get('session/bob.0'))).toBe(7);
  });

  it('commits the batchable steps started together once, and resolves each only after that commit', async () => {
    const { data, keys, commits } = memoryStore();
    const inCipher = makeCipherTransaction(keys);
    const seen: number[] = [];
    const encrypt = (jid: string, n: number) =>
      inCipher(async () => {
        await keys.set({ session: { [jid]: session(n) } });
        return n;
      }, { batch: true }).then((n) => {
        // Resolved after the commit: what it wrote is stored.
        seen.push(counterOf(data.get(`session/${jid}`)));
        return n;
      });
    // A send encrypts for the contact's device and our own phone at once.
    expect(await Promise.all([encrypt('bob.0', 1), encrypt('me.0', 2)])).toEqual([1, 2]);
    expect(seen).toEqual([1, 2]);
    expect(commits).toEqual([['bob.0', 'me.0']]);
    // One that fails is rejected alone; the others' keys are committed.
    const failing = inCipher(async () => {
      throw new Error('Bad MAC');
    }, { batch: true });
    const after = encrypt('bob.0', 3);
    await expect(failing).rejects.toThrow('Bad MAC');
    expect(await after).toBe(3);
    expect(commits).toEqual([['bob.0', 'me.0'], ['bob.0']]);
  });
});
