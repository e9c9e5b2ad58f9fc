import type { Model, ProjectionType } from 'mongoose';

/**
 * Ids per request: the embedded database searches its `_id` index for an `$in` list of up to
 * 1,000 strings or ObjectIds (ferretdbPatches.ts), MongoDB for any list.
 */
export const IDS_PER_READ = 500;

/** The key a document's `_id` is matched by (a string, or an ObjectId's hex). */
const idKey = (id: unknown): string => String(id);

/**
 * The documents with these `_id`s, in the order asked (null where none is stored), read with
 * one `_id: { $in }` request per IDS_PER_READ ids — instead of one lookup per id. The batch size
 * keeps each answer in one reply (no `getMore`).
 */
export async function findByIds<D, T = D>(model: Model<D>, ids: readonly unknown[], projection?: ProjectionType<D>): Promise<(T | null)[]> {
  if (ids.length === 0) return [];
  if (ids.length === 1) return [await model.findById(ids[0], projection).lean<T>()];
  const reads: Promise<T[]>[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const part = ids.slice(i, i + IDS_PER_READ);
    reads.push(model.find({ _id: { $in: part } }, projection).batchSize(part.length + 1).lean<T[]>());
  }
  const byId = new Map<string, T>();
  for (const doc of (await Promise.all(reads)).flat()) byId.set(idKey((doc as { _id: unknown })._id), doc);
  return ids.map((id) => byId.get(idKey(id)) ?? null);
}
