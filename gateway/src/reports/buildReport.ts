/**
 * The team's report over a period (the console's *Informes*): reads the chats the caller may read
 * that had a message since the period began, and each one's messages in time order through the
 * index (sessionId, chatId, timestamp), a few chats at a time, into a `ReportTally`. Memory is a
 * few counters per chat being read, person, session and day, whatever the number of messages;
 * finds and cursors only (no aggregation), so it runs the same on MongoDB and FerretDB.
 */
import { Chat, Message, Session, User, type ChatDoc, type UserDoc } from '@switchboard/shared/node';
import type { QueryFilter } from 'mongoose';
import type { AuthContext } from '../auth/authContext.ts';
import { allowed, scope, subjects } from '../policies/subjects.ts';
import { usersScope } from '../routes/users/userAccess.ts';
import { awakeChats } from '../routes/inbox/snoozedFilter.ts';
import { NOBODY, ReportTally, type ReportChat, type ReportPeriod } from './reportTally.ts';

/** Chats read side by side (each a cursor over its messages). */
const CHATS_AT_ONCE = 4;
/** How long after the period a reply still answers a wait begun in it. */
export const ANSWER_GRACE_MS = 7 * 86_400_000;

/** What the caller asked for. */
export interface ReportRequest extends ReportPeriod {
  sessionId?: string;
  timeZone: string;
}

/** The calendar day (`YYYY-MM-DD`) and hour (0–23) of a time in a time zone. */
export function slotFormatter(timeZone: string): (ms: number) => { day: string; hour: number } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  return (ms) => {
    const parts: Record<string, string> = {};
    for (const p of f.formatToParts(ms)) parts[p.type] = p.value;
    return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
  };
}

/** Reads each chat's messages, `CHATS_AT_ONCE` chats at a time, as the chats' cursor yields them. */
async function walkChats(auth: AuthContext, filter: QueryFilter<ChatDoc>, req: ReportRequest, tally: ReportTally): Promise<void> {
  const until = new Date(req.to + ANSWER_GRACE_MS);
  const walkOne = async (chat: ReportChat) => {
    const messages = Message.find(
      { sessionId: chat.sessionId, chatId: chat.jid, timestamp: { $gte: new Date(req.from), $lt: until } },
      { fromMe: 1, timestamp: 1, userId: 1, kind: 1, status: 1, automated: 1, call: 1 },
    )
      .sort({ timestamp: 1 })
      .lean()
      .cursor();
    try {
      await tally.walk(chat, messages);
    } finally {
      await messages.close();
    }
  };
  const running = new Set<Promise<void>>();
  const chats = Chat.find(filter, { sessionId: 1, jid: 1, isGroup: 1, handledAt: 1 }).lean().cursor();
  try {
    for await (const c of chats) {
      const chat = c as ReportChat;
      // Messages follow their chat's rules but are their own subject: a role may read one and not the other.
      if (!allowed(auth, 'read', subjects.message(chat.sessionId, chat.jid))) continue;
      const task: Promise<void> = walkOne(chat).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= CHATS_AT_ONCE) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
  }
}

/** Names of the people in the report the caller may read (others stay unnamed). */
async function peopleNames(auth: AuthContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || !auth.ability.can('read', 'User')) return new Map();
  const users = await User.find({ $and: [await usersScope(auth, 'read'), { _id: { $in: ids } }] } as QueryFilter<UserDoc>, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

/** The report's answer (GET /api/reports). */
export async function buildReport(auth: AuthContext, req: ReportRequest, now: Date) {
  const readable = scope(auth, 'read', 'Chat') as QueryFilter<ChatDoc>;
  const session: QueryFilter<ChatDoc> = req.sessionId ? { sessionId: req.sessionId } : {};
  const tally = new ReportTally(req, slotFormatter(req.timeZone));
  await walkChats(auth, { $and: [readable, session, { lastMessageAt: { $gte: new Date(req.from) } }] }, req, tally);
  const [waitingNow, names, sessionDocs] = await Promise.all([
    Chat.countDocuments({ $and: [readable, session, { needsReply: true }, awakeChats(now)] }),
    peopleNames(auth, [...tally.people.keys()].filter((id) => id !== NOBODY)),
    Session.find({ sessionId: { $in: [...tally.sessions.keys()] } }, { sessionId: 1, name: 1 }).lean(),
  ]);
  const sessionNames = new Map(sessionDocs.map((s) => [s.sessionId, s.name]));
  const { times, ...totals } = tally.totals;
  return {
    from: req.from,
    to: req.to,
    timeZone: req.timeZone,
    totals: { ...totals, responseTime: times.summary(), waitingNow },
    hours: tally.hours.map((h, hour) => ({ hour, ...h })),
    days: [...tally.days].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d })),
    people: [...tally.people]
      .map(([id, p]) => ({ userId: id === NOBODY ? null : id, name: names.get(id) ?? null, replies: p.replies, chats: p.chats, answered: p.answered, responseTime: p.times.summary() }))
      .sort((a, b) => b.replies - a.replies || b.answered - a.answered),
    sessions: [...tally.sessions]
      .map(([sessionId, s]) => {
        const { times: sessionTimes, ...rest } = s;
        return { sessionId, name: sessionNames.get(sessionId) ?? sessionId, ...rest, responseTime: sessionTimes.summary() };
      })
      .filter((s) => s.received + s.sent + s.waits > 0)
      .sort((a, b) => b.received + b.sent - (a.received + a.sent)),
  };
}
