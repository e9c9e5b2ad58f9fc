/**
 * node-schedule jobs of the root process: the health check (HEALTH_CHECK_CRON, every 5
 * minutes by default) logs one JSON line with the health of every session and stores it on
 * the Session documents; the clean-up (CLEANUP_CRON, every 6 hours) expires old data.
 */
import schedule from 'node-schedule';
import type { Logger } from 'pino';
import type { HealthReport } from '../health/healthReport.ts';
import { DEFAULT_CLEANUP_POLICY, runCleanup, type CleanupPolicy, type CleanupResult } from './cleanup.ts';

/** What the scheduler needs from the Supervisor. */
export interface SchedulerHub {
  healthReport(): HealthReport;
  recordHealth(report: HealthReport): Promise<void>;
  resetAttempts(sessionId: string): Promise<void>;
}

/** Options of startScheduler. */
export interface SchedulerOptions {
  hub: SchedulerHub;
  logger: Logger;
  healthCron: string;
  cleanupCron: string;
  cleanup?: Partial<CleanupPolicy>;
  now?: () => number;
}

/** The running scheduler. */
export interface Scheduler {
  /** Runs the health check now and returns its report. */
  healthCheck(): Promise<HealthReport>;
  /** Runs the clean-up now and returns what it did. */
  cleanup(): Promise<CleanupResult>;
  /** Cancels both jobs (in-flight runs finish). */
  stop(): Promise<void>;
}

/** Schedules the health check and the clean-up. */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const log = opts.logger.child({ module: 'scheduler' });
  const now = opts.now ?? Date.now;
  const policy = { ...DEFAULT_CLEANUP_POLICY, ...opts.cleanup };
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const healthCheck = (): Promise<HealthReport> =>
    track(
      (async () => {
        const report = opts.hub.healthReport();
        log.info({ health: report }, 'health report');
        await opts.hub.recordHealth(report);
        return report;
      })(),
    );
  const cleanup = (): Promise<CleanupResult> => track(runCleanup(now(), policy, (id) => opts.hub.resetAttempts(id), log));

  const jobs = [
    schedule.scheduleJob('health-check', opts.healthCron, () => void healthCheck().catch((err: unknown) => log.error({ err }, 'health check failed'))),
    schedule.scheduleJob('cleanup', opts.cleanupCron, () => void cleanup().catch((err: unknown) => log.error({ err }, 'clean-up failed'))),
  ];
  log.info({ healthCron: opts.healthCron, cleanupCron: opts.cleanupCron }, 'scheduler started');
  return {
    healthCheck,
    cleanup,
    async stop() {
      for (const job of jobs) job?.cancel();
      await Promise.allSettled([...inFlight]);
    },
  };
}
