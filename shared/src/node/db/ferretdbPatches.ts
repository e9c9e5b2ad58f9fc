import { GO_COUNT_ONLY, GO_PUSHDOWN } from './ferretdbPatchSources.ts';

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
  {
    file: 'internal/backends/sqlite/collection.go',
    from: '\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)\n',
    to: '\tif whereClause == "" {\n\t\twhereClause, args = switchboardScalarPushdown(params.Filter)\n\t}\n\n\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)\n',
    why:
      'Any query not narrowed by `_id` read and decoded every document of the collection in Go, ' +
      'then filtered them: an actor\'s outbox scan (`{ sessionId, status: "pending", fromMe: true }`) ' +
      'read the whole `messages` collection, and a node restoring 20 sessions over 20,000 stored ' +
      'messages spent 670 s of database time on 24 such reads (30 s instead of 5 s to restore). ' +
      'Now the top-level equality conditions on strings and booleans go to SQLite. A boolean, or a ' +
      'string sjson writes without escapes, as `(doc->\'field\' = <its JSON text> OR (doc->\'field\' ' +
      "> '[' AND doc->'field' < '\\'))`: spelled as FerretDB's indexes spell a field, so SQLite " +
      'searches an index that starts with it (the outbox scan reads one session\'s messages, not ' +
      'all), and the range brings back arrays. Any other string as `(doc->>\'field\' = ? OR ' +
      "json_type(doc, '$.field') = 'array')`: a scan, but in SQLite, and only matching rows are " +
      'decoded. Exact: the handler applies the whole filter to what comes back (arrays always come ' +
      'back, as they may contain the value); the JSON text compared is the one sjson stored, since ' +
      'only strings it writes verbatim are compared that way; a value of another type that happens ' +
      'to share the text (an ObjectId and its hex string, a boolean and 1/0 under `->>`) comes ' +
      'back too and the handler drops it.',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: '\tq := `EXPLAIN QUERY PLAN ` + selectClause + whereClause + orderByClause\n',
    to: '\tif whereClause == "" {\n\t\twhereClause, args = switchboardScalarPushdown(params.Filter)\n\t}\n\n\tq := `EXPLAIN QUERY PLAN ` + selectClause + whereClause + orderByClause\n',
    why:
      'Explain shows the plan of the query the previous patch builds (filterPushdown stays false: ' +
      'the handler still applies the whole filter), so a test can see SQLite search an index.',
  },
  {
    file: 'internal/handler/msg_aggregate.go',
    from: '\t\titer, err = processStagesDocuments(ctx, closer, &stagesDocumentsParams{c, qp, stagesDocuments})\n',
    to: '\t\tif switchboardCountsOnly(aggregationStages) {\n\t\t\tqp.OnlyRecordIDs = true\n\t\t}\n\n\t\titer, err = processStagesDocuments(ctx, closer, &stagesDocumentsParams{c, qp, stagesDocuments})\n',
    why:
      'countDocuments is an aggregate of `$match` and `$group` with `$sum: 1`, and FerretDB decoded ' +
      'every document to count it, even when the filter lets every document through (an admin\'s ' +
      'inbox across all sessions: `{ $and: [{}] }`, 2.8 s over 50,000 chats). When the `$match` ' +
      'passes every document and the `$group` reads no field (constant `_id`, constant `$sum`s), ' +
      'the query asks for rows without decoding them (FerretDB\'s own `OnlyRecordIDs` mode): the ' +
      'stages see empty documents, which the filter passes and the group counts, exactly as the ' +
      'decoded ones.',
  },
  {
    file: 'internal/handler/msg_aggregate.go',
    from: '// stagesDocumentsParams contains the parameters for processStagesDocuments.\n',
    to: GO_COUNT_ONLY + '// stagesDocumentsParams contains the parameters for processStagesDocuments.\n',
    why: 'The function of the previous patch.',
  },
  {
    file: 'internal/util/resource/resource.go',
    from: 'func Track(obj any, token *Token) {\n\tcheckArgs(obj, token)\n',
    to: 'func Track(obj any, token *Token) {\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n\n\tcheckArgs(obj, token)\n',
    why:
      'FerretDB tracks the lifetime of every iterator it makes, one per document a query reads among ' +
      'them, in a pprof profile (capturing the stack) with a finalizer that panics if the iterator ' +
      'was never closed: leak hunting for its developers. A CPU profile of an inbox page over 50,000 ' +
      'chats put 11% of the server in it, and more in the garbage collector for the finalizers. ' +
      'Tracked in debug builds only now (its own `ferretdb_debug` tag), as the stack it records already was.',
  },
  {
    file: 'internal/util/resource/resource.go',
    from: 'func Untrack(obj any, token *Token) {\n\tcheckArgs(obj, token)\n',
    to: 'func Untrack(obj any, token *Token) {\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n\n\tcheckArgs(obj, token)\n',
    why: 'The other half of the previous patch: nothing is tracked, so nothing is untracked.',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: '\t"strings"\n\n\tsqlite3 "modernc.org/sqlite"\n',
    to: '\t"strings"\n\t"time"\n\n\tsqlite3 "modernc.org/sqlite"\n',
    why: 'The date ranges of the pushdown (below) read the filter\'s dates.',
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    from: '// Query implements backends.Collection interface.\n',
    to: GO_PUSHDOWN + '// Query implements backends.Collection interface.\n',
    why: 'The function of the previous patch.',
  },
];
