import { describe, expect, it } from 'vitest';
import { classifySendError, groupRefusal, isPassingServerFault } from './sendErrors.ts';

/** The shape of Baileys' errors (@hapi/boom): statusCode 500 unless given; `data` as given. */
class Boom extends Error {
  readonly isBoom = true;
  readonly data: unknown;
  readonly output: { statusCode: number };
  constructor(message: string, opts: { data?: unknown; statusCode?: number }) {
    super(message);
    this.data = opts.data ?? null;
    this.output = { statusCode: opts.statusCode ?? 500 };
  }
}

describe('classifySendError', () => {
  it('keeps a send queued, uncounted, for a passing fault on WhatsApp’s side', () => {
    // An error node of a query (Baileys' assertNodeErrorFree): the code is in data.
    expect(classifySendError(new Boom('internal-server-error', { data: 500 }))).toBe('transient');
    expect(classifySendError(new Boom('rate-overlimit', { data: 429 }))).toBe('transient');
    // The connection closed, timed out or was replaced under the send.
    expect(classifySendError(new Boom('Connection Closed', { statusCode: 428 }))).toBe('transient');
    expect(classifySendError(new Boom('Timed Out', { statusCode: 408 }))).toBe('transient');
    expect(isPassingServerFault(new Boom('Stream Errored (conflict)', { statusCode: 440 }))).toBe(true);
  });

  it('counts a refused request or an unknown error, and fails at once what no retry can fix', () => {
    expect(classifySendError(new Boom('bad-request', { data: 400 }))).toBe('retry');
    expect(classifySendError(new Boom('item-not-found', { data: 404 }))).toBe('retry');
    expect(classifySendError(new Error('No sessions'))).toBe('retry');
    expect(classifySendError(Object.assign(new Error('bad number'), { code: 'invalid_recipient' }))).toBe('permanent');
    expect(isPassingServerFault(null)).toBe(false);
  });

  it('fails at once a group send WhatsApp refuses with 403: the account is no longer in the group', () => {
    const refused = new Boom('forbidden', { data: 403 });
    const err = groupRefusal(refused, '120363000000000001@g.us');
    expect([classifySendError(err), (err as Error).message]).toEqual(['permanent', 'not_in_group']);
    // A one-to-one chat's 403 is not about a group: counted like any refusal.
    expect(classifySendError(groupRefusal(refused, '34611111111@s.whatsapp.net'))).toBe('retry');
  });
});
