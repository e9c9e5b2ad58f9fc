package main

import (
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// openLikeFerretDB opens dir/name.sqlite the way FerretDB does in the "interval" mode.
func openLikeFerretDB(t *testing.T, dir, name string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, name+".sqlite")+
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&"+strings.TrimPrefix(intervalPragmas, "?"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, body BLOB)"); err != nil {
		t.Fatal(err)
	}
	return db
}

// writeRows commits n rows, one transaction each, as FerretDB commits one write per statement.
func writeRows(t *testing.T, db *sql.DB, from, n int) {
	t.Helper()
	body := make([]byte, 2048)
	for i := from; i < from+n; i++ {
		if _, err := db.Exec("INSERT OR REPLACE INTO docs (id, body) VALUES (?, ?)", i, body); err != nil {
			t.Fatal(err)
		}
	}
}

func walSize(t *testing.T, dir, name string) int64 {
	t.Helper()
	fi, err := os.Stat(filepath.Join(dir, name+".sqlite-wal"))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// countingLocker is a mutex that counts how often it was taken.
type countingLocker struct {
	sync.Mutex
	locks int
}

func (l *countingLocker) Lock() { l.Mutex.Lock(); l.locks++ }

func sorted(s ...string) []string { slices.Sort(s); return s }

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestCheckpointLetsTheNextWritesReuseTheWal(t *testing.T) {
	dir := t.TempDir()
	db := openLikeFerretDB(t, dir, "app")
	writes := &countingLocker{}
	j := newJournal(dir, writes, nil, quietLogger())
	j.now = func() time.Time { return time.Now().Add(time.Second) }

	writeRows(t, db, 0, 200)
	first := walSize(t, dir, "app")
	writeRows(t, db, 200, 200)
	second := walSize(t, dir, "app")
	if second < first*3/2 {
		t.Fatalf("without a checkpoint the WAL should keep growing (wal_autocheckpoint(0)): %d then %d bytes", first, second)
	}

	j.checkpoint()
	if writes.locks != 1 {
		t.Fatalf("the checkpoint took the write lock %d times, want 1", writes.locks)
	}
	writeRows(t, db, 400, 200)
	if third := walSize(t, dir, "app"); third > second {
		t.Fatalf("after a checkpoint the next writes should start the WAL again: %d bytes grew to %d", second, third)
	}

	j.checkpoint()
	j.checkpoint() // nothing written since: no checkpoint, no lock
	if writes.locks != 2 {
		t.Fatalf("the write lock was taken %d times, want 2 (one per checkpoint of a changed WAL)", writes.locks)
	}
}

func TestCheckpointNeverCreatesADatabase(t *testing.T) {
	dir := t.TempDir()
	j := newJournal(dir, &sync.Mutex{}, nil, quietLogger())
	gone := filepath.Join(dir, "dropped.sqlite")
	if _, err := j.checkpointOne(gone); err == nil {
		t.Fatal("checkpointing a database that no longer exists should fail")
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Fatalf("the checkpoint created %s (stat: %v)", gone, err)
	}
}

func TestFlushSyncsChangedWalFilesOnly(t *testing.T) {
	dir := t.TempDir()
	a := openLikeFerretDB(t, dir, "a")
	b := openLikeFerretDB(t, dir, "b")
	j := newJournal(dir, &sync.Mutex{}, nil, quietLogger())
	later := func() time.Time { return time.Now().Add(time.Second) }
	j.now = later
	var synced []string
	j.sync = func(path string, _ bool) error {
		synced = append(synced, filepath.Base(path))
		return nil
	}
	flushed := func() []string {
		synced = nil
		j.flush()
		slices.Sort(synced)
		return synced
	}

	writeRows(t, a, 0, 1)
	writeRows(t, b, 0, 1)
	// The clock reads a second late: every stamp is settled (see the next test).
	if got, want := flushed(), sorted("a.sqlite-wal", "b.sqlite-wal", filepath.Base(dir)); !slices.Equal(got, want) {
		t.Fatalf("first flush synced %v, want %v (new WAL files and their directory)", got, want)
	}
	if got := flushed(); len(got) != 0 {
		t.Fatalf("a flush with nothing written synced %v", got)
	}
	writeRows(t, b, 1, 1)
	if got, want := flushed(), []string{"b.sqlite-wal"}; !slices.Equal(got, want) {
		t.Fatalf("after a write to b the flush synced %v, want %v", got, want)
	}
}

func TestFlushSyncsAgainUntilTheWalsTimeHasSettled(t *testing.T) {
	dir := t.TempDir()
	db := openLikeFerretDB(t, dir, "a")
	j := newJournal(dir, &sync.Mutex{}, nil, quietLogger())
	writeRows(t, db, 0, 1)
	fi, err := os.Stat(filepath.Join(dir, "a.sqlite-wal"))
	if err != nil {
		t.Fatal(err)
	}
	clock := fi.ModTime() // a flush in the same clock tick as the write
	j.now = func() time.Time { return clock }
	syncs := 0
	j.sync = func(path string, _ bool) error {
		if strings.HasSuffix(path, "-wal") {
			syncs++
		}
		return nil
	}

	j.flush()
	j.flush() // a write in that tick would not have changed the stamp: flushed again
	if syncs != 2 {
		t.Fatalf("the WAL was synced %d times, want 2 while its time is that of the flush", syncs)
	}
	clock = clock.Add(time.Second)
	j.flush()
	j.flush()
	if syncs != 3 {
		t.Fatalf("the WAL was synced %d times, want 3: once more, then never while nothing is written", syncs)
	}
}

func TestTicksFlushAfterWritesAndCheckpointOncePerInterval(t *testing.T) {
	dir := t.TempDir()
	db := openLikeFerretDB(t, dir, "a")
	var written uint64
	writes := &countingLocker{}
	j := newJournal(dir, writes, func() uint64 { return written }, quietLogger())
	start := time.Now().Add(time.Second) // stamps settled, as in the tests above
	j.now = func() time.Time { return start }
	j.lastCheckpoint = start
	syncs := 0
	j.sync = func(string, bool) error { syncs++; return nil }

	write := func(row int) {
		writeRows(t, db, row, 1)
		written++ // as the proxy counts a write once it is answered
	}
	write(0)
	j.tick(start.Add(100 * time.Millisecond))
	if syncs == 0 || writes.locks != 0 {
		t.Fatalf("after a write the tick synced %d files and checkpointed %d times, want a flush and no checkpoint yet", syncs, writes.locks)
	}
	syncs = 0
	j.tick(start.Add(200 * time.Millisecond))
	if syncs != 0 {
		t.Fatalf("a tick without writes synced %d files", syncs)
	}
	write(1)
	j.tick(start.Add(time.Second))
	if syncs == 0 || writes.locks != 1 {
		t.Fatalf("a tick a second on synced %d files and checkpointed %d times, want a flush and a checkpoint", syncs, writes.locks)
	}
	j.tick(start.Add(2 * time.Second))
	if writes.locks != 1 {
		t.Fatalf("a checkpoint ran although nothing was written (%d checkpoints)", writes.locks)
	}
}

func TestFsyncFlushesAWalFileAndTheDirectory(t *testing.T) {
	dir := t.TempDir()
	db := openLikeFerretDB(t, dir, "a")
	writeRows(t, db, 0, 1)
	if err := fsync(filepath.Join(dir, "a.sqlite-wal"), false); err != nil {
		t.Fatalf("flushing the WAL file: %v", err)
	}
	if err := fsync(dir, true); err != nil {
		t.Fatalf("flushing the data directory: %v", err)
	}
	if err := fsync(filepath.Join(dir, "gone.sqlite-wal"), false); !os.IsNotExist(err) {
		t.Fatalf("flushing a file that is gone should say so (the flusher skips it quietly): %v", err)
	}
}
