package main

// Wedge detection. A request cut off at its deadline (serialize.go) is usually just slow. But
// under heavy load FerretDB has been seen to stop serving a database altogether: every query
// on it hung (handshakes through the proxy too) while a ping straight to FerretDB still
// answered, and the proxy could only cut connections every deadline, for ever. So after a cut,
// FerretDB is asked a trivial question about the same collection over a fresh connection; if
// that goes unanswered too, the process reports it and exits, and its parent
// (shared/src/node/db/embeddedDb.ts) starts it again on the same address. Nothing committed is
// lost (SQLite); clients reconnect and retry.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"time"
)

// wedgeProbe checks FerretDB after a cut, one probe at a time.
type wedgeProbe struct {
	upstream string
	timeout  time.Duration
	onWedged func(reason string)
	running  atomic.Bool
}

// afterCut probes FerretDB in the background about the database and collection of `req` (the
// request that was cut off), unless a probe is already running.
func (w *wedgeProbe) afterCut(req []byte) {
	if w == nil || w.onWedged == nil || !w.running.CompareAndSwap(false, true) {
		return
	}
	db := databaseOf(req)
	_, collection := commandOf(req)
	go func() {
		defer w.running.Store(false)
		if err := w.probe(db, collection); err != nil {
			w.onWedged(fmt.Sprintf("a read of %s.%s went unanswered for %s after a request was cut off: %v", db, collection, w.timeout, err))
		}
	}()
}

// probe sends `find <collection> limit 1` (or `listCollections` when the collection is unknown)
// on a new connection and waits for any reply: an error reply still means FerretDB serves.
func (w *wedgeProbe) probe(db, collection string) error {
	conn, err := net.DialTimeout("tcp", w.upstream, w.timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(w.timeout)); err != nil {
		return err
	}
	doc := probeCommand(db, collection)
	if _, err := conn.Write(opMsgRequest(doc)); err != nil {
		return err
	}
	_, err = readMessage(conn)
	return err
}

// probeCommand is `{find: collection, limit: 1, singleBatch: true, $db: db}`, or
// `{listCollections: 1, nameOnly: true, $db: db}` when the collection is unknown.
func probeCommand(db, collection string) []byte {
	var body []byte
	if collection != "" {
		body = appendString(body, "find", collection)
		body = appendInt32(body, "limit", 1)
		body = appendBool(body, "singleBatch", true)
	} else {
		body = appendInt32(body, "listCollections", 1)
		body = appendBool(body, "nameOnly", true)
	}
	body = appendString(body, "$db", db)
	out := binary.LittleEndian.AppendUint32(nil, uint32(len(body)+5))
	return append(append(out, body...), 0)
}

func appendName(body []byte, typ byte, key string) []byte {
	return append(append(append(body, typ), key...), 0)
}

func appendString(body []byte, key, value string) []byte {
	body = binary.LittleEndian.AppendUint32(appendName(body, 0x02, key), uint32(len(value)+1))
	return append(append(body, value...), 0)
}

func appendInt32(body []byte, key string, value int32) []byte {
	return binary.LittleEndian.AppendUint32(appendName(body, 0x10, key), uint32(value))
}

func appendBool(body []byte, key string, value bool) []byte {
	b := byte(0)
	if value {
		b = 1
	}
	return append(appendName(body, 0x08, key), b)
}

// opMsgRequest wraps a command document in an OP_MSG with one kind-0 section.
func opMsgRequest(doc []byte) []byte {
	msg := binary.LittleEndian.AppendUint32(nil, uint32(headerLength+4+1+len(doc)))
	msg = binary.LittleEndian.AppendUint32(msg, 0x5eed) // requestID
	msg = binary.LittleEndian.AppendUint32(msg, 0)      // responseTo
	msg = binary.LittleEndian.AppendUint32(msg, opMsg)
	msg = binary.LittleEndian.AppendUint32(msg, 0) // flagBits
	msg = append(msg, 0)
	return append(msg, doc...)
}

// databaseOf returns the `$db` of an OP_MSG request's command document ("admin" when absent).
func databaseOf(msg []byte) string {
	if len(msg) < headerLength+4+1+5 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg || msg[20] != 0 {
		return "admin"
	}
	if db, err := stringElement(msg[21:], "$db"); err == nil {
		return db
	}
	return "admin"
}

var errNoElement = errors.New("no such string element")

// stringElement finds a top-level string element of a BSON document, skipping the others.
func stringElement(doc []byte, key string) (string, error) {
	if len(doc) < 5 {
		return "", errNoElement
	}
	end := int(binary.LittleEndian.Uint32(doc[0:4]))
	if end > len(doc) {
		end = len(doc)
	}
	i := 4
	for i < end-1 {
		typ := doc[i]
		i++
		start := i
		for i < end && doc[i] != 0 {
			i++
		}
		name := string(doc[start:i])
		i++
		size, err := valueSize(typ, doc, i, end)
		if err != nil {
			return "", err
		}
		if name == key && typ == 0x02 && size >= 5 {
			return string(doc[i+4 : i+size-1]), nil
		}
		i += size
	}
	return "", errNoElement
}

// valueSize is the encoded size of a BSON value of type typ starting at doc[i].
func valueSize(typ byte, doc []byte, i, end int) (int, error) {
	fixed := map[byte]int{0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0A: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16, 0xFF: 0, 0x7F: 0, 0x06: 0}
	if n, ok := fixed[typ]; ok {
		return n, nil
	}
	if i+4 > end {
		return 0, errNoElement
	}
	n := int(binary.LittleEndian.Uint32(doc[i : i+4]))
	switch typ {
	case 0x02, 0x0D, 0x0E: // string, JavaScript, symbol: length-prefixed
		return 4 + n, nil
	case 0x03, 0x04, 0x0F: // document, array, code with scope: the length includes itself
		return n, nil
	case 0x05: // binary: length, subtype, bytes
		return 4 + 1 + n, nil
	case 0x0B: // regex: two C strings
		j := i
		for k := 0; k < 2; k++ {
			for j < end && doc[j] != 0 {
				j++
			}
			j++
		}
		return j - i, nil
	}
	return 0, fmt.Errorf("unknown BSON type 0x%02x", typ)
}
