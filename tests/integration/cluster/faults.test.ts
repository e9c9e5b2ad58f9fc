/**
 * How the Supervisor handles each kind of actor failure, with real actors and the simulator:
 * terminal exits (401 logged out, 440 replaced) are not restarted; a hung actor is killed and
 * restarted; an actor over its RSS budget is recycled without losing its pairing; a deaf one
 * (connected, but WhatsApp stopped talking to it) is probed, then recycled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthState, Session } from '@switchboard/shared/node';
import type { Supervisor } from '@switchboard/supervisor';
import type { HubRecorder } from '@switchboard/supervisor/testing';
import { openCluster, TEST_LIMITS, type Cluster } from './harness.ts';

let cluster: Cluster;
let sup: Supervisor;
let rec: HubRecorder;
beforeAll(async () => {
  cluster = await openCluster('cluster_faults');
  ({ sup, rec } = cluster.supervisor());
});
afterAll(async () => {
  await cluster?.close();
});

async function linked(sessionId: string, phone: string): Promise<number> {
  await cluster.createSession(sessionId);
  await cluster.link(sup, rec, sessionId, phone);
  return rec.events.length;
}

describe('cluster faults', () => {
  it('marks a session logged out on 401, clears its credentials and does not restart it', async () => {
    const mark = await linked('f-401', '34600400001');
    cluster.sim.unlink('34600400001');
    await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.sessionId === 'f-401' && e.type === 'actor-exit');
    expect(rec.of('f-401').at(-1)).toMatchObject({ type: 'actor-exit', exit: 'logged_out', code: 10, action: 'stop' });
    expect(sup.hub.snapshot('f-401')).toMatchObject({ status: 'logged_out', pid: null, restarts: 0, lastDisconnectCause: 'logged_out' });
    expect(await Session.findOne({ sessionId: 'f-401' }).lean()).toMatchObject({ status: 'logged_out', restarts: [] });
    expect(await AuthState.countDocuments({ sessionId: 'f-401' })).toBe(0);
    // An operator start asks for a new QR.
    const again = rec.events.length;
    await sup.start('f-401');
    await rec.waitFor((e) => rec.events.indexOf(e) >= again && e.sessionId === 'f-401' && e.type === 'qr');
    await sup.stop('f-401');
  });

  it('keeps a replaced session (440) stopped and visible', async () => {
    const mark = await linked('f-440', '34600400002');
    cluster.sim.injectFault({ phone: '34600400002', kind: 'stream-error', code: 440 });
    await rec.waitFor((e) => rec.events.indexOf(e) >= mark && e.sessionId === 'f-440' && e.type === 'actor-exit');
    expect(rec.of('f-440').at(-1)).toMatchObject({ type: 'actor-exit', exit: 'replaced', code: 11, action: 'stop' });
    expect(sup.hub.snapshot('f-440')).toMatchObject({ status: 'replaced', pid: null, restarts: 0, lastDisconnectCause: 'replaced' });
    expect(await Session.findOne({ sessionId: 'f-440' }).lean()).toMatchObject({
      status: 'replaced',
      metrics: { lastDisconnectCause: 'replaced' },
    });
    expect(sup.hub.healthReport().sessions.find((s) => s.sessionId === 'f-440')).toMatchObject({ healthy: false, issues: ['status replaced'] });
  });

  it('kills a hung actor (no heartbeats) and restarts it without a new QR', async () => {
    const mark = await linked('f-hung', '34600400003');
    const pid = sup.hub.snapshot('f-hung')?.pid;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid!, 'SIGSTOP'); // a real hang: the process stops running
    await rec.waitStatus('f-hung', 'reconnecting', mark);
    expect(sup.hub.snapshot('f-hung')?.lastError).toMatch(/^hung: no heartbeat/);
    await rec.waitStatus('f-hung', 'connected', mark);
    expect(sup.hub.snapshot('f-hung')?.pid).not.toBe(pid);
    expect(rec.of('f-hung').filter((e) => rec.events.indexOf(e) >= mark && e.type === 'qr')).toHaveLength(0);
    const doc = await Session.findOne({ sessionId: 'f-hung' }).lean();
    expect(doc?.restarts.map((r) => r.reason.split(':')[0])).toEqual(['hung']);
  });

  it('recycles an actor over its RSS budget gracefully, keeping its pairing', async () => {
    const mark = await linked('f-rss', '34600400004');
    const pid = sup.hub.snapshot('f-rss')?.pid;
    sup.updateLimits({ rssBudgetBytes: 1 });
    await rec.waitStatus('f-rss', 'reconnecting', mark);
    sup.updateLimits({ rssBudgetBytes: 0 });
    expect(sup.hub.snapshot('f-rss')?.lastError).toMatch(/^recycled: rss \d+ bytes over budget 1/);
    await rec.waitStatus('f-rss', 'connected', mark);
    expect(sup.hub.snapshot('f-rss')?.pid).not.toBe(pid);
    expect(rec.of('f-rss').filter((e) => rec.events.indexOf(e) >= mark && e.type === 'qr')).toHaveLength(0);
    const doc = await Session.findOne({ sessionId: 'f-rss' }).lean();
    expect(doc?.restarts[0]?.reason).toMatch(/^recycled: rss/);
    expect(doc?.restarts[0]?.exitCode).toBe(0); // a graceful exit, not a kill
  });

  it('probes a connected session that hears nothing from WhatsApp and recycles it when the probe finds it deaf, sparing a healthy one', async () => {
    const healthyMark = await linked('f-well', '34600400006');
    const mark = await linked('f-deaf', '34600400005');
    const pid = sup.hub.snapshot('f-deaf')?.pid;
    const healthyPid = sup.hub.snapshot('f-well')?.pid;
    sup.updateLimits({ deafAfterMs: 2_000 });
    try {
      // The simulator stops writing to the live connection: pings go unanswered. Baileys' own
      // keep-alive would notice only after 35 s or more; the watchdog's probe comes first.
      cluster.sim.injectFault({ phone: '34600400005', kind: 'silence' });
      await rec.waitStatus('f-deaf', 'reconnecting', mark);
    } finally {
      sup.updateLimits({ deafAfterMs: TEST_LIMITS.deafAfterMs! });
    }
    expect(sup.hub.snapshot('f-deaf')?.lastError).toBe('recycled: probe: no traffic from WhatsApp');
    await rec.waitStatus('f-deaf', 'connected', mark);
    expect(sup.hub.snapshot('f-deaf')?.pid).not.toBe(pid);
    expect(rec.of('f-deaf').filter((e) => rec.events.indexOf(e) >= mark && e.type === 'qr')).toHaveLength(0);
    // The idle but healthy session answered its probes and kept its actor.
    expect(sup.hub.snapshot('f-well')).toMatchObject({ status: 'connected', pid: healthyPid, restarts: 0 });
    expect(rec.of('f-well').some((e) => rec.events.indexOf(e) >= healthyMark && e.type === 'actor-exit')).toBe(false);
  });
});
