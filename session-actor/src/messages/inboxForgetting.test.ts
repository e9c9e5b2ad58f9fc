import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Inbox } from './inbox.ts';
import { FORGET_AFTER_MS, forgetInBatches } from './inboxForgetting.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** An inbox that records what it is asked to delete and close; the queue runs tasks in order. */
function recordingInbox() {
  const calls: string[] = [];
  const inbox = {
    done: async (ids: readonly string[]) => void calls.push(`done ${ids.join(',')}`),
    close: async () => void calls.push('close'),
  } as unknown as Inbox;
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = (task: () => Promise<unknown>) => void (tail = tail.then(task));
  return { calls, inbox, enqueue, settled: () => tail };
}

describe('forgetInBatches', () => {
  it('deletes the entries of a burst with one request, a short while after the first', async () => {
    vi.useFakeTimers();
    const { calls, inbox, enqueue, settled } = recordingInbox();
    const forgetting = forgetInBatches(inbox, enqueue);
    forgetting.forget('A');
    forgetting.forget('B');
    await vi.advanceTimersByTimeAsync(FORGET_AFTER_MS - 1);
    forgetting.forget('C');
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await settled();
    expect(calls).toEqual(['done A,B,C']);
  });

  it('on close deletes what waits at once, then everything later at once, after the marker check', async () => {
    vi.useFakeTimers();
    const { calls, inbox, enqueue, settled } = recordingInbox();
    const forgetting = forgetInBatches(inbox, enqueue);
    forgetting.forget('A');
    forgetting.close();
    forgetting.forget('B');
    await settled();
    expect(calls).toEqual(['done A', 'close', 'done B']);
  });
});
