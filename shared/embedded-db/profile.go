package main

// Optional request profile for finding what the database spends its time on: with
// EMBEDDED_DB_PROFILE=<file>, the proxy counts requests and the time FerretDB took per command
// and collection, and rewrites <file> (JSON) every few seconds. Off by default.

import (
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
	name, collection := commandOf(req)
	key := name
	if collection != "" {
		key += " " + collection
	}
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
