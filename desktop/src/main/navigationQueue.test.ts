import { describe, expect, it, vi } from 'vitest';
import { createNavigationQueue } from './navigationQueue.ts';

describe('createNavigationQueue', () => {
  it('holds routes until ready, then delivers them in order and later ones at once', () => {
    const q = createNavigationQueue();
    q.push('/a');
    q.push('/b');
    const send = vi.fn();
    q.ready(send);
    q.push('/c');
    expect(send.mock.calls).toEqual([['/a'], ['/b'], ['/c']]);
    expect(q.pending()).toEqual([]);
  });

  it('holds routes again while paused', () => {
    const q = createNavigationQueue();
    const first = vi.fn();
    q.ready(first);
    q.pause();
    q.push('/x');
    expect(first).not.toHaveBeenCalled();
    const second = vi.fn();
    q.ready(second);
    expect(second).toHaveBeenCalledWith('/x');
  });

  it('keeps only the most recent routes', () => {
    const q = createNavigationQueue(2);
    for (const r of ['/1', '/2', '/3']) q.push(r);
    expect(q.pending()).toEqual(['/2', '/3']);
  });
});
