/** One document's error in a failed bulk write, as the driver reports it. */
export interface DocumentWriteError {
  /** Position of the document in the request. */
  index: number;
  /** The server's code (11000: duplicate key). */
  code: number | undefined;
  message: string;
}

type RawWriteError = { index?: number; code?: number; errmsg?: string; err?: { index?: number; code?: number; errmsg?: string } };

/**
 * The per-document errors of a failed bulk write (`insertMany`, `bulkWrite`): the driver puts
 * them on `writeErrors`, a list or a single one, their fields flat or under `err`. Empty when
 * the request failed as a whole (a lost connection, a validation error).
 */
export function writeErrorsOf(err: unknown): DocumentWriteError[] {
  const list = (err as { writeErrors?: RawWriteError | RawWriteError[] } | null)?.writeErrors;
  if (!list) return [];
  return (Array.isArray(list) ? list : [list]).map((e) => ({
    index: e.index ?? e.err?.index ?? -1,
    code: e.code ?? e.err?.code,
    message: e.errmsg ?? e.err?.errmsg ?? 'write failed',
  }));
}

/** What insertUnordered uses of a mongoose model (Message, SendKey, ...). */
export interface InsertModel {
  create(doc: unknown): Promise<unknown>;
  insertMany(docs: unknown[], opts: { ordered: false }): Promise<unknown>;
}

/** A document's failure to be inserted: an Error with the server's code (11000: duplicate key). */
export type InsertFailure = Error & { code?: number };

/**
 * Inserts `docs` with one request — `create` for a lone document, one unordered `insertMany`
 * otherwise — and resolves with each document's failure, null for a stored one. A lone
 * document's error is its own, whatever it is. Rejects when a batch failed as a whole: nothing
 * of an unordered batch is then known to be stored or not.
 */
export async function insertUnordered(model: InsertModel, docs: readonly unknown[]): Promise<(InsertFailure | null)[]> {
  if (docs.length === 1) {
    try {
      await model.create(docs[0]);
      return [null];
    } catch (err) {
      return [err as InsertFailure];
    }
  }
  try {
    await model.insertMany([...docs], { ordered: false });
    return docs.map(() => null);
  } catch (err) {
    const errors = writeErrorsOf(err);
    if (errors.length === 0) throw err;
    const failed = new Map(errors.map((e) => [e.index, e]));
    return docs.map((_, i) => {
      const e = failed.get(i);
      return e ? Object.assign(new Error(e.message), { code: e.code }) : null;
    });
  }
}

/** What insertDocumentsUnordered uses of a collection (the driver's, e.g. `Message.collection`). */
export interface NativeInsertCollection {
  insertOne(doc: never): Promise<unknown>;
  insertMany(docs: never[], opts: { ordered: false }): Promise<unknown>;
}

/**
 * insertUnordered for documents the caller built and validated whole, as they are to be stored
 * (e.g. models/incomingMessage.ts): through the driver, so mongoose does not build and validate
 * each of them again (issue 13). Same outcomes as insertUnordered.
 */
export function insertDocumentsUnordered(collection: NativeInsertCollection, docs: readonly object[]): Promise<(InsertFailure | null)[]> {
  return insertUnordered(
    { create: (doc) => collection.insertOne(doc as never), insertMany: (list, opts) => collection.insertMany(list as never[], opts) },
    docs,
  );
}
