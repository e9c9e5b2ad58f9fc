import { describe, expect, it } from 'vitest';
import {
  barrierDoneEnvelope,
  barrierEnvelope,
  eventEnvelope,
  heartbeatEnvelope,
  initEnvelope,
  isControl,
  isEnvelope,
  isEventEnvelope,
  isFromActor,
  isReply,
  isRequest,
  isToActor,
  readyEnvelope,
  shutdownEnvelope,
} from './envelope.ts';

const counters = { messagesIn: 1, messagesOut: 2, eventsSent: 3, reconnects: 0, lastTrafficAt: null };

describe('envelope guards', () => {
  it('accepts every well-formed v1 envelope and routes it to the right side', () => {
    const req = { v: 1, kind: 'req', id: 1, cmd: 'probe', args: {} };
    const ok = { v: 1, kind: 'res', id: 1, ok: true, result: { open: true } };
    const bad = { v: 1, kind: 'res', id: 2, ok: false, error: { name: 'E', code: 'X', message: 'm' } };
    expect(isRequest(req)).toBe(true);
    expect(isToActor(req)).toBe(true);
    expect(isFromActor(req)).toBe(false);
    expect(isReply(ok)).toBe(true);
    expect(isReply(bad)).toBe(true);
    expect(isFromActor(bad)).toBe(true);
    expect(isEventEnvelope(eventEnvelope({ type: 'qr', qr: 'abc' }))).toBe(true);
    expect(isControl(readyEnvelope())).toBe(true);
    expect(isFromActor(heartbeatEnvelope({ rssBytes: 1, heapUsedBytes: 1, eventLoopLagMs: 0, counters }))).toBe(true);
    expect(isToActor(shutdownEnvelope(500))).toBe(true);
    const init = initEnvelope({
      sessionId: 's1',
      mongoUri: 'mongodb://x/db',
      authStorage: 'mongo',
      dataDir: '/tmp/x',
      logLevel: 'info',
      wa: {},
      preloadChats: { type: 'individual', limit: 30 },
      heartbeatMs: 1000,
    });
    expect(isToActor(init)).toBe(true);
    expect(isFromActor(init)).toBe(false);
    expect(isFromActor(barrierEnvelope(7))).toBe(true);
    expect(isToActor(barrierEnvelope(7))).toBe(false);
    expect(isToActor(barrierDoneEnvelope(7, false))).toBe(true);
    expect(isFromActor(barrierDoneEnvelope(7, true))).toBe(false);
  });

  it('rejects other versions, unknown kinds and malformed shapes', () => {
    expect(isEnvelope(null)).toBe(false);
    expect(isEnvelope('ready')).toBe(false);
    expect(isEnvelope({ v: 2, kind: 'ready' })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'hello' })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'req', id: '1', cmd: 'probe' })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'res', id: 1, ok: false })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'event', event: { qr: 'x' } })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'heartbeat', rssBytes: 1 })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'shutdown' })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'init', config: {} })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'barrier' })).toBe(false);
    expect(isEnvelope({ v: 1, kind: 'barrier-done', id: 1 })).toBe(false);
  });
});
