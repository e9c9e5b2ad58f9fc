package main

// Reading the command of a wire-protocol request, for the profile (profile.go) and for deciding
// which requests may bypass the global lock (serialize.go).

import (
	"bytes"
	"encoding/binary"
)

// commandOf returns the command name and, when the command's value is a string, the collection,
// from an OP_MSG whose first section is the command document (its first element names the
// command). Other requests (OP_QUERY handshakes, compressed messages) give "other".
func commandOf(msg []byte) (name, collection string) {
	if len(msg) < headerLength+4+1+4+1 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg || msg[20] != 0 {
		return "other", ""
	}
	doc := msg[21:]
	typ := doc[4]
	i := 5
	start := i
	for i < len(doc) && doc[i] != 0 {
		i++
	}
	name = string(doc[start:i])
	i++
	if typ == 0x02 && i+4 < len(doc) {
		n := int(binary.LittleEndian.Uint32(doc[i : i+4]))
		if n > 0 && i+4+n <= len(doc) {
			collection = string(doc[i+4 : i+4+n-1])
		}
	}
	return name, collection
}

// readOnlyCommands never change data in FerretDB. Everything else (writes, findAndModify,
// index and collection changes, sessions, unknown commands) stays serialized.
var readOnlyCommands = map[string]bool{
	"find": true, "getMore": true, "count": true, "distinct": true, "aggregate": true,
	"listIndexes": true, "listCollections": true, "listDatabases": true,
	"ping": true, "hello": true, "isMaster": true, "ismaster": true, "buildInfo": true, "buildinfo": true,
}

// isReadOnly reports whether a request can run outside the global lock: a read-only command,
// except an aggregate that writes through $out or $merge. That check looks for the stage names
// anywhere in the request, so a document merely containing such a key is serialized too (safe).
func isReadOnly(msg []byte) bool {
	name, _ := commandOf(msg)
	if !readOnlyCommands[name] {
		return false
	}
	if name == "aggregate" {
		body := msg[headerLength:]
		return !bytes.Contains(body, []byte("$out\x00")) && !bytes.Contains(body, []byte("$merge\x00"))
	}
	return true
}
