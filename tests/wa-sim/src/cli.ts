import { startSimulator } from './index.ts';

/**
 * `pnpm sim`: a standalone simulator. Prints one JSON line with its endpoints, then serves
 * the control API until SIGINT/SIGTERM. Env: WA_SIM_PORT, WA_SIM_HOST, WA_SIM_DATA_DIR,
 * WA_SIM_LOG_LEVEL.
 */
async function main(): Promise<void> {
  // libsignal logs whole session objects (private keys included) through console; in this
  // process keep only its text, on stderr, so stdout stays the one JSON line.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (first?: unknown) => {
      if (typeof first === 'string') process.stderr.write(`${first}\n`);
    };
  }
  const port = process.env.WA_SIM_PORT ? Number(process.env.WA_SIM_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('WA_SIM_PORT must be a port number\n');
    process.exit(2);
  }
  const sim = await startSimulator({ port, host: process.env.WA_SIM_HOST ?? '127.0.0.1', dataDir: process.env.WA_SIM_DATA_DIR, historySync: true });
  process.stdout.write(`${JSON.stringify({ wsUrl: sim.wsUrl, controlUrl: sim.controlUrl, trustRoot: sim.trustRootHex, caCert: sim.caCertPath })}\n`);
  const stop = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
