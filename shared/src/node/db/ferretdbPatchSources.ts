/**
 * Go source that ferretdbPatches.ts adds to FerretDB 1.24.2 (functions its patches call): the
 * filter pushdown of the SQLite backend and the count-only check of the aggregate handler.
 */

/** Go source added to FerretDB's SQLite backend (the pushdown patch in ferretdbPatches.ts). */
export const GO_PUSHDOWN = `// switchboardScalarPushdown narrows a query by the filter's top-level equality conditions
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
		if text, ok := switchboardIndexedText(v); ok {
			*conds = append(*conds, switchboardIndexedCond(k, "= ?"))
			*args = append(*args, text)
		} else if s, ok := v.(string); ok {
			*conds = append(*conds, switchboardDecodedCond(k, "="))
			*args = append(*args, s)
		}
	}
}

// switchboardIndexedCond compares doc->'k', spelled as FerretDB's indexes spell the field, with
// rhs, and lets arrays through (their JSON text starts with '['; an array may contain the value).
func switchboardIndexedCond(k, rhs string) string {
	return fmt.Sprintf(\`(%[1]s->'%[2]s' %[3]s OR (%[1]s->'%[2]s' > '[' AND %[1]s->'%[2]s' < '\\'))\`, metadata.DefaultColumn, k, rhs)
}

// switchboardDecodedCond compares the decoded value doc->>'k' with one argument by op (no index
// serves it), and lets arrays through.
func switchboardDecodedCond(k, op string) string {
	return fmt.Sprintf(\`(%[1]s->>'%[2]s' %[3]s ? OR json_type(%[1]s, '$.%[2]s') = 'array')\`, metadata.DefaultColumn, k, op)
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

// switchboardRangeOps are the range operators of switchboardDateRange, as SQL.
var switchboardRangeOps = map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}

// switchboardDateRange appends a condition for each of $gt, $gte, $lt and $lte whose operand is
// a date: sjson stores a date as its milliseconds since the epoch (a JSON number), and doc->>
// reads a number as one, so SQLite compares them as numbers. A number that is not a date may
// pass (the handler drops it); no date that matches is left out. Other operators are left to
// the handler.
func switchboardDateRange(k string, ops *types.Document, conds *[]string, args *[]any) {
	for _, op := range ops.Keys() {
		sqlOp, ok := switchboardRangeOps[op]
		if !ok {
			continue
		}
		operand, _ := ops.Get(op)
		date, ok := operand.(time.Time)
		if !ok {
			continue
		}
		*conds = append(*conds, switchboardDecodedCond(k, sqlOp))
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
	*conds = append(*conds, switchboardIndexedCond(k, "IN ("+switchboardPlaceholders(len(in))+")"))
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

/** Go source added to FerretDB's aggregate handler (the count patch in ferretdbPatches.ts). */
export const GO_COUNT_ONLY = `// switchboardCountsOnly reports whether a pipeline is a count of every document: a $match that
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
