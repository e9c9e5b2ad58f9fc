/**
 * The simulator's process for the cluster benchmark (sim-process.ts forks it): starts a
 * simulator, says where it serves, then answers requests over IPC — create phones and contacts,
 * scan QR codes, and run whole loads (cluster-load.ts), so the messages are generated next to
 * the simulator and only each load's list of sends crosses back. Benchmark code.
 */
import { startSimulator } from '@switchboard/wa-sim';
import { sendInbound, sendPaced } from './cluster-load.ts';
import type { SimReply, SimRequest } from './sim-process.ts';

// libsignal logs whole session objects through console: not here.
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = () => undefined;

const sim = await startSimulator({ snapshots: false });
const send = (msg: SimReply): void => void process.send!(msg);

async function run(req: SimRequest): Promise<unknown> {
  switch (req.op) {
    case 'createPhone':
      sim.createPhone({ phone: req.phone });
      return null;
    case 'createContact':
      sim.createContact({ phone: req.phone });
      return null;
    case 'scanQr':
      await sim.scanQr(req.phone, req.qr);
      return null;
    case 'inbound':
      return sendInbound(sim, req.contact, req.phones, req.perSession);
    case 'paced':
      return sendPaced(sim, req.contact, req.phones, req.perSecond, req.count);
    case 'stop':
      await sim.stop();
      return null;
  }
}

process.on('message', (req: SimRequest) => {
  run(req).then(
    (result) => send({ kind: 'reply', id: req.id, result }),
    (err: unknown) => send({ kind: 'reply', id: req.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
// The benchmark is gone: so is its simulator.
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready', wsUrl: sim.wsUrl, trustRootHex: sim.trustRootHex, caCertPath: sim.caCertPath });
