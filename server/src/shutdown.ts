/**
 * Ordered, idempotent shutdown of the root process: stop taking work (gateway, scheduler),
 * ask every actor to flush and close (SIGKILL after the grace period), close the database
 * connection, and stop the embedded database last.
 */
import type { Logger } from 'pino';

/** One step of the shutdown, run in order; a failing step is logged and the next one runs. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

/** Runs the steps once; later calls return the same promise. */
export function createShutdown(steps: () => ShutdownStep[], log: Logger): (reason: string) => Promise<void> {
  let running: Promise<void> | null = null;
  return (reason) => {
    running ??= (async () => {
      log.info({ reason }, 'shutting down');
      for (const step of steps()) {
        try {
          await step.run();
          log.debug({ step: step.name }, 'shutdown step done');
        } catch (err) {
          log.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
      log.info('shutdown complete');
    })();
    return running;
  };
}

/**
 * Calls `shutdown` on SIGINT/SIGTERM, then exits; a second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function onSignals(shutdown: (reason: string) => Promise<void>, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals): void => {
    received += 1;
    if (received > 1) return exit(130);
    void shutdown(signal).then(() => exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
