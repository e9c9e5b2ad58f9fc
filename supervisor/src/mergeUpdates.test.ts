import { describe, expect, it } from 'vitest';
import { copyUpdate, mergeUpdates, type MergeableUpdate } from './mergeUpdates.ts';

describe('mergeUpdates', () => {
  it('keeps the later $set of a path, adds $inc and keeps the larger $max', () => {
    const into: MergeableUpdate = { $set: { status: 'starting', 'metrics.pid': 7 }, $inc: { 'metrics.connectionAttempts': 1 }, $max: { eventSeq: 4 } };
    expect(mergeUpdates(into, { $set: { status: 'connecting' } })).toBe(true);
    expect(mergeUpdates(into, { $inc: { 'metrics.connectionAttempts': 2 }, $max: { eventSeq: 3 } })).toBe(true);
    expect(mergeUpdates(into, { $set: { status: 'connected', 'metrics.lastConnectedAt': 1 }, $max: { eventSeq: 9 } })).toBe(true);
    expect(into).toEqual({
      $set: { status: 'connected', 'metrics.pid': 7, 'metrics.lastConnectedAt': 1 },
      $inc: { 'metrics.connectionAttempts': 3 },
      $max: { eventSeq: 9 },
    });
  });

  it('refuses a path another operator touches, and a path inside or around one already set', () => {
    const into: MergeableUpdate = { $set: { 'metrics.pid': 7, me: { id: 'a' } }, $inc: { 'metrics.errorCount': 1 } };
    const before = structuredClone(into);
    expect(mergeUpdates(into, { $inc: { 'metrics.pid': 1 } })).toBe(false);
    expect(mergeUpdates(into, { $set: { 'metrics.errorCount': 0 } })).toBe(false);
    expect(mergeUpdates(into, { $set: { 'me.name': 'x' } })).toBe(false);
    expect(mergeUpdates(into, { $set: { metrics: {} } })).toBe(false);
    expect(mergeUpdates(into, { $push: { restarts: 1 } })).toBe(false);
    expect(mergeUpdates(into, { $set: { 'metrics.pidx': 1 }, $unset: { x: 1 } })).toBe(false);
    expect(into).toEqual(before);
    expect(mergeUpdates(into, { $set: { 'metrics.pidx': 1 } })).toBe(true);
  });

  it('copies an update so merging into the copy leaves the original alone', () => {
    const original = { $set: { status: 'a' } };
    const copy = copyUpdate(original);
    expect(mergeUpdates(copy, { $set: { status: 'b' } })).toBe(true);
    expect(original).toEqual({ $set: { status: 'a' } });
  });
});
