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
];
