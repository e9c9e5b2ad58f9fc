/**
 * Runs async tasks one after another. Auth writes go through one queue per session so two
 * upserts of the same key never race (FerretDB may not report E11000 on a racing upsert).
 */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
