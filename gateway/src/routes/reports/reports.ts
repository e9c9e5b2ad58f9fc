import { badRequest } from '../../errors.ts';
import { buildReport } from '../../reports/buildReport.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { reportQuery, reportSchema } from './schema.ts';

const tag = 'Reports';
/** Longest period one report covers (a quarter). */
const MAX_PERIOD_MS = 93 * 86_400_000;

/**
 * The team's report: messages each way, waits and response times, by person, session and day,
 * over the chats the caller may read. from: the console's *Informes* → here (database only).
 */
export const reportRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/reports', tag, summary: 'Messages, waits and response times over a period, by person, session and day', auth: 'user', permission: ['read', 'Dashboard'],
    record: 'Chat', query: reportQuery,
    response: { status: 200, description: 'The report. 400 `invalid_period` (to not after from), `period_too_long` (over 93 days)', schema: reportSchema },
    async handler({ deps, auth, query }) {
      if (query.to <= query.from) throw badRequest('invalid_period', 'The end of the period must come after its start');
      if (query.to - query.from > MAX_PERIOD_MS) throw badRequest('period_too_long', 'A report covers at most 93 days');
      return buildReport(auth!, { from: query.from, to: query.to, sessionId: query.sessionId, timeZone: query.tz }, deps.now());
    },
  }),
];
