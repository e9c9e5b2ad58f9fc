/**
 * Merging two MongoDB updates of one document into one that has the same effect as applying
 * them in order, so queued writes of a session can share a request (SessionRecords).
 */

/** The update operators a merge understands. */
export interface MergeableUpdate {
  $set?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $max?: Record<string, number>;
}

const OPERATORS = ['$set', '$inc', '$max'] as const;

/** True when one dotted path is the other or lies inside it ("metrics" and "metrics.pid"). */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * Folds `next` into `into` (mutated) when applying the result equals applying both in order:
 * `$set` of the same path keeps the later value, `$inc` adds, `$max` keeps the larger. Returns
 * false, leaving `into` untouched, when `next` has another operator, or touches a path that
 * `into` touches with another operator or that contains or lies inside one of `into`'s paths
 * (MongoDB refuses such an update).
 */
export function mergeUpdates(into: MergeableUpdate, next: Record<string, unknown>): boolean {
  if (Object.keys(next).some((op) => !(OPERATORS as readonly string[]).includes(op))) return false;
  const add = next as MergeableUpdate;
  for (const op of OPERATORS) {
    for (const path of Object.keys(add[op] ?? {})) {
      for (const other of OPERATORS) {
        for (const existing of Object.keys(into[other] ?? {})) {
          if (overlaps(path, existing) && !(other === op && existing === path)) return false;
        }
      }
    }
  }
  for (const [path, value] of Object.entries(add.$set ?? {})) (into.$set ??= {})[path] = value;
  for (const [path, value] of Object.entries(add.$inc ?? {})) (into.$inc ??= {})[path] = (into.$inc[path] ?? 0) + value;
  for (const [path, value] of Object.entries(add.$max ?? {})) (into.$max ??= {})[path] = Math.max(into.$max[path] ?? value, value);
  return true;
}

/** A copy of an update that merges may mutate without touching the caller's object. */
export function copyUpdate(update: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(update).map(([op, fields]) => [op, fields && typeof fields === 'object' ? { ...fields } : fields]));
}
