/**
 * Source patches applied to FerretDB 1.24.2 when the embedded database is built (through
 * a patched copy of the module, so the module cache and go.mod stay untouched). Each patch replaces one
 * exact snippet of one file and the build fails unless the snippet occurs as often as expected.
 */
export interface FerretDbPatch {
  /** Path inside the FerretDB module. */
  file: string;
  from: string;
  to: string;
  /** How many times `from` occurs in the file (all are replaced); default 1. */
  count?: number;
  /** Why the patch exists (kept next to it for reviewers). */
  why: string;
}

/** The patches of the embedded database build. */
export const FERRETDB_PATCHES: FerretDbPatch[] = [
  {
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
    why:
      'FerretDB creates the _id index on `_ferretdb_sjson->"_id"` but queries, updates and deletes ' +
      "filter on `_ferretdb_sjson->'$._id'`: the same value, but SQLite matches index expressions " +
      'by their text, so every lookup by _id and every update or delete scanned the whole table ' +
      '(EXPLAIN QUERY PLAN: SCAN). With the label spelled as in the index, SQLite searches the index.',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: 'if params.Filter.Len() == 1 {',
    to: 'if params.Filter.Len() >= 1 {',
    count: 2,
    why:
      'FerretDB pushed `_id = ?` down to SQLite only when the filter had no other field, so a ' +
      'conditional update such as `{ _id, status: "pending" }` scanned the table. `_id` is never ' +
      'an array and the handler re-applies the whole filter to what the backend returns (the ' +
      'backend contract: "Filter may be ignored, or safely applied partially"), so narrowing by ' +
      '`_id` whenever the filter names one is exact. Query and Explain both get it.',
  },
  {
    file: 'internal/handler/msg_update.go',
    from: '\t\tcloser := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n',
    to: '\t\tcloser := iterator.NewMultiCloser()\n',
    why:
      'An `update` command closed the query iterator of each of its statements only when the ' +
      'whole command returned (`defer` inside the loop), and each open iterator holds one of the ' +
      "database's 100 SQLite connections: a command with about 100 statements (a bulkWrite of " +
      'Signal keys) took them all and then waited for a connection for ever, and every later ' +
      'query on that database with it (seen as a wedge under load; goroutine dump: 100 open rows ' +
      'of one update handler waiting in database/sql conn). Closed after each statement instead ' +
      '(next patch).',
  },
  {
    file: 'internal/handler/msg_update.go',
    from: '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
    to: '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n\t\tcloser.Close()\n',
    why: 'Closes the statement\'s iterator (and frees its SQLite connection) once the statement is applied (see the previous patch).',
  },
];
