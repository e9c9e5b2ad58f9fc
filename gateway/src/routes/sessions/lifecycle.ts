import { Session, type SessionDoc } from '@switchboard/shared/node';
import type { GatewayDeps } from '../../deps.ts';
import { notFound } from '../../errors.ts';
import { presentSession } from '../../presenters/sessions.ts';
import { readTimeline } from '../../timeline/readTimeline.ts';
import { sessionParams } from '../common.ts';
import { defineRoute, type AuditNote, type RouteDef } from '../types.ts';
import { loadSession } from './sessionAccess.ts';
import { renameSessionBody, sessionSchema, timelineQuery, timelineResponse } from './schema.ts';

const tag = 'Sessions';

/** The session as it is now (record re-read, live status from the hub). */
async function current(deps: GatewayDeps, doc: SessionDoc) {
  const fresh = await Session.findById(doc._id).lean();
  if (!fresh) throw notFound('session');
  return presentSession(fresh, deps.hub.snapshot(fresh.sessionId));
}

/** Names the session as the audit entry's target. */
function target(audit: AuditNote, sessionId: string): void {
  audit.targetType = 'Session';
  audit.targetId = sessionId;
}

/**
 * Operator controls of one session: start, stop, rename, relink (pair again keeping history),
 * and its timeline. From: the console → here → the SessionHub (Supervisor.start / stop).
 */
export const sessionLifecycleRoutes: RouteDef[] = [
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId', tag, summary: 'Rename a session', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, body: renameSessionBody, audit: 'session.rename',
    response: { status: 200, description: 'The session', schema: sessionSchema },
    async handler({ deps, auth, params, body, audit }) {
      const doc = await loadSession(auth!, params.sessionId, 'update');
      await Session.updateOne({ _id: doc._id }, { $set: { name: body.name } });
      target(audit, params.sessionId);
      audit.details = { name: body.name };
      return current(deps, doc);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/start', tag, summary: 'Start a session (stopped, created or logged out: a logged-out one shows a new QR)', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.start',
    response: { status: 200, description: 'The session (status `starting` while its actor comes up)', schema: sessionSchema },
    async handler({ deps, auth, params, audit }) {
      const doc = await loadSession(auth!, params.sessionId, 'update');
      // Active first: should this node restart before the actor is up, restoreAll starts it.
      await Session.updateOne({ _id: doc._id }, { $set: { active: true } });
      await deps.hub.start(params.sessionId);
      target(audit, params.sessionId);
      return current(deps, doc);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/stop', tag, summary: 'Stop a session without logging it out (it stays paired)', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.stop',
    response: { status: 200, description: 'The session (status `stopped`)', schema: sessionSchema },
    async handler({ deps, auth, params, audit }) {
      const doc = await loadSession(auth!, params.sessionId, 'update');
      await Session.updateOne({ _id: doc._id }, { $set: { active: false } });
      await deps.hub.stop(params.sessionId);
      target(audit, params.sessionId);
      return current(deps, doc);
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/relink', tag, summary: 'Pair again with a new QR, keeping the record, history, chats and assignments', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.relink',
    response: { status: 200, description: 'The session; its new QR arrives as a `qr` event (or GET …/qr)', schema: sessionSchema },
    async handler({ deps, auth, params, audit }) {
      const doc = await loadSession(auth!, params.sessionId, 'update');
      // The cleanup route's path: a running actor logs the device out, then the credentials are
      // wiped whatever the status (a logged-out actor already wiped them; a replaced or stopped
      // one still has them, and starting with them would not ask for a QR).
      await deps.hub.stop(params.sessionId, { logout: true });
      // A new pairing is a new life: forget the restart history (so a crash-looping, problematic
      // session gets its full restart budget) and start; the actor has no credentials, so a QR comes.
      await Session.updateOne({ _id: doc._id }, { $set: { active: true } });
      await deps.hub.resetAttempts(params.sessionId);
      target(audit, params.sessionId);
      return current(deps, doc);
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/timeline', tag, summary: 'What happened to the session (connections, disconnections and why, restarts), newest first', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', params: sessionParams, query: timelineQuery,
    response: { status: 200, description: 'Entries with `seq < before`, newest first; page on with `before` = the last seq', schema: timelineResponse },
    async handler({ auth, params, query }) {
      await loadSession(auth!, params.sessionId, 'read');
      return readTimeline(params.sessionId, { limit: query.limit, ...(query.before !== undefined ? { before: query.before } : {}) });
    },
  }),
];
