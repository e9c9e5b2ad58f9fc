import type { CacheStore, WAMessage, WASocket } from '@whiskeysockets/baileys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index.ts';
import { linkByQr, nextEvent } from './testClient.ts';

/** Baileys' cache of device lists (`userDevicesCache`), with a way to wait for a change. */
class DeviceCache implements CacheStore {
  private readonly entries = new Map<string, unknown>();
  private waiters: Array<() => boolean> = [];
  get<T>(key: string): T | undefined {
    return this.entries.get(key) as T | undefined;
  }
  set<T>(key: string, value: T): void {
    this.entries.set(key, value);
    this.changed();
  }
  del(key: string): void {
    this.entries.delete(key);
    this.changed();
  }
  flushAll(): void {
    this.entries.clear();
    this.changed();
  }
  /** The device ids cached for a user. */
  devices(user: string): number[] {
    return ((this.entries.get(user) as Array<{ device?: number }> | undefined) ?? []).map((d) => d.device ?? 0);
  }
  /** Resolves once `check` holds (now or after a change). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(() => (check() ? (resolve(), true) : false)));
  }
  private changed(): void {
    this.waiters = this.waiters.filter((w) => !w());
  }
}

let sim: Simulator;
const cache = new DeviceCache();
let first: WASocket;
let second: WASocket;
let third: WASocket | undefined;
const ACCOUNT = '15550007811';
const ALICE = '15550007822';
const pn = (digits: string) => `${digits}@s.whatsapp.net`;

beforeAll(async () => {
  sim = await startSimulator();
  sim.createPhone({ phone: ACCOUNT, name: 'Acme' });
  sim.createContact({ phone: ALICE, name: 'Alice' });
  ({ sock: first } = await linkByQr(sim, ACCOUNT, undefined, { config: { userDevicesCache: cache } }));
  ({ sock: second } = await linkByQr(sim, ACCOUNT));
});

afterAll(async () => {
  for (const sock of [first, second, third]) sock?.end(undefined);
  await sim.stop();
});

/**
 * The next `fromMe` upsert on `sock` whose text is `text`. Matched on content: the copy may
 * reach the other companion before the sending call returns its id.
 */
function copyOn(sock: WASocket, text: string): Promise<WAMessage> {
  const match = (m: WAMessage) => !!m.key.fromMe && (m.message?.conversation ?? m.message?.extendedTextMessage?.text) === text;
  return nextEvent(sock, 'messages.upsert', (e) => e.messages.some(match)).then((e) => e.messages.find(match)!);
}

describe('the other companions of the same account (self-sync between companions)', () => {
  it("gives the other companion a fromMe copy of a send, in the contact's chat", async () => {
    const copy = copyOn(second, 'desde el primero');
    const sent = await first.sendMessage(pn(ALICE), { text: 'desde el primero' });
    const id = sent?.key.id ?? '';
    expect((await copy).key).toMatchObject({ remoteJid: pn(ALICE), fromMe: true, id });
    // The contact and the phone each get it once.
    expect(await sim.waitForReceived(ALICE, (m) => m.id === id)).toMatchObject({ from: ACCOUNT, text: 'desde el primero' });
    expect(await sim.waitForPhoneReceived(ACCOUNT, (m) => m.id === id)).toMatchObject({ to: ALICE, fromDevice: sim.devices(ACCOUNT)[0]!.deviceId });
    expect(sim.received(ALICE).filter((m) => m.id === id)).toHaveLength(1);
    expect(sim.duplicates(ALICE)).toEqual([]);
  });

  it('works both ways and keeps working on the same sessions', async () => {
    for (let i = 0; i < 2; i++) {
      const toFirst = copyOn(first, `segundo ${i}`);
      const fromSecond = await second.sendMessage(pn(ALICE), { text: `segundo ${i}` });
      expect((await toFirst).key).toMatchObject({ id: fromSecond?.key.id, remoteJid: pn(ALICE), fromMe: true });
      const toSecond = copyOn(second, `primero ${i}`);
      const fromFirst = await first.sendMessage(pn(ALICE), { text: `primero ${i}` });
      expect((await toSecond).key).toMatchObject({ id: fromFirst?.key.id, remoteJid: pn(ALICE), fromMe: true });
    }
  });

  it('tells the companions of a newly linked one, so their cached device list reaches it at once', async () => {
    // `first` has cached the account's devices (5 minutes): only the `devices` notification adds the third.
    ({ sock: third } = await linkByQr(sim, ACCOUNT));
    const added = Math.max(...sim.devices(ACCOUNT).map((d) => d.deviceId));
    await cache.until(() => cache.devices(ACCOUNT).includes(added));
    const onThird = copyOn(third, 'para los tres');
    const onSecond = copyOn(second, 'para los tres');
    const sent = await first.sendMessage(pn(ALICE), { text: 'para los tres' });
    expect((await onThird).key).toMatchObject({ id: sent?.key.id, fromMe: true, remoteJid: pn(ALICE) });
    expect((await onSecond).key.id).toBe(sent?.key.id);
  });

  it("relays a companion's group message to the other companions, with its sender key once", async () => {
    const group = sim.createGroup({ subject: 'Tienda', members: [ALICE, ACCOUNT] }).jid;
    for (const words of ['al grupo', 'otra vez al grupo']) {
      const copy = nextEvent(second, 'messages.upsert', (e) => e.messages.some((m) => m.key.remoteJid === group && m.message?.extendedTextMessage?.text === words));
      const sent = await first.sendMessage(group, { text: words });
      const got = (await copy).messages.find((m) => m.key.id === sent?.key.id);
      expect(got?.key).toMatchObject({ remoteJid: group, fromMe: true });
      expect(await sim.waitForReceived(ALICE, (m) => m.id === sent?.key.id)).toMatchObject({ group, text: words });
    }
  });

  it('sends what the phone writes to every companion', async () => {
    const copies = [first, second, third!].map((sock) => copyOn(sock, 'desde el móvil'));
    const { id } = await sim.phoneSend(ACCOUNT, { to: ALICE, text: 'desde el móvil' });
    for (const copy of await Promise.all(copies)) expect(copy.key).toMatchObject({ id, fromMe: true, remoteJid: pn(ALICE) });
  });

  it('tells the other companions when one is removed, so their cached device list drops it', async () => {
    const removed = Math.max(...sim.devices(ACCOUNT).map((d) => d.deviceId));
    expect(cache.devices(ACCOUNT)).toContain(removed);
    sim.unlink(ACCOUNT, removed);
    await cache.until(() => !cache.devices(ACCOUNT).includes(removed));
    // The others stay: the phone and the second companion (a companion never lists itself).
    const [, ...others] = sim.devices(ACCOUNT).map((d) => d.deviceId);
    expect(cache.devices(ACCOUNT).sort()).toEqual([0, ...others].sort());
    const copy = copyOn(second, 'ya sin el tercero');
    const sent = await first.sendMessage(pn(ALICE), { text: 'ya sin el tercero' });
    expect((await copy).key.id).toBe(sent?.key.id);
  });
});
