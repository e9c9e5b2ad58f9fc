/**
 * Memory of a running process from /proc/<pid>/smaps_rollup (Linux): RSS counts every resident
 * page, PSS divides shared pages (the node binary, shared libraries) among the processes sharing
 * them, so the PSS sum is what N actors really cost. Returns null where /proc is unavailable.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident and proportional set size of one process, in bytes, and its CPU time so far. */
export interface ProcessMemory {
  rssBytes: number;
  pssBytes: number;
  cpuSeconds: number;
}

/**
 * CPU seconds of `pid` so far: the run time of each of its threads from /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds), else user + system from /proc/<pid>/stat (clock ticks of 1/100 s, too coarse for
 * an idle process over a few seconds). Threads that already ended no longer count in the former.
 */
export function cpuSeconds(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
    return Number.isFinite(ns) && ns > 0 ? ns / 1e9 : statCpuSeconds(pid);
  } catch {
    return statCpuSeconds(pid);
  }
}

function statCpuSeconds(pid: number): number {
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

/** CPU spent by each part of the node over a window: the actors, the embedded database, this process, the simulator. */
export interface CpuSplit {
  /** Wall seconds of the window. */
  seconds: number;
  /** Mean CPU milliseconds per second of one actor. */
  actorMsPerSecond: number;
  /** CPU seconds of all actors together, of the embedded database, of this process (supervisor, hub, load generator). */
  actorsCpuSeconds: number;
  dbCpuSeconds: number;
  benchCpuSeconds: number;
  /** CPU seconds of the simulator's process (WhatsApp's side: not the node's), 0 when it is not one of its own. */
  simCpuSeconds: number;
}

/**
 * Starts measuring CPU over a window; the returned function ends it. Actors that exit during the
 * window are left out of the actor figures (their last reading is lost with them).
 */
export function cpuWindow(pids: number[], dbPid: number, simPid?: number): () => CpuSplit {
  const read = (pid: number): number | null => {
    try {
      return cpuSeconds(pid);
    } catch {
      return null;
    }
  };
  const t0 = performance.now();
  const own0 = process.cpuUsage();
  const db0 = read(dbPid) ?? 0;
  const sim0 = simPid === undefined ? 0 : (read(simPid) ?? 0);
  const actors0 = new Map(pids.map((p) => [p, read(p)]));
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const own = process.cpuUsage(own0);
    let actors = 0;
    let counted = 0;
    for (const [pid, before] of actors0) {
      const after = read(pid);
      if (before === null || after === null) continue;
      actors += after - before;
      counted++;
    }
    const round = (x: number, digits = 2) => Number(x.toFixed(digits));
    return {
      seconds: round(seconds, 1),
      actorMsPerSecond: round((actors / Math.max(1, counted) / seconds) * 1000, 1),
      actorsCpuSeconds: round(actors),
      dbCpuSeconds: round((read(dbPid) ?? db0) - db0),
      benchCpuSeconds: round((own.user + own.system) / 1e6),
      simCpuSeconds: simPid === undefined ? 0 : round((read(simPid) ?? sim0) - sim0),
    };
  };
}

/** CPU milliseconds per message of each part of the node over a load (see CpuSplit). */
export interface CpuPerMessage {
  actors: number;
  db: number;
  bench: number;
  sim: number;
  /** Everything on the machine, the simulator included (as when it ran inside the bench process). */
  total: number;
}

export function cpuMsPerMessage(split: CpuSplit, messages: number): CpuPerMessage {
  if (messages === 0) return { actors: 0, db: 0, bench: 0, sim: 0, total: 0 }; // the load did not run (--only)
  const ms = (seconds: number) => Number(((seconds * 1000) / messages).toFixed(2));
  const { actorsCpuSeconds: a, dbCpuSeconds: d, benchCpuSeconds: b, simCpuSeconds: s } = split;
  return { actors: ms(a), db: ms(d), bench: ms(b), sim: ms(s), total: ms(a + d + b + s) };
}
