import { weekProblems, type BusinessHoursView } from '@switchboard/shared';
import { BusinessHours, storedWeek, weekOf } from '@switchboard/shared/node';
import { badRequest } from '../../errors.ts';
import { z } from '../../openapi/zod.ts';
import { sessionParams, timeZoneSchema } from '../common.ts';
import { defineRoute, type RouteDef } from '../types.ts';
import { loadSession } from './sessionAccess.ts';

const tag = 'Sessions';
/** Longest away message. */
const AWAY_MAX = 1000;

const range = z.object({ from: z.string().openapi({ example: '09:00' }), to: z.string().openapi({ example: '14:00' }) });
const week = z.array(z.array(range)).openapi({ description: 'Seven days, Monday first; each a list of `{from, to}` (`HH:MM`, 24 h, `to` may be `24:00`); an empty day is closed' });

const hoursSchema = z
  .object({
    sessionId: z.string(),
    enabled: z.boolean(),
    timeZone: z.string().nullable().openapi({ description: 'IANA time zone of the hours; null when never set' }),
    week: week.nullable().openapi({ description: 'Null when never set' }),
    awayMessage: z.string(),
    greetingEnabled: z.boolean(),
    greetingMessage: z.string(),
    rejectCalls: z.boolean(),
    callMessage: z.string(),
  })
  .openapi('BusinessHours');

const hoursBody = z
  .object({
    enabled: z.boolean(),
    timeZone: timeZoneSchema,
    week,
    awayMessage: z.string().trim().max(AWAY_MAX, `At most ${AWAY_MAX} characters`),
    greetingEnabled: z.boolean().default(false).openapi({ description: 'Greet a customer who starts a conversation, once per chat' }),
    greetingMessage: z.string().trim().max(AWAY_MAX, `At most ${AWAY_MAX} characters`).default(''),
    rejectCalls: z.boolean().default(false).openapi({ description: 'Decline every WhatsApp call to the session while it rings (the thread records it as rejected)' }),
    callMessage: z.string().trim().max(AWAY_MAX, `At most ${AWAY_MAX} characters`).default('').openapi({ description: 'Sent to whoever called, once per declined call; empty sends nothing' }),
  })
  .strict()
  .openapi('BusinessHoursRequest');

/** The stored hours as the API shows them (off, unset, when none were saved). */
async function hoursView(sessionId: string): Promise<BusinessHoursView> {
  const doc = await BusinessHours.findOne({ sessionId }).lean();
  return { sessionId, enabled: !!doc?.enabled, timeZone: doc?.timeZone ?? null, week: doc?.week ? weekOf(doc.week) : null, awayMessage: doc?.awayMessage ?? '', greetingEnabled: !!doc?.greetingEnabled, greetingMessage: doc?.greetingMessage ?? '', rejectCalls: !!doc?.rejectCalls, callMessage: doc?.callMessage ?? '' };
}

/**
 * A session's opening hours and away reply (*Horario de atención*): while enabled, a customer
 * who writes while the business is closed gets the away message once per closed stretch
 * (automation/awayReplies.ts); and whether its WhatsApp calls are declined (the actor), with the
 * message the caller gets (automation/awayReplies.ts too). Read with the session; changed by those who may change it.
 */
export const businessHoursRoutes: RouteDef[] = [
  defineRoute({
    method: 'get', path: '/api/sessions/:sessionId/business-hours', tag, summary: "A session's opening hours and away reply", auth: 'user', permission: ['read', 'Session'],
    record: 'Session', params: sessionParams,
    response: { status: 200, description: 'The hours (off and unset when never saved)', schema: hoursSchema },
    async handler({ auth, params }) {
      await loadSession(auth!, params.sessionId, 'read');
      return hoursView(params.sessionId);
    },
  }),
  defineRoute({
    method: 'put', path: '/api/sessions/:sessionId/business-hours', tag, summary: 'Set the opening hours and the away reply of a session (and turn it on or off)', auth: 'user', permission: ['update', 'Session'],
    record: 'Session', params: sessionParams, body: hoursBody, audit: 'session.business_hours',
    response: { status: 200, description: 'The hours. 400 `invalid_hours` (details: the problems), `away_message_required` to turn it on with no message', schema: hoursSchema },
    async handler({ deps, auth, params, body, audit }) {
      const { sessionId } = params;
      await loadSession(auth!, sessionId, 'update');
      const problems = weekProblems(body.week);
      if (problems.length) throw badRequest('invalid_hours', `The opening hours are not valid: ${problems.join('; ')}`, { problems });
      if (body.enabled && !body.awayMessage) throw badRequest('away_message_required', 'Write the message customers get while you are closed');
      if (body.greetingEnabled && !body.greetingMessage) throw badRequest('greeting_message_required', 'Write the message new customers get');
      await BusinessHours.updateOne(
        { sessionId },
        { $set: { enabled: body.enabled, timeZone: body.timeZone, week: storedWeek(body.week), awayMessage: body.awayMessage, greetingEnabled: body.greetingEnabled, greetingMessage: body.greetingMessage, rejectCalls: body.rejectCalls, callMessage: body.callMessage, updatedBy: auth!.user._id } },
        { upsert: true },
      );
      deps.awayReplies?.ruleChanged(sessionId);
      Object.assign(audit, { targetType: 'Session', targetId: sessionId, details: { enabled: body.enabled, timeZone: body.timeZone, greetingEnabled: body.greetingEnabled, rejectCalls: body.rejectCalls } });
      return hoursView(sessionId);
    },
  }),
];
