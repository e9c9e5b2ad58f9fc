import { z } from '../../openapi/zod.ts';
import { epochMsQuery, sessionIdSchema, timeZoneSchema } from '../common.ts';

/** GET /api/reports */
export const reportQuery = z.object({
  from: epochMsQuery().openapi({ description: 'Start of the period (ms since epoch, included)' }),
  to: epochMsQuery().openapi({ description: 'End of the period (ms since epoch, excluded); at most 93 days after `from`' }),
  sessionId: sessionIdSchema.optional(),
  tz: timeZoneSchema
    .default('UTC')
    .openapi({ description: 'IANA time zone the days are counted in', example: 'Europe/Madrid' }),
});

const responseTime = z
  .object({ median: z.number().int(), p90: z.number().int() })
  .nullable()
  .openapi({ description: 'Response times in ms (median and 90th percentile, within 1%); null with no answered wait' });

const waitCounts = {
  waits: z.number().int().openapi({ description: 'Waits begun in the period: a customer message after our last reply (not in groups)' }),
  answered: z.number().int().openapi({ description: 'Of those, answered (within 7 days of the period)' }),
  handled: z.number().int().openapi({ description: 'Of those, marked as needing no reply' }),
  unanswered: z.number().int().openapi({ description: 'Of those, neither' }),
};

/** The report. */
export const reportSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    timeZone: z.string(),
    totals: z.object({
      received: z.number().int(),
      sent: z.number().int(),
      chats: z.number().int().openapi({ description: 'Chats with a message in the period' }),
      ...waitCounts,
      responseTime,
      waitingNow: z.number().int().openapi({ description: 'Chats waiting for a reply right now (not put aside)' }),
    }),
    days: z.array(z.object({ day: z.string().openapi({ example: '2026-12-01' }), received: z.number().int(), sent: z.number().int() })).openapi({ description: 'Days with messages, in the time zone, oldest first' }),
    hours: z
      .array(z.object({ hour: z.number().int().min(0).max(23), received: z.number().int(), sent: z.number().int() }))
      .openapi({ description: 'Messages by hour of the day (0–23, in the time zone) over the whole period: when customers write' }),
    people: z
      .array(
        z.object({
          userId: z.string().nullable().openapi({ description: 'Null: replies written on the phone or by an integration' }),
          name: z.string().nullable().openapi({ description: 'Null when the caller may not read the user' }),
          replies: z.number().int(),
          chats: z.number().int(),
          answered: z.number().int(),
          responseTime,
        }),
      )
      .openapi({ description: 'Who replied, most replies first' }),
    sessions: z.array(
      z.object({ sessionId: z.string(), name: z.string(), received: z.number().int(), sent: z.number().int(), chats: z.number().int(), ...waitCounts, responseTime }),
    ),
  })
  .openapi('Report');
