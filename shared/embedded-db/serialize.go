package main

// FerretDB 1.24's SQLite backend implements an update as a read followed by a separate write,
// with no lock between them: concurrent `$inc`s on one document lose updates (50 parallel
// increments ended at 7) and findAndModify hands the same document to two callers. MongoDB
// applies single-document updates atomically, and Switchboard relies on that (sequence numbers,
// outbox claims, counters). This proxy restores it by letting one request that may write at a
// time reach FerretDB: a global lock is held from forwarding such a request until its reply is
// relayed. SQLite has a single writer anyway.
//
// Read-only requests (command.go) skip the lock: FerretDB opens its SQLite files in WAL mode
// with a pool of connections, so readers run beside the writer and see committed data only; a
// read never takes part in a read-modify-write, so it cannot break the atomicity above.
//
// Every request has a deadline. A request FerretDB has not answered by then closes the client's
// connection (the driver sees a network error and retries) and releases the lock, so one stuck
// request cannot freeze every session; then FerretDB itself is probed (wedge.go).

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

const (
	opMsg        = 2013
	moreToCome   = 1 << 1
	headerLength = 16
	maxMessage   = 48 * 1024 * 1024
)

// proxyOptions configure serializingProxy.
type proxyOptions struct {
	// deadline bounds each request, from forwarding it to relaying its last reply.
	deadline time.Duration
	// serializeReads sends read-only requests through the global lock too (the old behaviour,
	// kept to compare).
	serializeReads bool
	prof           *profiler
	logger         *slog.Logger
	// wedge, when set, probes FerretDB after a request is cut off (wedge.go).
	wedge *wedgeProbe
}

type proxy struct {
	proxyOptions
	upstream string
	lock     sync.Mutex
	// written counts the requests that may have written, once answered (journal.go flushes
	// only after writes).
	written atomic.Uint64
}

// serializingProxy accepts client connections on ln and relays each one to upstream.
func serializingProxy(ln net.Listener, upstream string, opts proxyOptions) {
	newProxy(upstream, opts).serve(ln)
}

func newProxy(upstream string, opts proxyOptions) *proxy {
	return &proxy{proxyOptions: opts, upstream: upstream}
}

// serve accepts client connections on ln and relays each one to upstream, until ln is closed.
func (p *proxy) serve(ln net.Listener) {
	for {
		client, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			p.logger.Warn("accept failed", "error", err)
			continue
		}
		go p.relay(client)
	}
}

func (p *proxy) relay(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		p.logger.Warn("upstream dial failed", "error", err)
		return
	}
	defer server.Close()
	for {
		req, err := readMessage(client)
		if err != nil {
			return
		}
		if err := p.exchange(req, client, server); err != nil {
			if errors.Is(err, errDeadline) {
				name, collection := commandOf(req)
				p.logger.Warn("request exceeded its deadline: connection closed",
					"command", name, "collection", collection, "deadline", p.deadline.String())
				p.wedge.afterCut(req)
			}
			return // closing both connections ends whatever FerretDB was doing for this client
		}
	}
}

var errDeadline = errors.New("request deadline exceeded")

// exchange forwards one request and relays its reply (or replies, while the server sets
// moreToCome), under the global lock unless the request is read-only.
func (p *proxy) exchange(req []byte, client, server net.Conn) error {
	if p.serializeReads || !isReadOnly(req) {
		p.lock.Lock()
		defer p.lock.Unlock()
		defer p.written.Add(1) // before the unlock
	}
	if p.prof != nil {
		began := time.Now()
		defer func() { p.prof.record(req, time.Since(began)) }()
	}
	deadline := time.Now().Add(p.deadline)
	if err := errors.Join(server.SetDeadline(deadline), client.SetWriteDeadline(deadline)); err != nil {
		return err
	}
	err := forward(req, client, server)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return errDeadline
	}
	if err != nil {
		return err
	}
	return errors.Join(server.SetDeadline(time.Time{}), client.SetWriteDeadline(time.Time{}))
}

func forward(req []byte, client, server net.Conn) error {
	if _, err := server.Write(req); err != nil {
		return err
	}
	if hasMoreToCome(req) {
		return nil // fire-and-forget request: the server sends no reply
	}
	for {
		res, err := readMessage(server)
		if err != nil {
			return err
		}
		if _, err := client.Write(res); err != nil {
			return err
		}
		if !hasMoreToCome(res) {
			return nil
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [headerLength]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	size := int(binary.LittleEndian.Uint32(header[0:4]))
	if size < headerLength || size > maxMessage {
		return nil, errors.New("invalid message length")
	}
	msg := make([]byte, size)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerLength:]); err != nil {
		return nil, err
	}
	return msg, nil
}

func hasMoreToCome(msg []byte) bool {
	if len(msg) < headerLength+4 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg {
		return false
	}
	return binary.LittleEndian.Uint32(msg[16:20])&moreToCome != 0
}
