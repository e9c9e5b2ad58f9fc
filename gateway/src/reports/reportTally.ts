/**
 * What a report counts, fed one chat at a time with its messages in time order (pure: no
 * database, so every rule below is unit-tested).
 *
 * A **wait** starts with a customer's message when the chat was not already waiting (the first
 * one after our last reply) and ends with our next reply: its duration is the response time,
 * credited to whoever wrote the reply (`userId`; null for the phone or an integration). Reactions
 * neither start nor end one (as the inbox's *Sin responder* rule), nor do sends that have not
 * reached WhatsApp (pending, failed) or away replies (`automated`: not counted at all). Group chats count their messages but no waits (a member's
 * message is not always for us). Waits that start in the period count, even when answered after
 * it; a wait still open when the walk ends is *handled* if an agent marked the chat as needing no
 * reply after it began, else *unanswered*.
 */
import { callWaits, type MessageCall, type MessageKind, type MessageStatus } from '@switchboard/shared';
import { DurationHistogram } from './durationHistogram.ts';

/** The fields of a message a report reads. */
export interface ReportMessage {
  fromMe: boolean;
  timestamp: Date;
  userId?: { toString(): string } | null;
  kind: MessageKind;
  status: MessageStatus;
  automated?: boolean;
  /** A call: one answered on the phone was attended there, so it counts neither as received nor as a wait. */
  call?: MessageCall | null;
}

/** The fields of a chat a report reads. */
export interface ReportChat {
  sessionId: string;
  jid: string;
  isGroup: boolean;
  handledAt?: Date | null;
}

/** The period counted: [from, to) in ms since epoch. */
export interface ReportPeriod {
  from: number;
  to: number;
}

interface Counts {
  received: number;
  sent: number;
  chats: number;
  waits: number;
  answered: number;
  handled: number;
  unanswered: number;
  times: DurationHistogram;
}

interface PersonCounts {
  replies: number;
  chats: number;
  answered: number;
  times: DurationHistogram;
}

const counts = (): Counts => ({ received: 0, sent: 0, chats: 0, waits: 0, answered: 0, handled: 0, unanswered: 0, times: new DurationHistogram() });
const SENT: ReadonlySet<MessageStatus> = new Set(['sent', 'delivered', 'read', 'played']);

/** Key of replies nobody in the team wrote (the phone, an integration). */
export const NOBODY = '';

/** The report's counters, filled by `walk`. */
export class ReportTally {
  readonly totals = counts();
  readonly sessions = new Map<string, Counts>();
  readonly people = new Map<string, PersonCounts>();
  readonly days = new Map<string, { received: number; sent: number }>();
  /** By hour of the day (0–23) over the whole period. */
  readonly hours = Array.from({ length: 24 }, () => ({ received: 0, sent: 0 }));

  constructor(
    private readonly period: ReportPeriod,
    /** The calendar day (`YYYY-MM-DD`) and hour (0–23) of a time in the report's time zone. */
    private readonly slotOf: (ms: number) => { day: string; hour: number },
  ) {}

  /**
   * Counts one chat's messages (in time order, from the period's start; they may run past its
   * end so that waits begun in it find their reply). Returns once nothing later can count, so the
   * caller may stop reading: past the period's end with no wait open.
   */
  async walk(chat: ReportChat, messages: AsyncIterable<ReportMessage> | Iterable<ReportMessage>): Promise<void> {
    const session = this.sessionCounts(chat.sessionId);
    const repliedBy = new Set<string>();
    let waitStart: number | null = null;
    let any = false;
    for await (const m of messages) {
      const at = m.timestamp.getTime();
      if (at < this.period.from) continue;
      const inPeriod = at < this.period.to;
      if (!inPeriod && waitStart === null) break;
      if (m.kind === 'reaction' || m.kind === 'system' || m.automated || !callWaits(m.call)) continue;
      if (!m.fromMe) {
        if (!inPeriod) continue;
        any = true;
        this.bump('received', session, at);
        if (waitStart === null && !chat.isGroup) {
          waitStart = at;
          this.totals.waits += 1;
          session.waits += 1;
        }
        continue;
      }
      if (!SENT.has(m.status)) continue;
      const who = m.userId ? m.userId.toString() : NOBODY;
      const person = this.personCounts(who);
      if (inPeriod) {
        any = true;
        this.bump('sent', session, at);
        person.replies += 1;
        repliedBy.add(who);
      }
      if (waitStart !== null) {
        const took = at - waitStart;
        for (const c of [this.totals, session]) {
          c.answered += 1;
          c.times.add(took);
        }
        person.answered += 1;
        person.times.add(took);
        waitStart = null;
      }
    }
    if (waitStart !== null) {
      const handledAt = chat.handledAt?.getTime() ?? null;
      const key = handledAt !== null && handledAt >= waitStart ? 'handled' : 'unanswered';
      this.totals[key] += 1;
      session[key] += 1;
    }
    if (any) {
      this.totals.chats += 1;
      session.chats += 1;
    }
    for (const who of repliedBy) this.personCounts(who).chats += 1;
  }

  private bump(kind: 'received' | 'sent', session: Counts, at: number): void {
    this.totals[kind] += 1;
    session[kind] += 1;
    const { day, hour } = this.slotOf(at);
    const d = this.days.get(day) ?? { received: 0, sent: 0 };
    d[kind] += 1;
    this.days.set(day, d);
    this.hours[hour]![kind] += 1;
  }

  private sessionCounts(sessionId: string): Counts {
    let c = this.sessions.get(sessionId);
    if (!c) this.sessions.set(sessionId, (c = counts()));
    return c;
  }

  private personCounts(userId: string): PersonCounts {
    let c = this.people.get(userId);
    if (!c) this.people.set(userId, (c = { replies: 0, chats: 0, answered: 0, times: new DurationHistogram() }));
    return c;
  }
}
