/**
 * Reads the embedded database's request profile (EMBEDDED_DB_PROFILE, shared/embedded-db/profile.go)
 * to count database requests per message. The server rewrites the file every 3 s with cumulative
 * counts per "command collection", so a snapshot is the first rewrite after a given moment.
 */
import { readFileSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Cumulative counts and milliseconds per "command collection" at a moment (the file's write time). */
export interface DbProfileSnapshot {
  atMs: number;
  counts: Record<string, number>;
  ms: Record<string, number>;
}

/** Waits (polling; this is a benchmark) for the first rewrite of `file` after `afterMs` (epoch ms). */
export async function dbProfileAfter(file: string, afterMs = Date.now()): Promise<DbProfileSnapshot> {
  const giveUp = Date.now() + 15_000;
  while (Date.now() < giveUp) {
    try {
      const atMs = statSync(file).mtimeMs;
      if (atMs > afterMs) {
        const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { count: number; totalMs: number }>;
        const pick = (f: (v: { count: number; totalMs: number }) => number) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, f(v)]));
        return { atMs, counts: pick((v) => v.count), ms: pick((v) => v.totalMs) };
      }
    } catch {
      // not written yet, or caught half-written: the next poll reads it whole
    }
    await delay(200);
  }
  throw new Error(`no database profile written to ${file}`);
}

const total = (s: DbProfileSnapshot): number => Object.values(s.counts).reduce((a, b) => a + b, 0);

/** Database requests per message over a load, net of the idle rate measured just before it. */
export interface DbRequestsPerMessage {
  perMessage: number;
  /** Background requests per second with no load (heartbeats, driver monitoring, counters). */
  idlePerSecond: number;
  /** The most frequent requests during the load, per message (not net of idle). */
  top: Record<string, number>;
  /** Milliseconds the database spent on requests that may write, per message (they run one at a time). */
  writeMsPerMessage: number;
  /** The same by command and collection, largest first. */
  writeMsTop: Record<string, number>;
}

/** Commands the embedded proxy lets run beside the writer (shared/embedded-db/serialize.go). */
const READS = new Set(['find', 'count', 'aggregate', 'getMore', 'listIndexes', 'hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'listCollections']);

/** Compares snapshots taken before an idle window (`idle0`), before the load (`start`) and after it (`end`). */
export function dbRequestsPerMessage(idle0: DbProfileSnapshot, start: DbProfileSnapshot, end: DbProfileSnapshot, messages: number, idleEnd: DbProfileSnapshot = start, topN = 8): DbRequestsPerMessage {
  // The idle window is idle0 → idleEnd (by default the load's start); the load is start → end.
  const idlePerSecond = (total(idleEnd) - total(idle0)) / ((idleEnd.atMs - idle0.atMs) / 1000);
  const duringLoad = total(end) - total(start) - idlePerSecond * ((end.atMs - start.atMs) / 1000);
  const round = (x: number): number => Number(x.toPrecision(3));
  const top = Object.entries(end.counts)
    .map(([k, n]): [string, number] => [k, (n - (start.counts[k] ?? 0)) / messages])
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([k, n]): [string, number] => [k, round(n)]);
  const writes = Object.entries(end.ms)
    .filter(([k]) => !READS.has(k.split(' ')[0] ?? ''))
    .map(([k, ms]): [string, number] => [k, (ms - (start.ms[k] ?? 0)) / messages])
    .sort((a, b) => b[1] - a[1]);
  const writeMs = writes.reduce((sum, [, ms]) => sum + ms, 0);
  const writeMsTop = Object.fromEntries(writes.slice(0, topN).filter(([, ms]) => ms > 0).map(([k, ms]) => [k, round(ms)]));
  return { perMessage: round(duringLoad / messages), idlePerSecond: round(idlePerSecond), top: Object.fromEntries(top), writeMsPerMessage: round(writeMs), writeMsTop };
}

/** Requests per session between two snapshots (a restore), with the most frequent by command. */
export function requestsPerSession(
  start: DbProfileSnapshot,
  end: DbProfileSnapshot,
  sessions: number,
  topN = 10,
): { perSession: number; top: Record<string, number>; msTop: Record<string, number> } {
  const round = (x: number): number => Number(x.toPrecision(3));
  const topPerSession = (after: Record<string, number>, before: Record<string, number>, n: number) =>
    Object.fromEntries(
      Object.entries(after)
        .map(([k, v]): [string, number] => [k, (v - (before[k] ?? 0)) / sessions])
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]): [string, number] => [k, round(v)]),
    );
  return {
    perSession: round((total(end) - total(start)) / sessions),
    top: topPerSession(end.counts, start.counts, topN),
    // The database's milliseconds per session by request, reads included (a scan shows here).
    msTop: topPerSession(end.ms, start.ms, 6),
  };
}
