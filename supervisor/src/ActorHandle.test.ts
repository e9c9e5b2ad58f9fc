import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorEvent, ExitInfo, HeartbeatEnvelope } from '@switchboard/shared';
import { ActorHandle } from './ActorHandle.ts';

const entry = fileURLToPath(new URL('./testing/fixtureActor.ts', import.meta.url));
const handles: ActorHandle[] = [];

function spawn(sessionId: string, readyTimeoutMs = 10_000) {
  const events: ActorEvent[] = [];
  const beats: HeartbeatEnvelope[] = [];
  const exits: ExitInfo[] = [];
  const handle = ActorHandle.spawn({
    entry,
    config: {
      sessionId,
      mongoUri: 'mongodb://unused/db',
      authStorage: 'mongo',
      dataDir: '/tmp',
      logLevel: 'silent',
      wa: {},
      preloadChats: { type: 'individual', limit: 1 },
      heartbeatMs: 50,
    },
    logger: pino({ level: 'silent' }),
    readyTimeoutMs,
    callTimeoutMs: 2_000,
    onEvent: (e) => events.push(e),
    onBarrier: () => undefined,
    onHeartbeat: (h) => beats.push(h),
    onExit: (i) => exits.push(i),
  });
  handles.push(handle);
  return { handle, events, beats, exits };
}

afterEach(() => {
  for (const h of handles.splice(0)) h.kill('killed');
});

describe('ActorHandle', () => {
  it('forks, sends init, waits for ready and relays events and heartbeats', async () => {
    const { handle, events, beats } = spawn('ok-1');
    await handle.ready;
    expect(handle.isReady).toBe(true);
    expect(handle.pid).toBeGreaterThan(0);
    await expect(handle.call('probe', {})).resolves.toEqual({ open: true, lastTrafficAt: 42 });
    expect(events).toContainEqual({ type: 'qr', qr: 'fixture-qr' });
    expect(beats.length).toBeGreaterThan(0);
    expect(handle.lastHeartbeat?.counters.eventsSent).toBe(1);
  });

  it('rebuilds coded errors thrown by actor handlers', async () => {
    const { handle } = spawn('ok-2');
    await handle.ready;
    await expect(handle.call('logout', {})).rejects.toMatchObject({ code: 'not_connected', remote: true });
  });

  it('times out a call the actor never answers', async () => {
    const { handle } = spawn('ok-3');
    await handle.ready;
    await expect(handle.call('getQr', {}, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'actor_timeout' });
  });

  it('fails the start and kills the child when ready does not come in time', async () => {
    const { handle, exits } = spawn('noready-1', 1_500);
    await expect(handle.ready).rejects.toMatchObject({ code: 'actor_failed_start' });
    const info = await handle.exited;
    expect(info).toMatchObject({ kind: 'failed_start', signal: 'SIGKILL', terminal: false });
    expect(exits).toEqual([info]);
  });

  it('reports a bad-config exit before ready as terminal', async () => {
    const { handle } = spawn('badconfig-1');
    await expect(handle.ready).rejects.toMatchObject({ code: 'actor_failed_start' });
    await expect(handle.exited).resolves.toMatchObject({ kind: 'bad_config', code: 12, terminal: true });
  });

  it('rejects every pending call when the child dies', async () => {
    const { handle } = spawn('ok-4');
    await handle.ready;
    const pending = handle.call('getQr', {}, { timeoutMs: 30_000 });
    handle.kill('hung');
    await expect(pending).rejects.toMatchObject({ code: 'actor_exited' });
    await expect(handle.exited).resolves.toMatchObject({ kind: 'hung', signal: 'SIGKILL' });
    await expect(handle.call('probe', {})).rejects.toMatchObject({ code: 'actor_exited' });
    expect(handle.alive).toBe(false);
  });

  it('stops gracefully with shutdown and exit code 0', async () => {
    const { handle } = spawn('ok-5');
    await handle.ready;
    await expect(handle.stop(2_000)).resolves.toMatchObject({ kind: 'normal', code: 0 });
  });

  it('SIGKILLs an actor that ignores shutdown after the grace period', async () => {
    const { handle } = spawn('stubborn-1');
    await handle.ready;
    await expect(handle.stop(200, 'recycled')).resolves.toMatchObject({ kind: 'recycled', signal: 'SIGKILL' });
  });
});
