import { describe, expect, it } from 'vitest';
import { silentLogger } from '@switchboard/shared/node';
import { withRetry } from './socketEvents.ts';

describe('withRetry', () => {
  it('retries a failing persistence task and returns its result', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new Error('db blip');
      return 'stored';
    }, silentLogger(), [0, 0, 0]);
    expect(result).toBe('stored');
    expect(calls).toBe(3);
  });

  it('gives up after the last delay with the task error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls += 1;
        throw new Error('down');
      }, silentLogger(), [0, 0]),
    ).rejects.toThrow('down');
    expect(calls).toBe(3);
  });
});
