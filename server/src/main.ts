/**
 * Entry point of the `switchboard` process (`pnpm start`): configuration → logger → database
 * (MONGODB_URI or the embedded one) → seed → Supervisor (restores active sessions) → gateway
 * → scheduler → signal handling. Shutdown runs in the reverse order (shutdown.ts).
 * With CLUSTER_REDIS_URL (docs/cluster.md) the gateway and scheduler get the RoutedHub, the
 * lease keeper adopts this node's share of the sessions instead of restoring all of them, the
 * scheduler runs only while this node holds its lease, and shutdown drains the node first.
 */
import { pathToFileURL } from 'node:url';
import { ensureConsoleBuilt } from '@switchboard/desktop/build';
import { refreshProfilePictures, startGateway, type RunningGateway } from '@switchboard/gateway';
import {
  configOrExit,
  createLogger,
  ensureSeeded,
  generatedPasswordNotice,
  loadDotenv,
  migrateToDerivedIds,
  migrateStarredMessages,
  openDatabase,
  supervisorConfigSchema,
  withJwtSecret,
  type OpenDatabase,
  type SupervisorConfig,
} from '@switchboard/shared/node';
import { startClusterMode, startScheduler, Supervisor, type ClusterMode, type Scheduler } from '@switchboard/supervisor';
import type { Logger } from 'pino';
import { supervisorOptionsFromConfig } from './fromConfig.ts';
import { createShutdown, onSignals } from './shutdown.ts';

/** What a running node consists of (also used by the demo). */
export interface RunningNode {
  config: SupervisorConfig;
  logger: Logger;
  db: OpenDatabase;
  supervisor: Supervisor;
  gateway: RunningGateway;
  scheduler: Scheduler;
  /** Cluster mode's routing, leases and job lease (undefined on a single node). */
  cluster?: ClusterMode;
  /** Ordered, idempotent shutdown. */
  shutdown(reason: string): Promise<void>;
}

/** Options of startNode (the demo overrides parts of the configuration). */
export interface StartNodeOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the generated admin password when the seed just created the admin. */
  onAdminPassword?: (email: string, password: string) => void;
  /** Serve the console at `/` (built first when its sources changed). Default true. */
  console?: boolean;
  /** HTTP port overriding PORT (0: any free port; tests). */
  port?: number;
}

/** Starts the whole node. Throws (with a readable message) when the database cannot be used. */
export async function startNode(opts: StartNodeOptions = {}): Promise<RunningNode> {
  const config = withJwtSecret(configOrExit(supervisorConfigSchema, opts.env ?? process.env));
  const logger = createLogger(config, { name: 'switchboard' });
  const db = await openDatabase(config, logger);
  const steps: Array<{ name: string; run(): Promise<void> }> = [{ name: 'database', run: () => db.close() }];
  const shutdown = createShutdown(() => [...steps].reverse(), logger);
  try {
    // Before any actor reads its keys: documents of older builds get their derived _ids.
    await migrateToDerivedIds(logger);
    await migrateStarredMessages(logger);
    const password = await seedOnce(config, logger);
    if (password) opts.onAdminPassword?.(config.ADMIN_EMAIL, password);

    const supervisor = new Supervisor(supervisorOptionsFromConfig(config, db.uri, logger));
    steps.push({ name: 'actors', run: () => supervisor.shutdown() });
    const redisUrl = config.CLUSTER_REDIS_URL;
    const cluster = redisUrl ? await startClusterMode({ ...config, CLUSTER_REDIS_URL: redisUrl }, supervisor, logger) : undefined;
    if (cluster) steps.push({ name: 'cluster routing', run: () => cluster.close() });
    const hub = cluster?.hub ?? supervisor.hub;
    // The console is built once per source change (cached by hash), so a fresh clone serves it too.
    const consoleDir = opts.console === false ? undefined : (await ensureConsoleBuilt({ onBuild: () => logger.info('building the console (first start after a change)') })).dir;
    const gateway = await startGateway({
      config,
      logger,
      hub,
      health: () => (cluster ? cluster.hub.healthReport() : supervisor.hub.healthReport()),
      ...(consoleDir ? { consoleDir } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(cluster ? { cluster: { redisUrl: cluster.redisUrl, owns: cluster.holds } } : {}),
    });
    steps.push({ name: 'gateway', run: () => gateway.close() });
    // Cluster mode: SIGTERM hands the sessions over (after the scheduler stops, before the gateway and actors).
    if (cluster) steps.push({ name: 'cluster drain', run: () => cluster.drain() });
    const scheduler = startScheduler({
      hub: cluster ? { healthReport: () => cluster.hub.healthReport(), recordHealth: (r) => supervisor.hub.recordHealth(r), resetAttempts: (id) => hub.resetAttempts(id) } : supervisor.hub,
      logger,
      healthCron: config.HEALTH_CHECK_CRON,
      cleanupCron: config.CLEANUP_CRON,
      profilePictureCron: config.PROFILE_PICTURE_REFRESH_CRON,
      refreshProfilePictures: () => refreshProfilePictures({ hub, logger }),
      ...(cluster ? { runHere: () => cluster.jobLease.held() } : {}),
    });
    // Cluster mode: stopping the scheduler releases its lease, so another node runs the jobs at once.
    steps.push({
      name: 'scheduler',
      run: async () => {
        await scheduler.stop();
        await cluster?.jobLease.stop();
      },
    });
    if (cluster) {
      // Adopts this node's share of the free sessions, then keeps doing so every renewal.
      await cluster.join(gateway.url);
    } else {
      // Restoring may take a while with many sessions; the API answers meanwhile.
      void supervisor.restoreAll().catch((err: unknown) => logger.error({ err }, 'restoring sessions failed'));
    }
    return { config, logger, db, supervisor, gateway, scheduler, ...(cluster ? { cluster } : {}), shutdown };
  } catch (err) {
    await shutdown('start-up failed');
    throw err;
  }
}

/**
 * ensureSeeded, tolerating nodes of a cluster that start at once on a fresh database: the seed
 * is idempotent, so a duplicate-key error (another node created the same role or admin first)
 * is answered by seeding again, which then finds what the other node wrote.
 */
async function seedOnce(config: SupervisorConfig, logger: Logger): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ensureSeeded(config, logger);
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000 || attempt >= 5) throw err;
      logger.info({ attempt }, 'another node seeded the database at the same time: seeding again');
    }
  }
}

async function main(): Promise<void> {
  loadDotenv();
  let node: RunningNode;
  try {
    node = await startNode({
      // Printed once to stdout for the operator, never through the logger.
      onAdminPassword: (email, password) => process.stdout.write(generatedPasswordNotice(email, password)),
    });
  } catch (err) {
    process.stderr.write(`Switchboard could not start / Switchboard no pudo arrancar:\n${(err as Error).message}\n`);
    process.exit(1);
  }
  onSignals((reason) => node.shutdown(reason));
  node.logger.info({ url: node.gateway.url }, 'switchboard started');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
