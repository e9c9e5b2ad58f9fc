import { describe, expect, it } from 'vitest';
import type { TimelineKind } from '@switchboard/shared';
import { classify, collapse, type LifecycleEvent } from './classify.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

type State = Extract<LifecycleEvent, { type: 'connection-state' }>;
type Exit = Extract<LifecycleEvent, { type: 'actor-exit' }>;

/** A connection-state event of session `s` at T0 + `sec` seconds. */
function state(seq: number, sec: number, status: State['status'], extra: Partial<State> = {}): LifecycleEvent {
  return { type: 'connection-state', sessionId: 's', seq, at: T0 + sec * 1000, status, ...extra };
}

/** An actor-exit event of session `s` at T0 + `sec` seconds. */
function exit(seq: number, sec: number, kind: Exit['exit'], action: Exit['action'], reason: string, code: number | null = null): LifecycleEvent {
  return { type: 'actor-exit', sessionId: 's', seq, at: T0 + sec * 1000, exit: kind, code, signal: null, action, reason };
}

describe('classify', () => {
  it.each<[string, LifecycleEvent, TimelineKind | null]>([
    ['an open connection', state(1, 0, 'connected'), 'connected'],
    ['a logout on the phone (401)', state(1, 0, 'logged_out', { cause: 'logged_out', statusCode: 401 }), 'logged_out'],
    ['a multi-device mismatch (411, needs a new pairing)', state(1, 0, 'logged_out', { cause: 'multidevice_mismatch', statusCode: 411 }), 'logged_out'],
    ['another client taking over (440)', state(1, 0, 'replaced', { cause: 'replaced', statusCode: 440 }), 'replaced'],
    ['a lost connection (408)', state(1, 0, 'reconnecting', { cause: 'connection_lost', statusCode: 408 }), 'network'],
    ['a closed connection (428)', state(1, 0, 'reconnecting', { cause: 'connection_closed', statusCode: 428 }), 'network'],
    ['WhatsApp unavailable (503)', state(1, 0, 'reconnecting', { cause: 'unavailable', statusCode: 503 }), 'network'],
    ['a restart asked by WhatsApp (515)', state(1, 0, 'connecting', { cause: 'restart_required', statusCode: 515 }), 'restart_required'],
    ['a bad session (500)', state(1, 0, 'reconnecting', { cause: 'bad_session', statusCode: 500 }), 'other'],
    ['a close without a known code', state(1, 0, 'reconnecting', { cause: 'unknown' }), 'other'],
    ['an operator stop', state(1, 0, 'stopped'), 'stopped'],
    ['a stop because the server shut down', state(1, 0, 'stopped', { message: 'node shutting down' }), 'node_stopped'],
    ['a stop because nobody linked the session in time', state(1, 0, 'stopped', { message: 'not linked within 10 min' }), 'unlinked'],
    ['QR codes that ran out unscanned (the next one follows: noise)', state(1, 0, 'reconnecting', { cause: 'connection_lost', statusCode: 408, message: 'QR refs attempts ended' }), null],
    ['too many restarts', state(1, 0, 'problematic', { message: 'crash (code 1): restart intensity exceeded' }), 'problematic'],
    ['a QR waiting for a scan', state(1, 0, 'qr'), 'qr'],
    ['an actor starting (noise)', state(1, 0, 'starting'), null],
    ['Baileys dialling (noise)', state(1, 0, 'connecting'), null],
    ['the supervisor scheduling a restart (noise)', state(1, 0, 'reconnecting'), null],
    ['a crash that is restarted', exit(1, 0, 'crash', 'restart', 'crash (code 1)', 1), 'crash'],
    ['an actor killed by a signal', exit(1, 0, 'killed', 'restart', 'killed (signal SIGKILL)'), 'crash'],
    ['an actor that never got ready', exit(1, 0, 'failed_start', 'restart', 'failed_start (signal SIGKILL)'), 'crash'],
    ['a crash that is not restarted any more', exit(1, 0, 'crash', 'stop', 'crash (code 1): restart intensity exceeded', 1), 'crash'],
    ['a recycle over the RSS budget', exit(1, 0, 'recycled', 'restart', 'recycled: rss 300000000 bytes over budget 250000000'), 'recycle'],
    ['a recycle of a deaf socket', exit(1, 0, 'recycled', 'restart', 'recycled: probe: no traffic from WhatsApp'), 'recycle'],
    ['a kill after missed heartbeats', exit(1, 0, 'hung', 'restart', 'hung: no heartbeat for 90000 ms'), 'recycle'],
    ['a rejected configuration', exit(1, 0, 'bad_config', 'stop', 'bad_config (code 12)', 12), 'other'],
    ['the exit of a requested stop (the stopped state says it)', exit(1, 0, 'normal', 'none', 'normal (code 0)', 0), null],
    ['the exit of a logged-out actor (the state says it)', exit(1, 0, 'logged_out', 'stop', 'logged_out (code 10)', 10), null],
    ['the exit of a replaced actor (the state says it)', exit(1, 0, 'replaced', 'stop', 'replaced (code 11)', 11), null],
  ])('classifies %s', (_name, event, kind) => {
    expect(classify(event)).toBe(kind);
  });
});

describe('collapse', () => {
  it('turns a session history into one line per thing that happened, newest first', () => {
    const oldestFirst: LifecycleEvent[] = [
      state(1, 0, 'starting'),
      state(2, 1, 'connecting'),
      state(3, 2, 'qr'),
      state(5, 22, 'qr'),
      state(7, 42, 'qr'),
      state(8, 50, 'connecting', { cause: 'restart_required', statusCode: 515, message: 'Stream Errored (restart required)' }),
      state(9, 51, 'connecting'),
      state(10, 52, 'connected'),
      state(40, 100, 'reconnecting', { cause: 'connection_lost', statusCode: 408, message: 'Connection was lost' }),
      state(41, 101, 'connecting'),
      state(42, 110, 'reconnecting', { cause: 'connection_lost', statusCode: 408, message: 'Connection was lost' }),
      state(43, 111, 'connecting'),
      state(44, 130, 'connected'),
      exit(60, 200, 'recycled', 'restart', 'recycled: probe: no traffic from WhatsApp'),
      state(61, 200, 'reconnecting'),
      state(62, 201, 'starting'),
      state(63, 203, 'connected'),
      state(70, 300, 'logged_out', { cause: 'logged_out', statusCode: 401, message: 'Connection Failure' }),
      exit(71, 300, 'logged_out', 'stop', 'logged_out (code 10)', 10),
    ];
    expect(collapse([...oldestFirst].reverse())).toEqual([
      { seq: 70, at: iso(T0 + 300_000), kind: 'logged_out', status: 'logged_out', cause: 'logged_out', statusCode: 401, detail: 'Connection Failure' },
      { seq: 63, at: iso(T0 + 203_000), kind: 'connected', status: 'connected', cause: null, statusCode: null, detail: null },
      { seq: 60, at: iso(T0 + 200_000), kind: 'recycle', status: null, cause: null, statusCode: null, detail: 'recycled: probe: no traffic from WhatsApp' },
      { seq: 44, at: iso(T0 + 130_000), kind: 'connected', status: 'connected', cause: null, statusCode: null, detail: null },
      // Two failed attempts of one outage: one line, from when it started.
      { seq: 40, at: iso(T0 + 100_000), kind: 'network', status: 'reconnecting', cause: 'connection_lost', statusCode: 408, detail: 'Connection was lost' },
      { seq: 10, at: iso(T0 + 52_000), kind: 'connected', status: 'connected', cause: null, statusCode: null, detail: null },
      { seq: 8, at: iso(T0 + 50_000), kind: 'restart_required', status: 'connecting', cause: 'restart_required', statusCode: 515, detail: 'Stream Errored (restart required)' },
      // Three QR rotations: one line, from the first QR.
      { seq: 3, at: iso(T0 + 2_000), kind: 'qr', status: 'qr', cause: null, statusCode: null, detail: null },
    ]);
  });

  it('keeps network lines with different causes apart, and QR waits separated by something else', () => {
    const newestFirst = [
      state(6, 6, 'qr'),
      state(5, 5, 'reconnecting', { cause: 'connection_lost', statusCode: 408 }),
      state(4, 4, 'qr'),
      state(3, 3, 'reconnecting', { cause: 'unavailable', statusCode: 503 }),
      state(2, 2, 'reconnecting', { cause: 'connection_closed', statusCode: 428 }),
    ];
    expect(collapse(newestFirst).map((e) => [e.seq, e.kind, e.cause])).toEqual([
      [6, 'qr', null],
      [5, 'network', 'connection_lost'],
      [4, 'qr', null],
      [3, 'network', 'unavailable'],
      [2, 'network', 'connection_closed'],
    ]);
  });

  it('shows an operator stop once and a crash loop that ends in problematic', () => {
    const newestFirst = [
      state(9, 9, 'problematic', { message: 'crash (code 1): restart intensity exceeded: 5 restarts within 60000 ms' }),
      exit(8, 9, 'crash', 'stop', 'crash (code 1): restart intensity exceeded: 5 restarts within 60000 ms', 1),
      state(7, 8, 'reconnecting'),
      exit(6, 8, 'crash', 'restart', 'crash (code 1)', 1),
      exit(3, 2, 'normal', 'none', 'normal (code 0)', 0),
      state(2, 2, 'stopped'),
    ];
    expect(collapse(newestFirst).map((e) => [e.seq, e.kind, e.detail])).toEqual([
      [9, 'problematic', 'crash (code 1): restart intensity exceeded: 5 restarts within 60000 ms'],
      [8, 'crash', 'crash (code 1): restart intensity exceeded: 5 restarts within 60000 ms'],
      [6, 'crash', 'crash (code 1)'],
      [2, 'stopped', null],
    ]);
  });
});
