package main

// Optional request profile for finding what the database spends its time on: with
// EMBEDDED_DB_PROFILE=<file>, the proxy counts requests and the time FerretDB took per command
// and collection, and rewrites <file> (JSON) every few seconds. Off by default.

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"sync"
	"time"
)

type profileEntry struct {
	Count   int     `json:"count"`
	TotalMs float64 `json:"totalMs"`
}

type profiler struct {
	mu      sync.Mutex
	entries map[string]*profileEntry
}

func newProfiler(path string) *profiler {
	if path == "" {
		return nil
	}
	p := &profiler{entries: map[string]*profileEntry{}}
	go func() {
		for range time.Tick(3 * time.Second) {
			p.mu.Lock()
			data, _ := json.MarshalIndent(p.entries, "", " ")
			p.mu.Unlock()
			_ = os.WriteFile(path, data, 0o600)
		}
	}()
	return p
}

func (p *profiler) record(req []byte, took time.Duration) {
	if p == nil {
		return
	}
	key := commandOf(req)
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.entries[key]
	if e == nil {
		e = &profileEntry{}
		p.entries[key] = e
	}
	e.Count++
	e.TotalMs += float64(took.Microseconds()) / 1000
}

// commandOf returns "command collection" from an OP_MSG whose first section is the command
// document (its first element is the command name, a string value is the collection).
func commandOf(msg []byte) string {
	if len(msg) < headerLength+4+1+4+1 || binary.LittleEndian.Uint32(msg[12:16]) != opMsg || msg[20] != 0 {
		return "other"
	}
	doc := msg[21:]
	typ := doc[4]
	i := 5
	start := i
	for i < len(doc) && doc[i] != 0 {
		i++
	}
	name := string(doc[start:i])
	i++
	if typ == 0x02 && i+4 < len(doc) {
		n := int(binary.LittleEndian.Uint32(doc[i : i+4]))
		if n > 0 && i+4+n <= len(doc) {
			return name + " " + string(doc[i+4:i+4+n-1])
		}
	}
	return name
}
