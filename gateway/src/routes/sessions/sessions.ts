import { randomBytes } from 'node:crypto';
import { Assignment, AuthKey, AuthState, ParkedAnswer, Session, type SessionDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import QRCode from 'qrcode';
import { RPC_ERROR_CODES, RpcError } from '@switchboard/shared';
import { conflict } from '../../errors.ts';
import { authorize, scope, subjects } from '../../policies/subjects.ts';
import { presentSession, presentSessionDetails } from '../../presenters/sessions.ts';
import { escapeRegex, listOf, listResponse, okSchema, paging, sessionParams } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadSession } from './sessionAccess.ts';
import { createSessionBody, listSessionsQuery, pairingBody, pairingResponse, qrResponse, sessionDetailsSchema, sessionSchema, type SESSION_SORTS } from './schema.ts';

const tag = 'Sessions';

/** Stored field of each sort key of the list (`status` sorts by the stored status). */
const SORT_FIELDS: Record<(typeof SESSION_SORTS)[number], string> = {
  name: 'name',
  status: 'status',
  createdAt: 'createdAt',
  lastActivity: 'metrics.lastActivityAt',
};

/** Session lifecycle: create, list, delete, details, QR, pairing code, reset attempts, cleanup. */
export const sessionRoutes: RouteDef[] = [
  defineRoute({
    method: 'post', path: '/api/sessions', tag, summary: 'Create a WhatsApp session and start its actor', auth: 'user', permission: ['create', 'Session'],
    record: 'Session', body: createSessionBody, audit: 'session.create',
    response: { status: 201, description: 'The session', schema: sessionSchema },
    async handler({ deps, auth, body, audit }) {
      const sessionId = body.sessionId ?? `s-${randomBytes(5).toString('hex')}`;
      // A role may allow creating only some session ids (e.g. `{ sessionId: 'ventas' }`).
      authorize(auth, 'create', subjects.session(sessionId));
      if (await Session.exists({ sessionId })) throw conflict('session_exists', 'A session with this id already exists');
      await Session.create({ sessionId, name: body.name ?? sessionId, active: true, status: 'created', createdBy: auth!.user._id });
      audit.targetType = 'Session';
      audit.targetId = sessionId;
      await deps.hub.start(sessionId).catch((err: unknown) => deps.logger.error({ err, sessionId }, 'session start failed'));
      const doc = await Session.findOne({ sessionId }).lean();
      return presentSession(doc!, deps.hub.snapshot(sessionId));
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions', tag, summary: 'List sessions (filter by status or text, sort by name, status, createdAt or lastActivity)', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', query: listSessionsQuery,
    response: { status: 200, description: 'A page of sessions', schema: listOf(sessionSchema) },
    async handler({ deps, auth, query }) {
      // Sessions the caller may start conversations from are listed too (a salesperson's role
      // reads only the sessions of their assigned chats, and must pick one for a first message).
      const visible = scope(auth!, 'read', 'Session');
      const startable = auth!.ability.can('create', 'Chat') ? scope(auth!, 'create', 'Chat') : null;
      const and: QueryFilter<SessionDoc>[] = [startable ? { $or: [visible, startable] } : visible];
      if (query.status) and.push({ status: query.status });
      if (query.q) {
        const contains = { $regex: escapeRegex(query.q), $options: 'i' };
        and.push({ $or: [{ name: contains }, { sessionId: contains }] });
      }
      const filter: QueryFilter<SessionDoc> = { $and: and };
      const { skip, limit } = paging(query);
      const dir = query.order === 'desc' ? -1 : 1;
      // sessionId breaks ties so pages do not overlap.
      const sort = { [SORT_FIELDS[query.sort]]: dir, sessionId: 1 } as const;
      const [docs, total] = await Promise.all([Session.find(filter).sort(sort).skip(skip).limit(limit).lean(), Session.countDocuments(filter)]);
      return listResponse(docs.map((d) => presentSession(d, deps.hub.snapshot(d.sessionId))), total, query);
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId', tag, summary: 'Delete a session: log the device out, remove credentials and the record', auth: 'user', permission: ['delete', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.delete',
    response: { status: 204, description: 'Deleted' },
    async handler({ deps, auth, params, audit }) {
      await loadSession(auth!, params.sessionId, 'delete');
      await deps.hub.stop(params.sessionId, { logout: true });
      await Promise.all([
        Session.deleteOne({ sessionId: params.sessionId }),
        AuthState.deleteMany({ sessionId: params.sessionId }),
        AuthKey.deleteMany({ sessionId: params.sessionId }),
        Assignment.deleteMany({ sessionId: params.sessionId }),
        ParkedAnswer.deleteMany({ sessionId: params.sessionId }),
      ]);
      audit.targetType = 'Session';
      audit.targetId = params.sessionId;
      return undefined;
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/details', tag, summary: 'Session status, process and metrics', auth: 'user', permission: ['read', 'Session'],
    record: 'Session', params: sessionParams,
    response: { status: 200, description: 'Details', schema: sessionDetailsSchema },
    async handler({ deps, auth, params }) {
      const doc = await loadSession(auth!, params.sessionId, 'read');
      return presentSessionDetails(doc, deps.hub.snapshot(params.sessionId));
    },
  }),
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/qr', tag, summary: 'Current QR code (raw string and PNG data URL)', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams,
    response: { status: 200, description: 'The QR, or null when none is pending', schema: qrResponse },
    async handler({ deps, auth, params }) {
      const doc = await loadSession(auth!, params.sessionId, 'update');
      const snap = deps.hub.snapshot(params.sessionId);
      const running = snap?.pid != null;
      // An actor still starting (forked, not ready) has no QR yet: answer null, not 409.
      const { qr } = running
        ? await deps.hub.call(params.sessionId, 'getQr', {}).catch((err: unknown) => {
            if (err instanceof RpcError && err.code === RPC_ERROR_CODES.NOT_RUNNING) return { qr: null };
            throw err;
          })
        : { qr: null };
      const status = snap?.status ?? doc.status;
      if (!qr) return { qr: null, status };
      return { qr, status, image: await QRCode.toDataURL(qr, { errorCorrectionLevel: 'M', margin: 1, width: 320 }) };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/pairing-code', tag, summary: 'Ask for an 8-character pairing code for a phone number', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, body: pairingBody, audit: 'session.pairing_code',
    response: { status: 200, description: 'The code to type on the phone', schema: pairingResponse },
    async handler({ deps, auth, params, body, audit }) {
      await loadSession(auth!, params.sessionId, 'update');
      const { code } = await deps.hub.call(params.sessionId, 'requestPairingCode', { phone: body.phone });
      audit.targetType = 'Session';
      audit.targetId = params.sessionId;
      return { code };
    },
  }),
  defineRoute({
    method: 'post', path: '/api/sessions/:sessionId/reset-attempts', tag, summary: 'Clear restart history of a problematic session and start it', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.reset_attempts',
    response: { status: 200, description: 'Reset', schema: okSchema },
    async handler({ deps, auth, params, audit }) {
      await loadSession(auth!, params.sessionId, 'update');
      await deps.hub.resetAttempts(params.sessionId);
      audit.targetType = 'Session';
      audit.targetId = params.sessionId;
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'delete', path: '/api/sessions/:sessionId/cleanup', tag, summary: 'Log the device out and clear credentials, keeping the record and history', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, audit: 'session.cleanup',
    response: { status: 200, description: 'Cleaned; pair again with a new QR', schema: okSchema },
    async handler({ deps, auth, params, audit }) {
      await loadSession(auth!, params.sessionId, 'update');
      await deps.hub.stop(params.sessionId, { logout: true });
      audit.targetType = 'Session';
      audit.targetId = params.sessionId;
      return { ok: true };
    },
  }),
];
