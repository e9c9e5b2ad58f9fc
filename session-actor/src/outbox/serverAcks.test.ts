import { EventEmitter } from 'node:events';
import type { WASocket } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerAcks } from './serverAcks.ts';

/** Baileys' socket as far as acks go: its websocket emits `CB:ack,class:message` per ack stanza. */
const socket = () => ({ ws: new EventEmitter() }) as unknown as WASocket;
const ack = (sock: WASocket, id: string, error?: string) =>
  sock.ws.emit('CB:ack,class:message', { tag: 'ack', attrs: { class: 'message', id, ...(error ? { error } : {}) } });

function tracker() {
  const acked: string[] = [];
  const rejected: [string, string][] = [];
  const acks = new ServerAcks<string>({ onAck: (m) => acked.push(m), onReject: (m, code) => rejected.push([m, code]) });
  return { acks, acked, rejected };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ServerAcks', () => {
  it('reports a message sent once WhatsApp acks it on the socket it was written to, and keeps it in flight until then', () => {
    const { acks, acked } = tracker();
    const sock = socket();
    acks.expect(sock, 'M1', 'first');
    acks.expect(sock, 'M2', 'second');
    ack(socket(), 'M1'); // another socket's ack is not ours
    expect(acked).toEqual([]);
    expect(acks.inFlight(sock)).toEqual(['M1', 'M2']);
    ack(sock, 'M1');
    ack(sock, 'M1'); // a second ack (a resend by Baileys' retry) changes nothing
    expect(acked).toEqual(['first']);
    expect(acks.inFlight(sock)).toEqual(['M2']);
  });

  it('forgets messages of a socket that is gone, so they are written again on the next one', () => {
    const { acks, acked } = tracker();
    const old = socket();
    acks.expect(old, 'M1', 'first');
    const next = socket();
    expect(acks.inFlight(next)).toEqual([]);
    ack(old, 'M1');
    expect(acked).toEqual([]);
  });

  it('reports an error ack with its code and does not write the message again on that socket', () => {
    const { acks, acked, rejected } = tracker();
    const sock = socket();
    acks.expect(sock, 'M1', 'first');
    ack(sock, 'M1', '479');
    expect(rejected).toEqual([['first', '479']]);
    expect(acked).toEqual([]);
    expect(acks.inFlight(sock)).toEqual(['M1']);
  });

  it('drains when every written message is acked or rejected, or when the grace time is over', async () => {
    const { acks } = tracker();
    const sock = socket();
    acks.expect(sock, 'M1', 'first');
    acks.expect(sock, 'M2', 'second');
    let drained = false;
    const waiting = acks.drained(sock, 60_000).then(() => (drained = true));
    ack(sock, 'M1');
    await Promise.resolve();
    expect(drained).toBe(false);
    ack(sock, 'M2', '479');
    await waiting;

    vi.useFakeTimers();
    acks.expect(sock, 'M3', 'third');
    const timedOut = acks.drained(sock, 2000);
    vi.advanceTimersByTime(2000);
    await timedOut;
    expect(acks.inFlight(sock)).toContain('M3');
  });

  it('stops tracking a message whose write failed', () => {
    const { acks } = tracker();
    const sock = socket();
    acks.expect(sock, 'M1', 'first');
    acks.cancel('M1');
    expect(acks.inFlight(sock)).toEqual([]);
  });
});
