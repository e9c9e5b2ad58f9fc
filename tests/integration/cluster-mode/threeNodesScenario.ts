/**
 * The cluster-mode acceptance scenario (issue 16), shared by threeNodes.test.ts (which asserts)
 * and `pnpm bench --nodes=N` (tests/bench/cluster-nodes.ts, which prints): N real node
 * processes (`startNode` with CLUSTER_REDIS_URL, each in its own process group) on one
 * database, one Redis and the WhatsApp simulator.
 *
 *  1. sessions are created through the REST API of every node (placement picks the node) and
 *     linked by scanning their QR codes, which a Socket.IO client on the watched node receives;
 *  2. traffic: every round each session gets a message from its contact and a REST send
 *     (accepted = 202; a 503 `session_moving` or a dead node is retried with the same clientId,
 *     as a client does), through the nodes in turn;
 *  3. during a round the victim node's whole process group is SIGKILLed; its sessions must
 *     reconnect on the survivors (measured from the watcher's `connected` events);
 *  4. once the traffic is over, every accepted send must reach its contact and every inbound
 *     message must be announced (stored), and the result reports what was lost or duplicated,
 *     QR events of the moved sessions after the kill, and seq gaps seen by the watcher.
 * No vitest here: the caller asserts or prints. Nothing waits on a timer except the client's
 * retry back-off after a 503 (bounded by the session's next `connected` event).
 */
import type { HubEvent } from '@switchboard/shared';
import { Message, SessionLease } from '@switchboard/shared/node';
import type { Simulator } from '@switchboard/wa-sim';
import { readSessionEvents } from '../../../gateway/src/realtime/eventLog.ts';
import { toSocketEvents } from '../../../gateway/src/realtime/toSocketEvents.ts';
import { adminToken, api, clusterEnv, startNodeProcess, type ClusterEnv, type NodeProcess } from './routingCluster.ts';
import { connectWatcher, isConnected, pool, within, type Watcher } from './scenarioClient.ts';

/** Options of the scenario. */
export interface NodesScenarioOptions {
  uri: string;
  redisUrl: string;
  sim: Simulator;
  nodes: number;
  sessions: number;
  /** CLUSTER_LEASE_MS of every node. */
  leaseMs: number;
  /** SESSION_START_CONCURRENCY of every node (how many adopted sessions start at once). Default: the product's. */
  startConcurrency?: number;
  /** Sessions created at once (each waits for its QR before the next one starts). Default: one per node. */
  linkWidth?: number;
  /** Messages in flight at once during the traffic (inbound and REST sends). Default 12. */
  trafficWidth?: number;
  /** Traffic rounds; the kill lands in the middle one. Default 4. */
  rounds?: number;
  /** Session ids and phone numbers are derived from it (unique per run). */
  prefix?: string;
  /** Progress lines (the bench prints them). */
  progress?: (line: string) => void;
  /** Directory for each node's log (`<nodeId>.log`; level from ROUTING_LOG_LEVEL). Default: dropped. */
  logDir?: string;
  /** How long to wait for the last deliveries once the traffic is over. Default 60 s. */
  settleMs?: number;
}

/** What the scenario saw. */
export interface NodesScenarioResult {
  nodeIds: string[];
  victim: string;
  watcher: string;
  /** Leases per node once every session was linked. */
  sessionsPerNode: Record<string, number>;
  /** Leases per node after the failover. */
  sessionsPerNodeAfter: Record<string, number>;
  linkMs: number;
  /** Sessions the victim held when it was killed. */
  moved: string[];
  /** Kill → the last moved session's `connected` event on the watcher. */
  failoverMs: number;
  /** Per moved session: ms from the kill to its `connected` event (missing: never). */
  reconnectMs: Record<string, number>;
  /** Owner of each moved session's lease after the failover. */
  newOwners: Record<string, string | null>;
  /** QR events of moved sessions after the kill. */
  qrAfterKill: number;
  accepted: number;
  /** Accepted sends the contact never received. */
  lost: string[];
  /** Each lost send: where and when (ms from the kill) it was accepted, whether its session moved, and its stored state. */
  lostDetail: unknown[];
  /** Accepted sends the contact shows more than once (the same id twice, or the same text under another id). */
  duplicated: string[];
  /** Accepted sends re-sent with the same id after the kill (WhatsApp, like the simulator, shows them once). */
  resentSameId: string[];
  inbound: number;
  /** Inbound messages not in the Message collection / stored more than once / stored but never announced to the watcher. */
  notStored: string[];
  notAnnounced: string[];
  storedTwice: string[];
  /** Per moved session: stored events (with socket emissions) the watcher never received, as `seq:type`. */
  seqGaps: Record<string, string[]>;
  /** 503 answers retried by the client during the run. */
  retried: number;
  trafficMs: number;
}

/** A running scenario's processes, for clean-up. */
export interface NodesScenario {
  run(): Promise<NodesScenarioResult>;
  close(): Promise<void>;
}

async function leaseCounts(ids: string[], nodeIds: string[]): Promise<{ perNode: Record<string, number>; owner: Map<string, string | null> }> {
  const leases = await SessionLease.find({ _id: { $in: ids } }).lean();
  const owner = new Map<string, string | null>(leases.map((l) => [l._id, l.expiresAt.getTime() > Date.now() ? l.owner : null]));
  const perNode = Object.fromEntries(nodeIds.map((n) => [n, 0]));
  for (const o of owner.values()) if (o) perNode[o] = (perNode[o] ?? 0) + 1;
  return { perNode, owner };
}

/** Prepares the scenario (nothing starts before `run`). */
export function nodesScenario(opts: NodesScenarioOptions): NodesScenario {
  const say = opts.progress ?? (() => undefined);
  const prefix = opts.prefix ?? 'tn';
  const rounds = opts.rounds ?? 4;
  const killRound = Math.ceil(rounds / 2);
  const env: ClusterEnv = clusterEnv(opts.uri, opts.redisUrl, opts.sim, opts.leaseMs);
  const nodes: NodeProcess[] = [];
  let watcher: Watcher | null = null;
  const ids = Array.from({ length: opts.sessions }, (_, i) => `${prefix}-${i + 1}`);
  // Digits only; unique per prefix so that several runs can share a simulator.
  const tag = String([...prefix].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 900, 0) + 100);
  const phoneOf = (i: number) => `346${tag}1${String(i).padStart(4, '0')}`;
  const contactOf = (i: number) => `346${tag}2${String(i).padStart(4, '0')}`;

  async function run(): Promise<NodesScenarioResult> {
    const sim = opts.sim;
    const nodeIds = Array.from({ length: opts.nodes }, (_, i) => `${prefix}-node-${i + 1}`);
    const nodeEnv = { ...(opts.startConcurrency ? { SESSION_START_CONCURRENCY: String(opts.startConcurrency) } : {}) };
    say(`starting ${opts.nodes} nodes`);
    // Each node is kept as soon as it serves, so close() ends it even when another fails to start.
    await Promise.all(nodeIds.map(async (id, i) => (nodes[i] = await startNodeProcess(env, id, { detached: true, env: nodeEnv, ...(opts.logDir ? { logFile: `${opts.logDir}/${id}.log` } : {}) }))));
    const watcherIdx = 0;
    let victimIdx = 1;
    const token = await adminToken(nodes[0]!.url, env);
    const w = await connectWatcher(nodes[watcherIdx]!.url, token);
    watcher = w;
    await w.waitFor((e) => e.name === 'replay-done');

    // 1. Create every session through the nodes' APIs and link it by its QR code.
    say(`creating and linking ${opts.sessions} sessions`);
    const linkStart = Date.now();
    const linked = new Set<string>();
    // One scan per session at a time, as a person scans: a QR shown while the phone's scan of the
    // previous one is being paired is not scanned too (two pairings of one connection).
    const scanning = new Set<string>();
    w.socket.on('connected', (e: { sessionId: string; connected: boolean }) => {
      if (!e.connected || linked.has(e.sessionId) || !ids.includes(e.sessionId)) return;
      linked.add(e.sessionId);
      if (linked.size % 5 === 0) say(`${linked.size}/${ids.length} linked`);
    });
    w.socket.on('qr', (e: { sessionId: string; qr: string }) => {
      const i = ids.indexOf(e.sessionId);
      if (i < 0 || linked.has(e.sessionId) || scanning.has(e.sessionId)) return;
      say(`qr of ${e.sessionId}`);
      if (!sim.phones.has(phoneOf(i))) sim.createPhone({ phone: phoneOf(i) });
      // A scan that comes too late for its QR fails: the phone scans the next one.
      scanning.add(e.sessionId);
      sim.scanQr(phoneOf(i), e.qr).catch(() => scanning.delete(e.sessionId));
    });
    await pool(ids, opts.linkWidth ?? opts.nodes, async (sessionId, i) => {
      const res = await api(nodes[i % opts.nodes]!.url, 'POST', '/api/sessions', token, { sessionId, name: sessionId });
      say(`created ${sessionId}: ${res.status}`);
      if (res.status !== 201) throw new Error(`creating ${sessionId}: ${res.status} ${JSON.stringify(res.body)}`);
      // Placement reads each node's load from its heartbeat: wait for this session's QR before the next one.
      await w.waitFor((e) => e.name === 'qr' && e.payload?.sessionId === sessionId);
    });
    await within(
      // Not a property under test: generous, so that a loaded runner fails on what matters.
      120_000 + opts.sessions * 10_000,
      () => `linking (${ids.filter((id) => !linked.has(id)).join(', ')} missing)`,
      Promise.all(ids.map((id) => w.waitFor(isConnected(id)))),
    );
    const linkMs = Date.now() - linkStart;
    const spread = await leaseCounts(ids, nodeIds);
    say(`linked in ${(linkMs / 1000).toFixed(1)} s; sessions per node ${JSON.stringify(spread.perNode)}`);
    ids.forEach((_, i) => sim.createContact({ phone: contactOf(i), name: `Contact ${i + 1}` }));

    // 2. Traffic, with the victim killed during the middle round.
    const dead = new Set<number>();
    let turn = 0;
    let retried = 0;
    const aliveUrl = (): string => {
      for (;;) {
        const i = turn++ % nodes.length;
        if (!dead.has(i)) return nodes[i]!.url;
      }
    };
    const accepted: { sessionId: string; contact: string; messageId: string; node: string; at: number | null; attempt: number }[] = [];
    const inbound: { sessionId: string; id: string }[] = [];
    const acceptSend = async (i: number, text: string): Promise<void> => {
      const sessionId = ids[i]!;
      for (let attempt = 0; attempt < 200; attempt++) {
        const mark = w.log.length;
        let res: { status: number; body: { messageId?: string; error?: { code?: string } } };
        const url = aliveUrl();
        try {
          res = await api(url, 'POST', `/api/sessions/${sessionId}/messages`, token, { to: contactOf(i), kind: 'text', text, clientId: text });
        } catch {
          continue; // the node died with the request: retry the same clientId elsewhere
        }
        if (res.status === 202 && res.body.messageId) {
          const node = nodeIds[nodes.findIndex((n) => n.url === url)] ?? url;
          accepted.push({ sessionId, contact: contactOf(i), messageId: res.body.messageId, node, at: killAt ? Date.now() - killAt : null, attempt });
          return;
        }
        if (res.status !== 503) throw new Error(`send ${text}: ${res.status} ${JSON.stringify(res.body)}`);
        retried += 1;
        // Moving: retry once the session is back (or after a short back-off, as a client would).
        let backoff: NodeJS.Timeout | undefined;
        await Promise.race([w.waitFor(isConnected(sessionId), mark), new Promise((r) => (backoff = setTimeout(r, 1_000)))]);
        clearTimeout(backoff);
      }
      throw new Error(`send ${text}: never accepted`);
    };
    const write = async (i: number, text: string): Promise<void> => {
      const { id } = await sim.contactSend(contactOf(i), { to: phoneOf(i), text });
      inbound.push({ sessionId: ids[i]!, id });
    };
    // Each round: one inbound message and one REST send per session, `trafficWidth` in flight.
    const round = (r: number): Promise<void> =>
      pool(
        ids.flatMap((_, i) => [() => write(i, `in-${prefix}-${r}-${i}`), () => acceptSend(i, `out-${prefix}-${r}-${i}`)]),
        opts.trafficWidth ?? 12,
        (op) => op(),
      );

    const trafficStart = Date.now();
    let moved: string[] = [];
    let killAt = 0;
    let killMark = 0;
    for (let r = 1; r <= rounds; r++) {
      const traffic = round(r);
      if (r === killRound) {
        // Kill once this round's first inbound message was stored: the rest is in flight.
        const first = inbound.length;
        await w.waitFor((e) => e.name === 'message' && inbound.slice(first).some((m) => m.id === e.payload?.message?.id));
        // The victim: the node (other than the watcher's) that holds the most sessions now.
        const owners = (await leaseCounts(ids, nodeIds)).owner;
        const count = (idx: number) => [...owners.values()].filter((o) => o === nodeIds[idx]).length;
        for (let idx = 1; idx < nodeIds.length; idx++) if (count(idx) > count(victimIdx)) victimIdx = idx;
        moved = [...owners].filter(([, o]) => o === nodeIds[victimIdx]).map(([id]) => id);
        say(`killing ${nodeIds[victimIdx]} (${moved.length} sessions) during round ${r}`);
        dead.add(victimIdx);
        killMark = w.log.length;
        killAt = Date.now();
        await nodes[victimIdx]!.killGroup();
      }
      await traffic;
    }
    const trafficMs = Date.now() - trafficStart;

    // 3. Failover: every moved session connected again (on a survivor).
    const reconnectMs: Record<string, number> = {};
    await within(
      opts.leaseMs + 60_000,
      () => `failover (${moved.filter((id) => reconnectMs[id] === undefined).join(', ')} not back)`,
      Promise.all(moved.map(async (id) => (reconnectMs[id] = (await w.waitFor(isConnected(id), killMark)).at - killAt))),
    );
    const failoverMs = Math.max(0, ...Object.values(reconnectMs));
    say(`failover: ${moved.length} sessions back in ${(failoverMs / 1000).toFixed(1)} s`);

    // 4. Every accepted send delivered, every inbound message announced (stored).
    const settleMs = opts.settleMs ?? 60_000;
    const delivered = await Promise.allSettled(accepted.map((a) => sim.waitForReceived(a.contact, (m) => m.id === a.messageId, settleMs)));
    const announced = await Promise.allSettled(
      inbound.map((m) =>
        within(settleMs, () => `inbound ${m.id}`, w.waitFor((e) => e.name === 'message' && e.payload?.sessionId === m.sessionId && e.payload?.message?.id === m.id)),
      ),
    );
    const lostSends = accepted.filter((_, i) => delivered[i]!.status === 'rejected');
    const lost = lostSends.map((a) => a.messageId);
    // Why, for a failing run: the stored message and the session's owners.
    const lostDetail = await Promise.all(
      lostSends.map(async (a) => {
        const doc = await Message.findOne({ sessionId: a.sessionId, messageId: a.messageId }, { status: 1, attempts: 1, fence: 1, statusReason: 1, timestamp: 1 }).lean();
        const wasMoved = moved.includes(a.sessionId);
        // A send stamped with a newer fence than the actor's lease token is one it never claims.
        const lease = await SessionLease.findById(a.sessionId, { owner: 1, token: 1 }).lean();
        return { ...a, moved: wasMoved, lease: lease ? { owner: lease.owner, token: lease.token } : null, stored: doc ? { status: doc.status, attempts: doc.attempts, fence: (doc as { fence?: number }).fence, reason: doc.statusReason, timestamp: doc.timestamp } : null };
      }),
    );
    const resends = new Set(ids.flatMap((_, i) => sim.duplicates(contactOf(i))));
    const resentSameId = accepted.filter((a) => resends.has(a.messageId)).map((a) => a.messageId);
    const duplicated = accepted
      .filter((a) => {
        const text = sim.received(a.contact).find((m) => m.id === a.messageId)?.text;
        return sim.received(a.contact).filter((m) => m.id === a.messageId || (text !== undefined && m.text === text)).length > 1;
      })
      .map((a) => a.messageId);
    const notStored: string[] = [];
    const storedTwice: string[] = [];
    const notAnnounced: string[] = [];
    for (const [i, m] of inbound.entries()) {
      const n = await Message.countDocuments({ sessionId: m.sessionId, messageId: m.id });
      if (n === 0) notStored.push(m.id);
      else if (announced[i]!.status === 'rejected') notAnnounced.push(m.id);
      if (n > 1) storedTwice.push(m.id);
    }

    // 5. The watcher's seqs of the moved sessions against the stored log: every stored event
    // that has socket emissions, up to the last one it received, must have reached it.
    const seqGaps: Record<string, string[]> = {};
    for (const id of moved) {
      const seen = new Set(w.log.filter((e) => e.payload?.sessionId === id && typeof e.payload?.seq === 'number').map((e) => e.payload.seq as number));
      const last = Math.max(0, ...seen);
      const stored = (await readSessionEvents(id, 0, 100_000)) as HubEvent[];
      const missing = stored.filter((e) => e.seq <= last && toSocketEvents(e).length > 0 && !seen.has(e.seq)).map((e) => `${e.seq}:${e.type}`);
      if (missing.length) seqGaps[id] = missing;
    }
    const after = await leaseCounts(ids, nodeIds);
    const qrAfterKill = w.log.slice(killMark).filter((e) => e.name === 'qr' && moved.includes(e.payload?.sessionId)).length;
    return {
      nodeIds,
      victim: nodeIds[victimIdx]!,
      watcher: nodeIds[watcherIdx]!,
      sessionsPerNode: spread.perNode,
      sessionsPerNodeAfter: after.perNode,
      linkMs,
      moved,
      failoverMs,
      reconnectMs,
      newOwners: Object.fromEntries(moved.map((id) => [id, after.owner.get(id) ?? null])),
      qrAfterKill,
      accepted: accepted.length,
      lost,
      lostDetail,
      duplicated,
      resentSameId,
      inbound: inbound.length,
      notStored,
      notAnnounced,
      storedTwice,
      seqGaps,
      retried,
      trafficMs,
    };
  }

  return {
    run,
    async close() {
      watcher?.socket.close();
      // The run's database is thrown away: end every node with its actors at once.
      await Promise.all(nodes.map((n) => (!n || n.child.exitCode !== null || n.child.signalCode !== null ? undefined : n.killGroup())));
    },
  };
}
