package main

import (
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

// startProxyWithProbe runs the proxy in front of upstream with a wedge probe reporting on a channel.
func startProxyWithProbe(t *testing.T, upstream string, deadline, probeTimeout time.Duration) (string, chan string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	wedged := make(chan string, 1)
	probe := &wedgeProbe{upstream: upstream, timeout: probeTimeout, onWedged: func(reason string) { wedged <- reason }}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	go serializingProxy(ln, upstream, proxyOptions{deadline: deadline, logger: logger, wedge: probe})
	return ln.Addr().String(), wedged
}

func TestAServerThatAnswersNothingAfterACutIsReportedWedged(t *testing.T) {
	up := newFakeUpstream(t) // answers only pings until released
	t.Cleanup(func() { close(up.release) })
	addr, wedged := startProxyWithProbe(t, up.ln.Addr().String(), 100*time.Millisecond, 300*time.Millisecond)

	send(t, addr, bsonDoc("update", "sessions", "$db", "switchboard"))
	if got := <-up.received; got != "update" {
		t.Fatalf("upstream got %q first", got)
	}
	// After the cut, the probe asks about the same collection, straight to the server.
	if got := <-up.received; got != "find" {
		t.Fatalf("probe sent %q, want find", got)
	}
	select {
	case reason := <-wedged:
		if !strings.Contains(reason, "switchboard.sessions") {
			t.Fatalf("reason %q does not name the database and collection", reason)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("an unanswered probe was not reported")
	}
}

func TestASlowRequestAloneIsNotAWedge(t *testing.T) {
	up := newFakeUpstream(t)
	addr, wedged := startProxyWithProbe(t, up.ln.Addr().String(), 100*time.Millisecond, 5*time.Second)

	stuck := send(t, addr, bsonDoc("update", "sessions", "$db", "switchboard"))
	if got := <-up.received; got != "update" {
		t.Fatalf("upstream got %q first", got)
	}
	if _, err := readMessage(stuck); err == nil {
		t.Fatal("the slow request was not cut off")
	}
	// The server answers the probe (everything is released): no wedge.
	if got := <-up.received; got != "find" {
		t.Fatalf("probe sent %q, want find", got)
	}
	close(up.release)
	probe := &wedgeProbe{upstream: up.ln.Addr().String(), timeout: 5 * time.Second}
	if err := probe.probe("switchboard", "sessions"); err != nil {
		t.Fatalf("a probe of a serving server failed: %v", err)
	}
	<-up.received
	select {
	case reason := <-wedged:
		t.Fatalf("reported wedged: %s", reason)
	default:
	}
}

func TestTheDatabaseOfARequestIsReadPastOtherElements(t *testing.T) {
	doc := bsonDoc("insert", "messages", "documents", []any{"0", []any{"a", int32(1), "b", "text"}}, "ordered", int32(1), "$db", "tenant_a")
	if got := databaseOf(opMsgRequest(doc)); got != "tenant_a" {
		t.Fatalf("databaseOf = %q", got)
	}
	if got := databaseOf(opMsgRequest(bsonDoc("ping", int32(1)))); got != "admin" {
		t.Fatalf("without $db: %q, want admin", got)
	}
	if name, _ := commandOf(opMsgRequest(probeCommand("x", "c"))); name != "find" {
		t.Fatalf("probe command is %q", name)
	}
	if got := databaseOf(opMsgRequest(probeCommand("x", ""))); got != "x" {
		t.Fatalf("probe database is %q", got)
	}
}
