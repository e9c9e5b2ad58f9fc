import { describe, expect, it } from 'vitest';
import { classifyClose, causeOf } from './disconnect.ts';

/** Baileys closes with Boom errors: the code lives in `output.statusCode`. */
const boom = (statusCode: number, message = 'x') => Object.assign(new Error(message), { output: { statusCode } });

describe('classifyClose', () => {
  it('reconnects with backoff after transient closes', () => {
    for (const code of [408, 428, 500, 503]) {
      expect(classifyClose(boom(code), false).action).toBe('reconnect');
    }
    expect(classifyClose(boom(428), false).cause).toBe('connection_closed');
    expect(classifyClose(boom(408), false).cause).toBe('connection_lost');
    expect(classifyClose(boom(503), false).cause).toBe('unavailable');
  });

  it('restarts at once on 515 (restart required after pairing)', () => {
    expect(classifyClose(boom(515), false)).toMatchObject({ action: 'restart-now', cause: 'restart_required', statusCode: 515 });
  });

  it('treats 401 and 411 as logged out and 440 as replaced', () => {
    expect(classifyClose(boom(401, 'Intentional Logout'), false)).toMatchObject({
      action: 'logged-out',
      cause: 'logged_out',
      message: 'Intentional Logout',
    });
    expect(classifyClose(boom(411), false).action).toBe('logged-out');
    expect(classifyClose(boom(440), false)).toMatchObject({ action: 'replaced', cause: 'replaced' });
  });

  it('retries errors without a status code and classifies them as unknown', () => {
    expect(classifyClose(new Error('protobuf decode'), false)).toMatchObject({ action: 'reconnect', cause: 'unknown', statusCode: undefined });
    expect(classifyClose(undefined, false).action).toBe('reconnect');
  });

  it('never reconnects after a close the actor asked for', () => {
    expect(classifyClose(boom(428), true).action).toBe('stopped');
    expect(classifyClose(undefined, true).action).toBe('stopped');
  });

  it('maps unknown codes to unknown', () => {
    expect(causeOf(999)).toBe('unknown');
    expect(causeOf(403)).toBe('forbidden');
  });
});
