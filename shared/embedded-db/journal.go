package main

// How the embedded database makes commits durable.
//
// FerretDB opens its SQLite files in WAL mode with SQLite's defaults: synchronous=FULL (every
// commit fsyncs the WAL) and an automatic checkpoint every 1,000 WAL pages, run by whichever
// connection commits (copying the pages into the database file, with two more fsyncs). Both
// happen before the command is answered, so under the proxy's write lock (serialize.go), while
// every other write waits: a CPU profile of sequential key upserts put a third of FerretDB's
// time in the commit, half of it the checkpoint.
//
// The "interval" mode (the default) does what MongoDB's journal does unless a write asks for
// j: true: a commit is written to the WAL without waiting for the disk, and the WAL is flushed
// to disk every 100 ms.
//   - synchronous=NORMAL: a commit reaches the operating system before it is acknowledged, so it
//     survives a crash or kill of this process (WAL recovery at the next open).
//   - The journal flusher fsyncs every WAL file that changed, every 100 ms: an operating-system
//     crash or power cut loses at most the commits of the last ~100 ms, never part of one (WAL
//     recovery stops at the first frame whose checksum chain breaks, and commits are atomic).
//   - wal_autocheckpoint(0) on FerretDB's connections; once a second the flusher checkpoints each
//     database whose WAL changed, from its own connection, under the proxy's write lock (so the
//     checkpoint completes and the next write starts the WAL again from its beginning, and no
//     database is created or dropped meanwhile). A second's pages are copied once instead of a
//     hot page once per thousand.
//
// The "full" mode keeps FerretDB's defaults (fsync per commit) for whoever wants that.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB uses, for the checkpoint connection
)

// syncModes are the values of the -sync flag.
var syncModes = map[string]bool{"interval": true, "full": true}

// intervalPragmas are added to FerretDB's SQLite URL in the "interval" mode.
const intervalPragmas = "?_pragma=synchronous(normal)&_pragma=wal_autocheckpoint(0)"

type journal struct {
	dir string
	// writes is the proxy's write lock: no request that may write runs while it is held.
	writes          sync.Locker
	flushEvery      time.Duration
	checkpointEvery time.Duration
	logger          *slog.Logger
	// written counts the write requests answered so far: nothing is flushed or checkpointed
	// while it stands still (nil: always look).
	written func() uint64
	// sync flushes a WAL file or the data directory to disk (fsync; tests count the calls).
	sync func(path string, dir bool) error
	now  func() time.Time

	flushedAt, checkpointedAt uint64    // write counts at the last flush and checkpoint
	lastCheckpoint            time.Time // when checkpoint last ran (or was skipped as idle)

	flushed      map[string]walStamp // WAL path → its size and mtime when last flushed
	checkpointed map[string]walStamp // WAL path → its size and mtime after its last checkpoint
}

type walStamp struct {
	size  int64
	mtime time.Time
}

// settled tells whether a later write must change the stamp: file times advance in clock ticks
// of a few milliseconds, so a write in the same tick as the stamp, over a WAL started again
// (same size), could leave it unchanged.
func (s walStamp) settled(now time.Time) bool {
	return now.Sub(s.mtime) > 50*time.Millisecond
}

// trusted is the stamp to remember: itself once settled, else the zero stamp, which no file
// matches, so the file is looked at again next round.
func (s walStamp) trusted(now time.Time) walStamp {
	if s.settled(now) {
		return s
	}
	return walStamp{}
}

// forgetGone drops the entries of WAL files that no longer exist (dropped databases).
func forgetGone(stamps, current map[string]walStamp) {
	for p := range stamps {
		if _, ok := current[p]; !ok {
			delete(stamps, p)
		}
	}
}

func newJournal(dir string, writes sync.Locker, written func() uint64, logger *slog.Logger) *journal {
	return &journal{
		dir:             dir,
		writes:          writes,
		written:         written,
		flushEvery:      100 * time.Millisecond,
		checkpointEvery: time.Second,
		logger:          logger,
		sync:            fsync,
		now:             time.Now,
		flushed:         map[string]walStamp{},
		checkpointed:    map[string]walStamp{},
	}
}

// run flushes and checkpoints until ctx ends, then flushes once more.
func (j *journal) run(ctx context.Context) {
	flush := time.NewTicker(j.flushEvery)
	defer flush.Stop()
	j.lastCheckpoint = j.now()
	for {
		select {
		case <-ctx.Done():
			j.flush()
			return
		case <-flush.C:
			j.tick(j.now())
		}
	}
}

// tick flushes if anything was written since the last flush, and once a checkpoint interval
// has passed, checkpoints if anything was written since the last checkpoint. Every write is
// counted once answered, so it is flushed by the next tick; a flush right after a write in the
// same clock tick of the file times is not trusted (walStamp.settled).
func (j *journal) tick(now time.Time) {
	if w, idle := j.idleSince(j.flushedAt); !idle {
		j.flush()
		j.flushedAt = w
	}
	if now.Sub(j.lastCheckpoint) >= j.checkpointEvery {
		if w, idle := j.idleSince(j.checkpointedAt); !idle {
			j.checkpoint()
			j.checkpointedAt = w
		}
		j.lastCheckpoint = now
	}
}

// idleSince reads the write count and tells whether it still equals seen.
func (j *journal) idleSince(seen uint64) (uint64, bool) {
	if j.written == nil {
		return 0, false
	}
	w := j.written()
	return w, w == seen
}

// wals lists the data directory's WAL files with their current size and mtime.
func (j *journal) wals() map[string]walStamp {
	paths, _ := filepath.Glob(filepath.Join(j.dir, "*.sqlite-wal"))
	out := make(map[string]walStamp, len(paths))
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			out[p] = walStamp{fi.Size(), fi.ModTime()}
		}
	}
	return out
}

// flush fsyncs every WAL file that changed since its last flush (and the directory when a WAL
// file appeared, so that the file itself survives a power cut).
func (j *journal) flush() {
	current := j.wals()
	newFile := false
	for p, stamp := range current {
		before, seen := j.flushed[p]
		if seen && before == stamp {
			continue
		}
		newFile = newFile || !seen
		// The stamp is taken before the fsync: a later write changes it (once settled) and is
		// flushed next time.
		if err := j.sync(p, false); err != nil {
			if !errors.Is(err, os.ErrNotExist) {
				j.logger.Warn("journal flush failed", "file", filepath.Base(p), "error", err)
			}
			continue
		}
		j.flushed[p] = stamp.trusted(j.now())
	}
	forgetGone(j.flushed, current)
	if newFile {
		if err := j.sync(j.dir, true); err != nil {
			j.logger.Warn("journal flush of the data directory failed", "error", err)
		}
	}
}

// fsync flushes a WAL file (opened for writing: Windows flushes only writable handles) or the
// data directory (on Windows a directory cannot be flushed, nor does it need to be).
func fsync(path string, dir bool) error {
	var f *os.File
	var err error
	if dir {
		if runtime.GOOS == "windows" {
			return nil
		}
		f, err = os.Open(path)
	} else {
		f, err = os.OpenFile(path, os.O_RDWR, 0)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// checkpoint copies the WAL of every database that changed since its last checkpoint into the
// database file.
func (j *journal) checkpoint() {
	current := j.wals()
	for p, stamp := range current {
		if stamp.size == 0 || j.checkpointed[p] == stamp {
			continue
		}
		after, err := j.checkpointOne(strings.TrimSuffix(p, "-wal"))
		if err != nil {
			j.logger.Warn("checkpoint failed", "file", filepath.Base(p), "error", err)
			continue
		}
		j.checkpointed[p] = after
	}
	forgetGone(j.checkpointed, current)
}

// checkpointOne checkpoints one database file under the write lock and returns its WAL's stamp
// afterwards.
func (j *journal) checkpointOne(dbPath string) (walStamp, error) {
	j.writes.Lock()
	defer j.writes.Unlock()
	// mode=rw: a database dropped since the listing is not created again.
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: dbPath}).EscapedPath()+"?mode=rw")
	if err != nil {
		return walStamp{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var busy, logFrames, done int
	if err := db.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &done); err != nil {
		return walStamp{}, err
	}
	if busy != 0 {
		return walStamp{}, fmt.Errorf("checkpoint could not run (busy)")
	}
	// A reader's snapshot may keep some frames for the next round: then the stamp stays different.
	fi, err := os.Stat(dbPath + "-wal")
	if err != nil || done < logFrames {
		return walStamp{}, nil
	}
	return walStamp{fi.Size(), fi.ModTime()}.trusted(j.now()), nil
}
