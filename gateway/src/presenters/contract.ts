/**
 * Compile-time check that what the gateway answers is what clients are promised: each
 * presenter's output must be assignable to its type in `@switchboard/shared` (rest.ts).
 * `pnpm typecheck` fails here when a presenter and the contract drift apart.
 */
import type { AlertView, AuditEntryView, DashboardView, MeView, RatePoint, RoleView, SessionDetailsView, SessionSummary, SessionView, TimelineEntry, UserView } from '@switchboard/shared';
import type { sessionAlerts } from '../routes/admin/alerts.ts';
import type { buildDashboard } from '../routes/admin/dashboard.ts';
import type { MessageRates } from '../metrics/messageRates.ts';
import type { readTimeline } from '../timeline/readTimeline.ts';
import type { presentAudit } from './assignments.ts';
import type { presentMe } from './me.ts';
import type { presentSession, presentSessionDetails, presentSessionSummary } from './sessions.ts';
import type { presentRole, presentUser } from './users.ts';

/** `true` when A is assignable to B, else `false` (no distribution over unions). */
type Assignable<A, B> = [A] extends [B] ? true : false;
type Out<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** Fails to compile unless every member is `true`. */
type AllTrue<T extends readonly true[]> = T;

/** One assertion per presenter (exported so the compiler keeps checking it; never used at run time). */
export type RestContract = AllTrue<
  [
    Assignable<Out<typeof presentUser>, UserView>,
    Assignable<Out<typeof presentMe>, MeView>,
    Assignable<Out<typeof presentRole>, RoleView>,
    Assignable<Out<typeof presentSessionSummary>, SessionSummary>,
    Assignable<Out<typeof presentSession>, SessionView>,
    Assignable<Out<typeof presentSessionDetails>, SessionDetailsView>,
    Assignable<Out<typeof readTimeline>, TimelineEntry[]>,
    Assignable<Out<typeof presentAudit>, AuditEntryView>,
    Assignable<Out<typeof buildDashboard>, DashboardView>,
    Assignable<ReturnType<MessageRates['series']>, RatePoint[]>,
    Assignable<Out<typeof sessionAlerts>, AlertView[]>,
  ]
>;
