import { describe, expect, it } from 'vitest';
import { runEach, withLabel } from './bulk.ts';

describe('runEach', () => {
  it('does every item, at most N at a time, and reports the ones that failed with why', async () => {
    let running = 0;
    let most = 0;
    const progress: number[] = [];
    const gates: (() => void)[] = [];
    const run = runEach(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running -= 1;
        if (n % 3 === 0) throw new Error(`no ${n}`);
      },
      { concurrency: 2, onProgress: (f) => progress.push(f) },
    );
    // Release the waiting items one by one as they start.
    while (progress.length < 6) {
      await Promise.resolve();
      gates.shift()?.();
      await new Promise<void>((r) => queueMicrotask(r));
    }
    const out = await run;
    expect(most).toBe(2);
    expect(out.ok).toBe(4);
    expect(out.failed.map((f) => [f.item, (f.err as Error).message])).toEqual([
      [3, 'no 3'],
      [6, 'no 6'],
    ]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does nothing for no items', async () => {
    expect(await runEach([], async () => undefined)).toEqual({ ok: 0, failed: [] });
  });
});

describe('withLabel', () => {
  it('adds a label once', () => {
    expect(withLabel(['a'], 'b')).toEqual(['a', 'b']);
    expect(withLabel(['a', 'b'], 'a')).toEqual(['a', 'b']);
  });
});
