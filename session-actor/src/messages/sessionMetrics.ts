import { Session } from '@switchboard/shared/node';

type Counter = 'messagesSent' | 'messagesReceived' | 'chatCount' | 'connectionAttempts' | 'errorCount';

/** Session metrics writes of one actor (counters are $inc so concurrent writers add up). */
export class SessionMetrics {
  constructor(private readonly sessionId: string) {}

  /** Adds to counters and sets lastActivityAt. */
  async count(counters: Partial<Record<Counter, number>>, activity = true): Promise<void> {
    const inc: Record<string, number> = {};
    for (const [k, v] of Object.entries(counters)) inc[`metrics.${k}`] = v;
    const update: Record<string, unknown> = { $inc: inc };
    if (activity) update.$set = { 'metrics.lastActivityAt': new Date() };
    await Session.updateOne({ sessionId: this.sessionId }, update);
  }

  /** Records an error: errorCount + 1 and lastError (a short message, never a body or secret). */
  async error(message: string): Promise<void> {
    await Session.updateOne(
      { sessionId: this.sessionId },
      { $inc: { 'metrics.errorCount': 1 }, $set: { 'metrics.lastError': message.slice(0, 500) } },
    );
  }

  /** Sets arbitrary session fields (status, me, device, metrics.* ...). */
  async set(fields: Record<string, unknown>): Promise<void> {
    await Session.updateOne({ sessionId: this.sessionId }, { $set: fields });
  }
}
