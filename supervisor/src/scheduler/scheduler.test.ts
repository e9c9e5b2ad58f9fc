import schedule from 'node-schedule';
import { silentLogger } from '@switchboard/shared/node';
import { describe, expect, it } from 'vitest';
import { buildHealthReport } from '../health/healthReport.ts';
import { DEFAULT_PROFILE_PICTURE_CRON, startScheduler, type ScheduleJob, type SchedulerHub } from './scheduler.ts';

const hub: SchedulerHub = {
  healthReport: () => buildHealthReport([], 0),
  recordHealth: async () => undefined,
  resetAttempts: async () => undefined,
};

/** A timer that records the jobs and fires them on demand (no waiting for the clock). */
function manualTimer() {
  const jobs = new Map<string, { cron: string; run: () => void; cancelled: boolean }>();
  const scheduleJob: ScheduleJob = (name, cron, run) => {
    const job = { cron, run, cancelled: false };
    jobs.set(name, job);
    return { cancel: () => (job.cancelled = true) };
  };
  return { jobs, scheduleJob };
}

/** A refresh whose runs the test resolves by hand. */
function controlledRefresh() {
  const runs: Array<(r: { refreshed: number; failed: number }) => void> = [];
  let started: () => void = () => undefined;
  return {
    runs,
    nextStart: () => new Promise<void>((resolve) => (started = resolve)),
    refresh: () =>
      new Promise<{ refreshed: number; failed: number }>((resolve) => {
        runs.push(resolve);
        started();
      }),
  };
}

describe('startScheduler: profile-picture refresh', () => {
  it('schedules the refresh on its cron and runs it when the timer fires', async () => {
    const timer = manualTimer();
    const r = controlledRefresh();
    const s = startScheduler({ hub, logger: silentLogger(), healthCron: '*/5 * * * *', cleanupCron: '0 */6 * * *', profilePictureCron: '*/30 * * * *', refreshProfilePictures: r.refresh, scheduleJob: timer.scheduleJob });
    const job = timer.jobs.get('profile-pictures')!;
    expect(job.cron).toBe('*/30 * * * *');
    expect(r.runs).toHaveLength(0);

    const started = r.nextStart();
    job.run();
    await started;
    expect(r.runs).toHaveLength(1);

    // stop() cancels the job and waits for the run in flight.
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    expect(job.cancelled).toBe(true);
    await Promise.resolve();
    expect(stopped).toBe(false);
    r.runs[0]!({ refreshed: 3, failed: 0 });
    await stopping;
    expect(stopped).toBe(true);
  });

  it('defaults to an hourly refresh and schedules none when no refresh is given', async () => {
    const timer = manualTimer();
    const s = startScheduler({ hub, logger: silentLogger(), healthCron: '*/5 * * * *', cleanupCron: '0 */6 * * *', refreshProfilePictures: async () => ({ refreshed: 0, failed: 0 }), scheduleJob: timer.scheduleJob });
    expect(timer.jobs.get('profile-pictures')?.cron).toBe(DEFAULT_PROFILE_PICTURE_CRON);
    expect(await s.refreshProfilePictures()).toEqual({ refreshed: 0, failed: 0 });
    await s.stop();

    const bare = manualTimer();
    const t = startScheduler({ hub, logger: silentLogger(), healthCron: '*/5 * * * *', cleanupCron: '0 */6 * * *', scheduleJob: bare.scheduleJob });
    expect([...bare.jobs.keys()].sort()).toEqual(['cleanup', 'health-check']);
    expect(await t.refreshProfilePictures()).toBeNull();
    await t.stop();
  });

  it('logs a failed refresh instead of throwing from the timer', async () => {
    const timer = manualTimer();
    let failing: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (failing = resolve));
    const s = startScheduler({
      hub,
      logger: silentLogger(),
      healthCron: '*/5 * * * *',
      cleanupCron: '0 */6 * * *',
      refreshProfilePictures: () => {
        failing();
        return Promise.reject(new Error('database down'));
      },
      scheduleJob: timer.scheduleJob,
    });
    expect(() => timer.jobs.get('profile-pictures')!.run()).not.toThrow();
    await failed;
    await s.stop();
  });

  it('registers the default cron with node-schedule, next run within the hour', async () => {
    const now = Date.now();
    const s = startScheduler({ hub, logger: silentLogger(), healthCron: '*/5 * * * *', cleanupCron: '0 */6 * * *', refreshProfilePictures: async () => ({ refreshed: 0, failed: 0 }) });
    const next = schedule.scheduledJobs['profile-pictures']!.nextInvocation()!.getTime();
    expect(next).toBeGreaterThan(now);
    expect(next - now).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(new Date(next).getMinutes()).toBe(17);
    await s.stop();
    expect(schedule.scheduledJobs['profile-pictures']).toBeUndefined();
  });
});

describe('startScheduler: cluster mode', () => {
  it('runs a job its timer fires only while runHere says this node holds the scheduler lease', async () => {
    const timer = manualTimer();
    let here = false;
    let runs = 0;
    let ran: () => void = () => undefined;
    const s = startScheduler({
      hub,
      logger: silentLogger(),
      healthCron: '*/5 * * * *',
      cleanupCron: '0 */6 * * *',
      refreshProfilePictures: async () => {
        runs += 1;
        ran();
        return { refreshed: 0, failed: 0 };
      },
      scheduleJob: timer.scheduleJob,
      runHere: () => here,
    });
    timer.jobs.get('profile-pictures')!.run();
    expect(runs).toBe(0);
    here = true;
    const done = new Promise<void>((resolve) => (ran = resolve));
    timer.jobs.get('profile-pictures')!.run();
    await done;
    expect(runs).toBe(1);
    await s.stop();
  });
});
