/**
 * Cluster mode, routing: two real node processes (`startNode` with CLUSTER_REDIS_URL) on one
 * database, one Redis and the WhatsApp simulator. A session owned by node 1 is used through
 * node 2: its REST send is forwarded and delivered once, its events reach a Socket.IO client of
 * node 2 with no seq gap, once node 1 is dead (its lease still live) node 2 answers 503
 * `session_moving`, then adopts the session at expiry and releases it when drained (SIGTERM).
 */
import type { HubEvent } from '@switchboard/shared';
import { ClusterNode, connectDatabase, disconnectDatabase, SessionLease, silentLogger } from '@switchboard/shared/node';
import { startSimulator, type Simulator } from '@switchboard/wa-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionEvents } from '../../../gateway/src/realtime/eventLog.ts';
import { toSocketEvents } from '../../../gateway/src/realtime/toSocketEvents.ts';
import { startRedis, type TestRedis } from '../../support/redis.ts';
import { testDbUri } from '../../support/testDb.ts';
import { connectClient, nextEvent, record, type Client } from '../realtime/support/fixtures.ts';
import { adminToken, api, clusterEnv, startNodeProcess, type ClusterEnv, type NodeProcess } from './routingCluster.ts';

const SESSION = 'cm-route-1';
const PHONE = '34600700001';
const ALICE = '15550007777';

let redis: TestRedis;
let sim: Simulator;
let env: ClusterEnv;
let node1: NodeProcess;
let node2: NodeProcess | undefined;
let token: string;
const sockets: Client[] = [];

beforeAll(async () => {
  redis = await startRedis();
  sim = await startSimulator();
  const uri = testDbUri('cluster_routing');
  await connectDatabase(uri, silentLogger());
  env = clusterEnv(uri, redis.url, sim);
  node1 = await startNodeProcess(env, 'node-1');
  token = await adminToken(node1.url, env);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await node2?.stop();
  await node1?.kill();
  await sim?.stop();
  await disconnectDatabase();
  await redis?.stop();
}, 60_000);

async function client(url: string): Promise<Client> {
  const socket = await connectClient(url, { token });
  sockets.push(socket);
  return socket;
}

describe('cluster mode: routing between two nodes', () => {
  it('places a session created on the only node there, under its lease, and links it', async () => {
    const operator = await client(node1.url);
    const created = await api(node1.url, 'POST', '/api/sessions', token, { sessionId: SESSION, name: 'Ventas' });
    expect(created.status).toBe(201);
    const qr = await nextEvent(operator, 'qr', (e) => e.sessionId === SESSION);
    sim.createPhone({ phone: PHONE });
    await sim.scanQr(PHONE, qr.qr);
    await nextEvent(operator, 'connected', (e) => e.sessionId === SESSION && e.connected);
    expect(await SessionLease.findById(SESSION).lean()).toMatchObject({ owner: 'node-1' });
    sim.createContact({ phone: ALICE, name: 'Alice' });
  }, 120_000);

  it("forwards node 2's REST send to node 1: delivered once, its events reach node 2's socket with no seq gap", async () => {
    node2 = await startNodeProcess(env, 'node-2');
    const watcher = await client(node2.url);
    await nextEvent(watcher, 'replay-done');
    const log = record(watcher, ['message', 'message-sent', 'message-status', 'chat-update', 'presence', 'qr', 'connected', 'connection-state']);

    const send = await api<{ messageId: string }>(node2.url, 'POST', `/api/sessions/${SESSION}/messages`, token, { to: ALICE, kind: 'text', text: 'hola desde el nodo 2', clientId: 'cm-1' });
    expect(send.status).toBe(202);
    const { messageId } = send.body;
    const received = await sim.waitForReceived(ALICE, (m) => m.id === messageId, 60_000);
    expect(received.text).toBe('hola desde el nodo 2');
    // Owned by node 1 all along: the send did not move the session.
    expect(await SessionLease.findById(SESSION).lean()).toMatchObject({ owner: 'node-1' });

    // Node 2's socket sees node 1's events live (relayed over Redis).
    await nextEvent(watcher, 'message-sent', (e) => e.sessionId === SESSION && e.message.id === messageId);
    const delivered = await nextEvent(watcher, 'message-status', (e) => e.sessionId === SESSION && e.messageId === messageId && e.status === 'delivered');

    // Every event with socket emissions between the first one received and the delivery: no gap.
    const seqs = [...new Set(log.filter((e) => e.payload?.sessionId === SESSION).map((e) => e.payload.seq as number))];
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const stored = (await readSessionEvents(SESSION, seqs[0]! - 1, 10_000)) as HubEvent[];
    const expected = stored.filter((e) => e.seq <= delivered.seq && toSocketEvents(e).length > 0).map((e) => e.seq);
    expect(seqs.filter((s) => s <= delivered.seq)).toEqual(expected);

    // Sent once: the contact got it once (the same clientId again is the same message).
    const again = await api<{ messageId: string }>(node2.url, 'POST', `/api/sessions/${SESSION}/messages`, token, { to: ALICE, kind: 'text', text: 'hola desde el nodo 2', clientId: 'cm-1' });
    expect(again.body.messageId).toBe(messageId);
    expect(sim.received(ALICE).filter((m) => m.id === messageId)).toHaveLength(1);
    expect(sim.duplicates(ALICE)).toEqual([]);
  }, 180_000);

  it('answers 503 session_moving through node 2 once the owner is dead and its lease not yet taken over', async () => {
    await node1.kill();
    const res = await api<{ error: { code: string; message: string } }>(node2!.url, 'POST', `/api/sessions/${SESSION}/messages`, token, { to: ALICE, kind: 'text', text: 'perdido', clientId: 'cm-2' });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('session_moving');
    expect(res.body.error.message).toMatch(/moving to another node/);
  }, 60_000);

  it('lets node 2 adopt the session at lease expiry without a QR, then hands it back on SIGTERM (drain)', async () => {
    const watcher = await client(node2!.url);
    await nextEvent(watcher, 'replay-done');
    // The new owner's actor connects with the stored credentials: its events come from node 2's own hub.
    await nextEvent(watcher, 'connected', (e) => e.sessionId === SESSION && e.connected);
    const lease = await SessionLease.findById(SESSION).lean();
    expect(lease).toMatchObject({ owner: 'node-2' });
    expect(lease!.token).toBeGreaterThan(1);
    const sent = await api<{ messageId: string }>(node2!.url, 'POST', `/api/sessions/${SESSION}/messages`, token, { to: ALICE, kind: 'text', text: 'de vuelta', clientId: 'cm-3' });
    expect(sent.status).toBe(202);
    await sim.waitForReceived(ALICE, (m) => m.id === sent.body.messageId, 60_000);

    await node2!.stop();
    expect(await node2!.exited).toBe(0);
    // Drained: the lease was released (not left to expire), so another node may take it at once.
    expect(await SessionLease.findById(SESSION).lean()).toMatchObject({ owner: null });
    expect(await ClusterNode.findById('node-2').lean()).toBeNull();
  }, 120_000);
});
