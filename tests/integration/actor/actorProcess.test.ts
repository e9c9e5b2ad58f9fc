import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import {
  EXIT_CODES,
  RPC_ERROR_CODES,
  initEnvelope,
  shutdownEnvelope,
  type ActorInitConfig,
  type HeartbeatEnvelope,
} from '@switchboard/shared';
import { AuthState, Session, connectDatabase, disconnectDatabase, silentLogger } from '@switchboard/shared/node';
import { testDbUri } from '../../support/testDb.ts';
import { ActorChild, simConfig } from './harness.ts';

let sim: Simulator;
let uri: string;

beforeAll(async () => {
  uri = testDbUri('actor_proc');
  await connectDatabase(uri, silentLogger());
  sim = await startSimulator();
});

afterAll(async () => {
  await sim?.stop();
  await disconnectDatabase();
});

describe('session actor process', () => {
  it('exits BAD_CONFIG when init is invalid', async () => {
    const child = new ActorChild();
    child.proc.send(initEnvelope({ sessionId: '../x', mongoUri: 'nope' } as unknown as ActorInitConfig));
    expect(await child.exit).toBe(EXIT_CODES.BAD_CONFIG);
  });

  it('starts from init, reports ready, QR and heartbeats, answers commands, and exits NORMAL on shutdown', async () => {
    await Session.create({ sessionId: 'proc-1', name: 'p1' });
    const child = new ActorChild();
    child.proc.send(initEnvelope(simConfig(sim, 'proc-1', uri, { heartbeatMs: 200 })));
    await child.next((m) => m.kind === 'ready');
    const { qr } = await child.event('qr');
    const hb = await child.next<HeartbeatEnvelope>((m) => m.kind === 'heartbeat');
    expect(hb.rssBytes).toBeGreaterThan(0);
    expect(hb.counters).toMatchObject({ messagesIn: 0, messagesOut: 0 });
    expect(await child.call(1, 'getQr', {})).toMatchObject({ ok: true, result: { qr } });
    expect(await child.call(2, 'nope', {})).toMatchObject({ ok: false, error: { code: RPC_ERROR_CODES.UNKNOWN_COMMAND } });
    expect(await child.call(3, 'presence', { state: 'available' })).toMatchObject({ ok: false, error: { code: 'not_connected' } });
    child.proc.send(shutdownEnvelope(5000));
    expect(await child.exit).toBe(EXIT_CODES.NORMAL);
  });

  it('links, and exits LOGGED_OUT with credentials cleared when the phone removes the device', async () => {
    await Session.create({ sessionId: 'proc-2', name: 'p2' });
    sim.createPhone({ phone: '15550009002', name: 'Proc' });
    const child = new ActorChild();
    child.proc.send(initEnvelope(simConfig(sim, 'proc-2', uri)));
    const { qr } = await child.event('qr');
    await sim.scanQr('15550009002', qr);
    await child.event('connection-state', (e) => e.status === 'connected');
    expect(await AuthState.countDocuments({ sessionId: 'proc-2' })).toBe(1);
    sim.unlink('15550009002');
    expect(await child.exit).toBe(EXIT_CODES.LOGGED_OUT);
    expect(await AuthState.countDocuments({ sessionId: 'proc-2' })).toBe(0);
  });
});
