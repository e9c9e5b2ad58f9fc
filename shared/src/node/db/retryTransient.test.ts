import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { retryTransient, transientRetryDelay } from './retryTransient.ts';

const policy = { baseMs: 100, capMs: 350, maxAttempts: 4 };

describe('retryTransient', () => {
  it('tries again after transient faults with capped doubling delays, and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryTransient(
      async (attempt) => {
        calls += 1;
        if (attempt < 4) throw new MongoNetworkError('connection reset');
        return 'done';
      },
      { ...policy, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 350]);
  });

  it('throws a permanent error at once and the last transient one when the tries are spent', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const duplicate = new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key' });
    await expect(retryTransient(() => Promise.reject(duplicate), { ...policy, sleep })).rejects.toBe(duplicate);
    expect(waits).toEqual([]);
    await expect(retryTransient(() => Promise.reject(new MongoNetworkError('down')), { ...policy, sleep })).rejects.toThrow('down');
    expect(waits).toEqual([100, 200, 350]);
    expect(transientRetryDelay(policy, 10)).toBe(350);
  });
});
