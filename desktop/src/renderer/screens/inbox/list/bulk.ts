/**
 * Acting on several chats at once (the list's selection): each chat goes through the same route
 * as one at a time — the server checks each — a few side by side, and the outcome says how many
 * were done and why the others were not.
 */

/** What a run did. */
export interface BulkOutcome<T> {
  ok: number;
  failed: { item: T; err: unknown }[];
}

/** Runs `work` on every item, `concurrency` at a time, telling `onProgress` how many are finished. */
export async function runEach<T>(items: readonly T[], work: (item: T) => Promise<void>, opts: { concurrency?: number; onProgress?: (finished: number) => void } = {}): Promise<BulkOutcome<T>> {
  const out: BulkOutcome<T> = { ok: 0, failed: [] };
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
        out.ok += 1;
      } catch (err) {
        out.failed.push({ item, err });
      }
      opts.onProgress?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, items.length) }, worker));
  return out;
}

/** A chat's labels with one more (unchanged when it has it already). */
export function withLabel(labels: readonly string[], id: string): string[] {
  return labels.includes(id) ? [...labels] : [...labels, id];
}
