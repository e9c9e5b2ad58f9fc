/**
 * node-schedule jobs of the root process: the health check (HEALTH_CHECK_CRON, every 5
 * minutes by default) logs one JSON line with the health of every session and stores it on
 * the Session documents; the clean-up (CLEANUP_CRON, every 6 hours) expires old data; the
 * profile-picture refresh (PROFILE_PICTURE_REFRESH_CRON, hourly) renews expired contact photos.
 * In cluster mode only the holder of the scheduler's lease runs them (`runHere`, jobLease.ts).
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
  /**
   * Refreshes expired profile pictures (the gateway's `refreshProfilePictures`, composed by
   * server/src/main.ts so the scheduler does not know the gateway); scheduled on
   * `profilePictureCron`.
   */
  refreshProfilePictures?: () => Promise<{ refreshed: number; failed: number }>;
  /** Cron of the profile-picture refresh (default hourly, at minute 17). */
  profilePictureCron?: string;
  now?: () => number;
  /** Timer of the jobs (tests inject one they fire by hand); default node-schedule's scheduleJob. */
  scheduleJob?: ScheduleJob;
  /**
   * Cluster mode: whether this node runs the jobs now (it holds the scheduler's lease,
   * jobLease.ts); a timer firing elsewhere is skipped. Default: always (one node).
   */
  runHere?: () => boolean;
}

/** Schedules `run` on `cron`; returns a handle to cancel it (node-schedule's shape). */
export type ScheduleJob = (name: string, cron: string, run: () => void) => { cancel(): unknown } | null;

/** Default of PROFILE_PICTURE_REFRESH_CRON. */
export const DEFAULT_PROFILE_PICTURE_CRON = '17 * * * *';

/** The running scheduler. */
export interface Scheduler {
  /** Runs the health check now and returns its report. */
  healthCheck(): Promise<HealthReport>;
  /** Runs the clean-up now and returns what it did. */
  cleanup(): Promise<CleanupResult>;
  /** Runs the profile-picture refresh now (`null` when none was given). */
  refreshProfilePictures(): Promise<{ refreshed: number; failed: number } | null>;
  /** Cancels every job (in-flight runs finish). */
  stop(): Promise<void>;
}

/** Schedules the health check, the clean-up and, when given, the profile-picture refresh. */
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
  const refresh = opts.refreshProfilePictures;
  const refreshProfilePictures = () => (refresh ? track(refresh()) : Promise.resolve(null));
  const profilePictureCron = opts.profilePictureCron ?? DEFAULT_PROFILE_PICTURE_CRON;

  const timer: ScheduleJob = opts.scheduleJob ?? ((name, cron, run) => schedule.scheduleJob(name, cron, run));
  const runHere = opts.runHere ?? (() => true);
  const scheduleJob: ScheduleJob = (name, cron, run) =>
    timer(name, cron, () => {
      if (runHere()) run();
      else log.debug({ job: name }, 'job skipped: another node runs the scheduler');
    });
  const jobs = [
    scheduleJob('health-check', opts.healthCron, () => void healthCheck().catch((err: unknown) => log.error({ err }, 'health check failed'))),
    scheduleJob('cleanup', opts.cleanupCron, () => void cleanup().catch((err: unknown) => log.error({ err }, 'clean-up failed'))),
    ...(refresh
      ? [scheduleJob('profile-pictures', profilePictureCron, () => void refreshProfilePictures().catch((err: unknown) => log.error({ err }, 'profile picture refresh failed')))]
      : []),
  ];
  log.info({ healthCron: opts.healthCron, cleanupCron: opts.cleanupCron, ...(refresh ? { profilePictureCron } : {}) }, 'scheduler started');
  return {
    healthCheck,
    cleanup,
    refreshProfilePictures,
    async stop() {
      for (const job of jobs) job?.cancel();
      await Promise.allSettled([...inFlight]);
    },
  };
}
