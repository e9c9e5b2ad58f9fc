/**
 * Reads the embedded database's request profile (EMBEDDED_DB_PROFILE, shared/embedded-db/profile.go)
 * to count database requests per message. The server rewrites the file every 3 s with cumulative
 * counts per "command collection", so a snapshot is the first rewrite after a given moment.
 */
import { readFileSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Cumulative counts per "command collection" at a moment (the file's write time). */
export interface DbProfileSnapshot {
  atMs: number;
  counts: Record<string, number>;
}

/** Waits (polling; this is a benchmark) for the first rewrite of `file` after `afterMs` (epoch ms). */
export async function dbProfileAfter(file: string, afterMs = Date.now()): Promise<DbProfileSnapshot> {
  const giveUp = Date.now() + 15_000;
  while (Date.now() < giveUp) {
    try {
      const atMs = statSync(file).mtimeMs;
      if (atMs > afterMs) {
        const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { count: number }>;
        return { atMs, counts: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.count])) };
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
}

/** Compares snapshots taken before an idle window (`idle0`), before the load (`start`) and after it (`end`). */
export function dbRequestsPerMessage(idle0: DbProfileSnapshot, start: DbProfileSnapshot, end: DbProfileSnapshot, messages: number, idleEnd: DbProfileSnapshot = start): DbRequestsPerMessage {
  // The idle window is idle0 → idleEnd (by default the load's start); the load is start → end.
  const idlePerSecond = (total(idleEnd) - total(idle0)) / ((idleEnd.atMs - idle0.atMs) / 1000);
  const duringLoad = total(end) - total(start) - idlePerSecond * ((end.atMs - start.atMs) / 1000);
  const round = (x: number): number => Number(x.toPrecision(3));
  const top = Object.entries(end.counts)
    .map(([k, n]): [string, number] => [k, (n - (start.counts[k] ?? 0)) / messages])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, n]): [string, number] => [k, round(n)]);
  return { perMessage: round(duringLoad / messages), idlePerSecond: round(idlePerSecond), top: Object.fromEntries(top) };
}
