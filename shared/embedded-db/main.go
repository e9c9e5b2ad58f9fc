// Command switchboard-embedded-db runs FerretDB 1.24.2 with its SQLite backend as an embedded,
// MongoDB wire-compatible server for development and tests.
//
// It imports FerretDB's embeddable `ferretdb` package instead of installing the FerretDB CLI:
// `go install` of the CLI panics at start-up because the module lacks its build version file.
//
// Protocol with the parent process: one JSON line on stdout once the listener is bound
// ({"uri": "mongodb://127.0.0.1:PORT/"}); the server stops on SIGINT/SIGTERM or when stdin
// closes, so it never outlives the Node process that started it. FerretDB runs in this process,
// so a FerretDB crash ends it: the parent (shared/src/node/db/embeddedDb.ts) starts it again on
// the same address; so does one that stopped answering (wedge.go). Clients reach FerretDB only
// through the proxy in serialize.go.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on")
	dataDir := flag.String("data", "./data/db", "directory for the SQLite files")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	deadline := flag.Duration("request-timeout", envDuration("EMBEDDED_DB_REQUEST_TIMEOUT", 30*time.Second),
		"longest a request may take before its client connection is closed (default from EMBEDDED_DB_REQUEST_TIMEOUT)")
	serializeReads := flag.Bool("serialize-reads", false, "send read-only requests through the global lock too")
	syncMode := flag.String("sync", envString("EMBEDDED_DB_SYNC", "interval"),
		"interval: commits reach the disk within 100 ms, like MongoDB's journal; full: every commit is fsynced before it is acknowledged (journal.go; default from EMBEDDED_DB_SYNC)")
	probeTimeout := flag.Duration("wedge-timeout", envDuration("EMBEDDED_DB_WEDGE_TIMEOUT", 20*time.Second),
		"after a request is cut off, how long a probe read may go unanswered before the server exits to be restarted (0 disables)")
	flag.Parse()
	if *deadline <= 0 {
		fail("bad -request-timeout", fmt.Errorf("%s is not positive", *deadline))
	}
	if !syncModes[*syncMode] {
		fail("bad -sync (EMBEDDED_DB_SYNC)", fmt.Errorf("%q is neither interval nor full", *syncMode))
	}

	abs, err := filepath.Abs(*dataDir)
	if err == nil {
		err = os.MkdirAll(abs, 0o700)
	}
	if err != nil {
		fail("cannot create data directory", err)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		level = slog.LevelWarn
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// Clients reach FerretDB only through the serializing proxy (serialize.go).
	front, err := net.Listen("tcp", *listen)
	if err != nil {
		fail("cannot listen on "+*listen, err)
	}

	sqliteURL := "file:" + abs + "/"
	if *syncMode == "interval" {
		sqliteURL += intervalPragmas
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		fail("cannot start FerretDB", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	go func() {
		// The parent holds our stdin open; EOF means it is gone.
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()

	upstream, err := url.Parse(f.MongoDBURI())
	if err != nil {
		fail("bad FerretDB address", err)
	}
	var wedge *wedgeProbe
	if *probeTimeout > 0 {
		wedge = &wedgeProbe{upstream: upstream.Host, timeout: *probeTimeout, onWedged: func(reason string) {
			// Where every goroutine waits, for whoever looks into why (FerretDB runs in this process).
			dump := filepath.Join(abs, fmt.Sprintf("wedge-%d.goroutines.txt", time.Now().Unix()))
			if out, err := os.Create(dump); err == nil {
				_ = pprof.Lookup("goroutine").WriteTo(out, 2)
				_ = out.Close()
			}
			logger.Error("FerretDB stopped answering: exiting so that it is restarted", "reason", reason, "goroutines", dump)
			os.Exit(3)
		}}
	}
	p := newProxy(upstream.Host, proxyOptions{
		deadline:       *deadline,
		serializeReads: *serializeReads,
		prof:           newProfiler(os.Getenv("EMBEDDED_DB_PROFILE")),
		logger:         logger,
		wedge:          wedge,
	})
	go p.serve(front)
	if *syncMode == "interval" {
		journalDone := make(chan struct{})
		go func() {
			newJournal(abs, &p.lock, p.written.Load, logger).run(ctx)
			close(journalDone)
		}()
		// Whatever ends the server (a signal, stdin closing, FerretDB returning), the journal
		// stops and flushes once more before the process exits.
		defer func() { stop(); <-journalDone }()
	}
	go func() {
		<-ctx.Done()
		_ = front.Close()
	}()

	line, _ := json.Marshal(map[string]string{"uri": "mongodb://" + front.Addr().String() + "/"})
	fmt.Println(string(line))

	if path := os.Getenv("EMBEDDED_DB_CPU_PROFILE"); path != "" {
		// For whoever measures where FerretDB's time goes (DEVELOPERS.md): a Go CPU profile of
		// the whole server, written when it stops.
		if out, err := os.Create(path); err == nil {
			defer out.Close()
			if pprof.StartCPUProfile(out) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}

	_ = f.Run(ctx)
}

func fail(msg string, err error) {
	line, _ := json.Marshal(map[string]string{"error": msg + ": " + err.Error()})
	fmt.Println(string(line))
	os.Exit(1)
}

// envString reads a string from the environment, else fallback.
func envString(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// envDuration reads a Go duration ("30s", "500ms") from the environment, else fallback.
func envDuration(name string, fallback time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return fallback
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		fail("bad "+name, err)
	}
	return d
}
