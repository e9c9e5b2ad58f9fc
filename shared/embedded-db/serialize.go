package main

// FerretDB 1.24's SQLite backend implements an update as a read followed by a separate write,
// with no lock between them: concurrent `$inc`s on one document lose updates (50 parallel
// increments ended at 7) and findAndModify hands the same document to two callers. MongoDB
// applies single-document updates atomically, and Switchboard relies on that (sequence numbers,
// outbox claims, counters). This proxy restores it by letting one wire-protocol request at a time
// reach FerretDB: a global lock is held from forwarding a request until its reply is relayed.
// SQLite has a single writer anyway, so the cost is small for an embedded database.

import (
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"
)

const (
	opMsg        = 2013
	moreToCome   = 1 << 1
	headerLength = 16
	maxMessage   = 48 * 1024 * 1024
)

// serializingProxy accepts client connections on ln and relays each one to upstream.
func serializingProxy(ln net.Listener, upstream string, logger *slog.Logger) {
	var lock sync.Mutex
	prof := newProfiler(os.Getenv("EMBEDDED_DB_PROFILE"))
	for {
		client, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			logger.Warn("accept failed", "error", err)
			continue
		}
		go relay(client, upstream, &lock, prof, logger)
	}
}

func relay(client net.Conn, upstream string, lock *sync.Mutex, prof *profiler, logger *slog.Logger) {
	defer client.Close()
	server, err := net.Dial("tcp", upstream)
	if err != nil {
		logger.Warn("upstream dial failed", "error", err)
		return
	}
	defer server.Close()
	for {
		req, err := readMessage(client)
		if err != nil {
			return
		}
		if err := exchange(req, client, server, lock, prof); err != nil {
			return
		}
	}
}

// exchange forwards one request and relays its reply (or replies, while the server sets
// moreToCome) under the global lock.
func exchange(req []byte, client, server net.Conn, lock *sync.Mutex, prof *profiler) error {
	lock.Lock()
	defer lock.Unlock()
	if prof != nil {
		began := time.Now()
		defer func() { prof.record(req, time.Since(began)) }()
	}
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
