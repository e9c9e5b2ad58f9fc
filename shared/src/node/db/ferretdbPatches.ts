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

/** Go source added to FerretDB's SQLite backend (see the pushdown patch below). */
const GO_PUSHDOWN = `// switchboardScalarPushdown narrows a query by the filter's top-level equality conditions
// on strings and booleans, evaluated by SQLite (patch added by Switchboard): the handler still
// applies the whole filter to every row returned, so this only has to return a superset.
// A field holding an array is always returned (an array may contain the value).
//
// A boolean, or a string that sjson writes without escapes, is compared as FerretDB's own
// indexes spell the field (doc->"field", the JSON text of the value), so SQLite can search an
// index that starts with that field; arrays come back through a second, range condition on
// the same expression (the JSON text of an array starts with '['). Other strings are compared
// decoded (doc->>'field'), which no index serves.
func switchboardScalarPushdown(filter *types.Document) (string, []any) {
	var conds []string
	var args []any
	switchboardCollectConds(filter, &conds, &args, 0)
	if len(conds) == 0 {
		return "", nil
	}
	return \` WHERE \` + strings.Join(conds, \` AND \`), args
}

// switchboardCollectConds appends a condition for each top-level equality of filter, and those
// of every clause of an $and (or of an $or with one clause), which a match meets too: the
// gateway wraps its filters in { $and: [<access scope>, { sessionId, chatId }] }. An $or of
// several clauses becomes one condition (switchboardAnyOf).
func switchboardCollectConds(filter *types.Document, conds *[]string, args *[]any, depth int) {
	if filter == nil || depth > 4 {
		return
	}
	for _, k := range filter.Keys() {
		v, _ := filter.Get(k)
		if k == "$and" || k == "$or" {
			clauses, ok := v.(*types.Array)
			if !ok {
				continue
			}
			if k == "$or" && clauses.Len() > 1 {
				switchboardAnyOf(clauses, conds, args, depth+1)
				continue
			}
			for i := 0; i < clauses.Len(); i++ {
				if clause, _ := clauses.Get(i); clause != nil {
					if d, ok := clause.(*types.Document); ok {
						switchboardCollectConds(d, conds, args, depth+1)
					}
				}
			}
			continue
		}
		if k == "_id" {
			if ops, ok := v.(*types.Document); ok {
				switchboardIDIn(ops, conds, args)
			}
			continue
		}
		if !switchboardPlainKey(k) {
			continue
		}
		if ops, ok := v.(*types.Document); ok {
			switchboardDateRange(k, ops, conds, args)
			switchboardScalarIn(k, ops, conds, args)
			continue
		}
		var arg any
		text, indexed := switchboardIndexedText(v)
		switch v := v.(type) {
		case string:
			arg = v
		case bool:
		default:
			continue
		}
		if indexed {
			arg = text
			*conds = append(*conds, fmt.Sprintf(\`(%[1]s->'%[2]s' = ? OR (%[1]s->'%[2]s' > '[' AND %[1]s->'%[2]s' < '\\'))\`, metadata.DefaultColumn, k))
		} else {
			*conds = append(*conds, fmt.Sprintf(\`(%[1]s->>'%[2]s' = ? OR json_type(%[1]s, '$.%[2]s') = 'array')\`, metadata.DefaultColumn, k))
		}
		*args = append(*args, arg)
	}
}

// switchboardAnyOf appends one condition for an $or of several clauses: the conditions of each
// clause joined by OR, which every match meets (it meets one clause). Not when a clause yields
// none: that clause could match any document, so the $or narrows nothing. The employee's
// access scope and inbox views are such $or: { $or: [{ sessionId, jid: { $in } }, ...] }.
func switchboardAnyOf(clauses *types.Array, conds *[]string, args *[]any, depth int) {
	var anyOf []string
	var anyArgs []any
	for i := 0; i < clauses.Len(); i++ {
		clause, _ := clauses.Get(i)
		d, ok := clause.(*types.Document)
		if !ok {
			return
		}
		var c []string
		switchboardCollectConds(d, &c, &anyArgs, depth)
		if len(c) == 0 {
			return
		}
		anyOf = append(anyOf, "("+strings.Join(c, " AND ")+")")
	}
	*conds = append(*conds, "("+strings.Join(anyOf, " OR ")+")")
	*args = append(*args, anyArgs...)
}

// switchboardDateRange appends a condition for each of $gt, $gte, $lt and $lte whose operand is
// a date: sjson stores a date as its milliseconds since the epoch (a JSON number), and doc->>
// reads a number as one, so SQLite compares them as numbers. A number that is not a date may
// pass (the handler drops it); no date that matches is left out. Other operators are left to
// the handler.
func switchboardDateRange(k string, ops *types.Document, conds *[]string, args *[]any) {
	for _, op := range ops.Keys() {
		sqlOp, ok := map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}[op]
		if !ok {
			continue
		}
		operand, _ := ops.Get(op)
		date, ok := operand.(time.Time)
		if !ok {
			continue
		}
		*conds = append(*conds, fmt.Sprintf(\`(%[1]s->>'%[2]s' %[3]s ? OR json_type(%[1]s, '$.%[2]s') = 'array')\`, metadata.DefaultColumn, k, sqlOp))
		*args = append(*args, date.UnixMilli())
	}
}

// switchboardIndexedText returns the JSON text FerretDB's indexes hold for v, when v is a
// boolean or a string that sjson writes without escapes (the forms compared through indexes).
func switchboardIndexedText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		text := string(must.NotFail(sjson.MarshalSingleValue(v)))
		return text, text == \`"\`+v+\`"\`
	case bool:
		return string(must.NotFail(sjson.MarshalSingleValue(v))), true
	}
	return "", false
}

// switchboardScalarIn narrows { k: { $in: [...] } } when every value is compared through
// indexes (switchboardIndexedText), and brings back arrays as the equality does; a list holding
// anything else (null matches a missing field, a number, an escaped string) is left to the handler.
func switchboardScalarIn(k string, ops *types.Document, conds *[]string, args *[]any) {
	in, ok := switchboardInList(ops, switchboardIndexedText)
	if !ok {
		return
	}
	*conds = append(*conds, fmt.Sprintf(\`(%[1]s->'%[2]s' IN (%[3]s) OR (%[1]s->'%[2]s' > '[' AND %[1]s->'%[2]s' < '\\'))\`, metadata.DefaultColumn, k, switchboardPlaceholders(len(in))))
	*args = append(*args, in...)
}

// switchboardIDIn narrows { _id: { $in: [...] } } to a search of the _id index when every value
// is a string or an ObjectId (an _id is never an array).
func switchboardIDIn(ops *types.Document, conds *[]string, args *[]any) {
	in, ok := switchboardInList(ops, func(v any) (string, bool) {
		switch v.(type) {
		case string, types.ObjectID:
			return string(must.NotFail(sjson.MarshalSingleValue(v))), true
		}
		return "", false
	})
	if !ok {
		return
	}
	*conds = append(*conds, fmt.Sprintf(\`%s IN (%s)\`, metadata.IDColumn, switchboardPlaceholders(len(in))))
	*args = append(*args, in...)
}

// switchboardInList returns the texts of an $in list of 1 to 1,000 values when text accepts
// every one of them.
func switchboardInList(ops *types.Document, text func(any) (string, bool)) ([]any, bool) {
	v, err := ops.Get("$in")
	list, ok := v.(*types.Array)
	if err != nil || !ok || list.Len() == 0 || list.Len() > 1000 {
		return nil, false
	}
	in := make([]any, 0, list.Len())
	for i := 0; i < list.Len(); i++ {
		item, _ := list.Get(i)
		t, ok := text(item)
		if !ok {
			return nil, false
		}
		in = append(in, t)
	}
	return in, true
}

// switchboardPlaceholders returns n comma-separated SQL placeholders.
func switchboardPlaceholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// switchboardPlainKey reports whether k is a plain top-level field name (letters, digits,
// underscore; not an operator, not a path), safe to spell inside a JSON path literal.
func switchboardPlainKey(k string) bool {
	if k == "" || k == "_id" {
		return false
	}
	for i, r := range k {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

`;

/** Go source added to FerretDB's aggregate handler (see the count patch below). */
const GO_COUNT_ONLY = `// switchboardCountsOnly reports whether a pipeline is a count of every document: a $match that
// any document passes, then a $group by a constant whose only accumulators add constants (what
// countDocuments sends for an empty filter, or for an access scope that allows everything).
// Such a pipeline reads no field, so the documents need not be decoded (patch added by Switchboard).
func switchboardCountsOnly(pipeline []any) bool {
	if len(pipeline) != 2 {
		return false
	}
	match, ok := pipeline[0].(*types.Document)
	if !ok || match.Len() != 1 || match.Command() != "$match" {
		return false
	}
	filter, _ := match.Get("$match")
	if f, ok := filter.(*types.Document); !ok || !switchboardMatchesAll(f, 0) {
		return false
	}
	group, ok := pipeline[1].(*types.Document)
	if !ok || group.Len() != 1 || group.Command() != "$group" {
		return false
	}
	g, _ := group.Get("$group")
	spec, ok := g.(*types.Document)
	if !ok {
		return false
	}
	for _, k := range spec.Keys() {
		v, _ := spec.Get(k)
		if k == "_id" {
			switch v := v.(type) {
			case int32, int64, float64, types.NullType, bool:
			case string:
				if strings.HasPrefix(v, "$") {
					return false
				}
			default:
				return false
			}
			continue
		}
		acc, ok := v.(*types.Document)
		if !ok || acc.Len() != 1 || acc.Command() != "$sum" {
			return false
		}
		switch n, _ := acc.Get("$sum"); n.(type) {
		case int32, int64, float64:
		default:
			return false
		}
	}
	return true
}

// switchboardMatchesAll reports whether every document passes filter: an empty filter, or an
// $and or $or of such filters.
func switchboardMatchesAll(filter *types.Document, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, k := range filter.Keys() {
		if k != "$and" && k != "$or" {
			return false
		}
		v, _ := filter.Get(k)
		clauses, ok := v.(*types.Array)
		if !ok || clauses.Len() == 0 {
			return false
		}
		for i := 0; i < clauses.Len(); i++ {
			c, _ := clauses.Get(i)
			d, ok := c.(*types.Document)
			if !ok || !switchboardMatchesAll(d, depth+1) {
				return false
			}
		}
	}
	return true
}

`;

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
