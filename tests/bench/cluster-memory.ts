/**
 * Memory of a running process from /proc/<pid>/smaps_rollup (Linux): RSS counts every resident
 * page, PSS divides shared pages (the node binary, shared libraries) among the processes sharing
 * them, so the PSS sum is what N actors really cost. Returns null where /proc is unavailable.
 */
import { readFileSync } from 'node:fs';

/** Resident and proportional set size of one process, in bytes, and its CPU time so far. */
export interface ProcessMemory {
  rssBytes: number;
  pssBytes: number;
  cpuSeconds: number;
}

/** User + system CPU seconds of `pid` from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Reads RSS and PSS of `pid`, or null when the process is gone or /proc is missing. */
export function processMemory(pid: number): ProcessMemory | null {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * 1024;
    const mem = { rssBytes: kb('Rss'), pssBytes: kb('Pss'), cpuSeconds: cpuSeconds(pid) };
    return Number.isFinite(mem.rssBytes) && Number.isFinite(mem.pssBytes) && Number.isFinite(mem.cpuSeconds) ? mem : null;
  } catch {
    return null;
  }
}

/**
 * Mean RSS and PSS (MB) and CPU seconds spent so far (start, link, sync) over the processes
 * that could be read, and how many were.
 */
export function meanMemoryMb(pids: number[]): { rssMb: number; pssMb: number; cpuSeconds: number; measured: number } {
  const mems = pids.map(processMemory).filter((m): m is ProcessMemory => m !== null);
  const mean = (f: (m: ProcessMemory) => number) => mems.reduce((a, m) => a + f(m), 0) / Math.max(1, mems.length);
  return {
    rssMb: Math.round(mean((m) => m.rssBytes) / 1024 / 1024),
    pssMb: Math.round(mean((m) => m.pssBytes) / 1024 / 1024),
    cpuSeconds: Math.round(mean((m) => m.cpuSeconds) * 100) / 100,
    measured: mems.length,
  };
}

/** The pids of the running actors a hub reports (the processes to measure). */
export function actorPids(hub: { snapshots(): readonly { pid?: number | null }[] }): number[] {
  return hub.snapshots().map((s) => s.pid).filter((p): p is number => typeof p === 'number');
}
