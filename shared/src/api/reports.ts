/** The team's report (`GET /api/reports`): what the console's *Informes* shows. */

/** Response times in ms (median and 90th percentile, within 1%); null with no answered wait. */
export type ResponseTimeView = { median: number; p90: number } | null;

/** Waits begun in the period: a customer's message after our last reply (not in groups). */
export interface WaitCountsView {
  waits: number;
  /** Answered by a reply (within 7 days of the period). */
  answered: number;
  /** Marked as needing no reply. */
  handled: number;
  /** Neither. */
  unanswered: number;
}

/** One person's replies; `userId` null for the phone or an integration, `name` null when the caller may not read the user. */
export interface ReportPersonView {
  userId: string | null;
  name: string | null;
  replies: number;
  chats: number;
  answered: number;
  responseTime: ResponseTimeView;
}

/** One session's figures. */
export interface ReportSessionView extends WaitCountsView {
  sessionId: string;
  name: string;
  received: number;
  sent: number;
  chats: number;
  responseTime: ResponseTimeView;
}

/** The report over [from, to) (ms), its days in `timeZone`. */
export interface ReportView {
  from: number;
  to: number;
  timeZone: string;
  totals: WaitCountsView & { received: number; sent: number; chats: number; responseTime: ResponseTimeView; waitingNow: number };
  /** Days with messages, oldest first (`YYYY-MM-DD`). */
  days: { day: string; received: number; sent: number }[];
  /** By hour of the day (0–23, all 24) over the whole period. */
  hours: { hour: number; received: number; sent: number }[];
  people: ReportPersonView[];
  sessions: ReportSessionView[];
}
