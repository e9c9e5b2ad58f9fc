/** @switchboard/supervisor — supervision of forked session actors, and the SessionHub over them (LocalHub). */
export { Supervisor } from './Supervisor.ts';
export { SETTLED_STATUSES } from './sessionSlot.ts';
export { LocalHub, type LocalHubOptions, type SupervisedSessions } from './LocalHub.ts';
export { ActorHandle, FailedStartError, type ActorHandleOptions } from './ActorHandle.ts';
export { decide, recordDecision, fullJitter, DEFAULT_RESTART_SPEC, EMPTY_HISTORY } from './restartPolicy.ts';
export type { RestartSpec, RestartHistory, RestartDecision, ExitRecord } from './restartPolicy.ts';
export { withDefaults, DEFAULT_LIMITS } from './supervisorOptions.ts';
export type { SupervisorOptions, SupervisionLimits, ActorDefaults } from './supervisorOptions.ts';
export type { HealthReport, SessionHealth } from './health/healthReport.ts';
export { startScheduler, type Scheduler, type SchedulerOptions } from './scheduler/scheduler.ts';
export { runCleanup, DEFAULT_CLEANUP_POLICY, type CleanupPolicy, type CleanupResult } from './scheduler/cleanup.ts';
export * from './cluster/index.ts';
export { startClusterMode, defaultNodeId, type ClusterMode } from './cluster/routing/clusterMode.ts';
