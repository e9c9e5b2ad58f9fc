package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"
)

// bsonDoc encodes a BSON document from key/value pairs (string, int32 or nested []any pairs).
func bsonDoc(pairs ...any) []byte {
	var body bytes.Buffer
	for i := 0; i+1 < len(pairs); i += 2 {
		key := pairs[i].(string)
		switch v := pairs[i+1].(type) {
		case string:
			body.WriteByte(0x02)
			body.WriteString(key + "\x00")
			_ = binary.Write(&body, binary.LittleEndian, int32(len(v)+1))
			body.WriteString(v + "\x00")
		case int32:
			body.WriteByte(0x10)
			body.WriteString(key + "\x00")
			_ = binary.Write(&body, binary.LittleEndian, v)
		case []any:
			body.WriteByte(0x03)
			body.WriteString(key + "\x00")
			body.Write(bsonDoc(v...))
		}
	}
	out := binary.LittleEndian.AppendUint32(nil, uint32(body.Len()+5))
	return append(append(out, body.Bytes()...), 0)
}

func TestReadOnlyRequestsAreRecognisedByTheirCommand(t *testing.T) {
	cases := []struct {
		doc  []byte
		want bool
	}{
		{bsonDoc("find", "messages", "filter", []any{"_id", "x"}), true},
		{bsonDoc("getMore", int32(5), "collection", "messages"), true},
		{bsonDoc("count", "messages"), true},
		{bsonDoc("aggregate", "chats", "pipeline", []any{"0", []any{"$match", []any{"a", int32(1)}}}), true},
		{bsonDoc("listIndexes", "chats"), true},
		{bsonDoc("hello", int32(1)), true},
		{bsonDoc("ping", int32(1)), true},
		{bsonDoc("aggregate", "chats", "pipeline", []any{"0", []any{"$out", "copy"}}), false},
		{bsonDoc("aggregate", "chats", "pipeline", []any{"0", []any{"$merge", []any{"into", "copy"}}}), false},
		{bsonDoc("insert", "messages"), false},
		{bsonDoc("update", "sessions"), false},
		{bsonDoc("findAndModify", "counters"), false},
		{bsonDoc("delete", "keys"), false},
		{bsonDoc("createIndexes", "keys"), false},
		{bsonDoc("somethingNew", "keys"), false},
	}
	for _, c := range cases {
		name, _ := commandOf(opMsgRequest(c.doc))
		if got := isReadOnly(opMsgRequest(c.doc)); got != c.want {
			t.Errorf("isReadOnly(%s) = %v, want %v", name, got, c.want)
		}
	}
	if isReadOnly([]byte("short")) {
		t.Error("a malformed request must not count as read-only")
	}
}

// fakeUpstream accepts connections; for each request it reports the command on received and
// answers only once release yields (a closed release answers everything at once).
type fakeUpstream struct {
	ln       net.Listener
	received chan string
	release  chan struct{}
}

func newFakeUpstream(t *testing.T) *fakeUpstream {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := &fakeUpstream{ln: ln, received: make(chan string, 16), release: make(chan struct{})}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go u.serve(c)
		}
	}()
	return u
}

func (u *fakeUpstream) serve(c net.Conn) {
	defer c.Close()
	for {
		req, err := readMessage(c)
		if err != nil {
			return
		}
		name, _ := commandOf(req)
		u.received <- name
		if name != "ping" {
			<-u.release
		}
		if _, err := c.Write(opMsgRequest(bsonDoc("ok", int32(1)))); err != nil {
			return
		}
	}
}

func startProxy(t *testing.T, upstream string, deadline time.Duration) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	go serializingProxy(ln, upstream, proxyOptions{deadline: deadline, logger: logger})
	return ln.Addr().String()
}

func send(t *testing.T, addr string, doc []byte) net.Conn {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second)) // a hung proxy fails the test, not the run
	if _, err := c.Write(opMsgRequest(doc)); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAStuckRequestIsCutOffAtItsDeadlineAndReleasesTheLock(t *testing.T) {
	up := newFakeUpstream(t)
	addr := startProxy(t, up.ln.Addr().String(), 200*time.Millisecond)

	stuck := send(t, addr, bsonDoc("update", "sessions"))
	if got := <-up.received; got != "update" {
		t.Fatalf("upstream got %q first", got)
	}
	next := send(t, addr, bsonDoc("insert", "messages")) // waits for the lock

	// The stuck request's client sees its connection closed, not a reply.
	if _, err := readMessage(stuck); !errors.Is(err, io.EOF) {
		t.Fatalf("stuck client: want EOF, got %v", err)
	}
	// The lock is free again: the next write reaches the upstream and is answered.
	if got := <-up.received; got != "insert" {
		t.Fatalf("upstream got %q after the deadline", got)
	}
	close(up.release)
	if _, err := readMessage(next); err != nil {
		t.Fatalf("next client: %v", err)
	}
}

func TestReadsPassWhileAWriteHoldsTheLock(t *testing.T) {
	up := newFakeUpstream(t)
	addr := startProxy(t, up.ln.Addr().String(), time.Minute)

	write := send(t, addr, bsonDoc("update", "sessions"))
	if got := <-up.received; got != "update" {
		t.Fatalf("upstream got %q first", got)
	}
	read := send(t, addr, bsonDoc("ping", int32(1))) // the fake answers pings at once
	if got := <-up.received; got != "ping" {
		t.Fatalf("upstream got %q, want the read beside the write", got)
	}
	if _, err := readMessage(read); err != nil {
		t.Fatalf("read while a write is in flight: %v", err)
	}
	close(up.release)
	if _, err := readMessage(write); err != nil {
		t.Fatalf("write: %v", err)
	}
}
