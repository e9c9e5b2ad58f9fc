import { describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelineKind } from '@switchboard/shared';
import { countGapMessages, findGaps, gapMessageRanges, OFFLINE_WINDOW_EVENTS, withGapFigures, type ClosedGap } from './gaps.ts';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');

/** An entry at T0 + `ms`. */
function entry(seq: number, ms: number, kind: TimelineKind): TimelineEntry {
  return { seq, at: new Date(T0 + ms).toISOString(), kind, status: null, cause: null, statusCode: null, detail: null };
}

describe('findGaps', () => {
  it('starts a gap at the first line after a connection and ends it at the next connection', () => {
    const page = [
      entry(90, 95_000, 'connected'),
      entry(80, 90_000, 'crash'),
      entry(70, 60_500, 'network'),
      entry(60, 60_000, 'connected'),
      entry(50, 40_000, 'stopped'),
      entry(40, 10_000, 'connected'),
      entry(30, 5_000, 'qr'),
    ];
    expect(findGaps(page)).toEqual([
      { index: 2, downSeq: 70, downAt: T0 + 60_500, upSeq: 90, upAt: T0 + 95_000 },
      { index: 4, downSeq: 50, downAt: T0 + 40_000, upSeq: 60, upAt: T0 + 60_000 },
    ]);
  });

  it('leaves a gap open while the session is still down, and uses the entry past the page', () => {
    const page = [entry(20, 20_000, 'logged_out'), entry(10, 10_000, 'qr')];
    expect(findGaps(page, entry(5, 5_000, 'connected'))).toEqual([
      { index: 1, downSeq: 10, downAt: T0 + 10_000, upSeq: null, upAt: null },
    ]);
    expect(findGaps([entry(20, 20_000, 'logged_out'), entry(10, 10_000, 'connected')])).toEqual([
      { index: 0, downSeq: 20, downAt: T0 + 20_000, upSeq: null, upAt: null },
    ]);
  });

  it('finds no gap before the first connection', () => {
    expect(findGaps([entry(3, 3_000, 'connected'), entry(2, 2_000, 'restart_required'), entry(1, 1_000, 'qr')])).toEqual([]);
  });
});

describe('messages during a gap', () => {
  const gaps: ClosedGap[] = [
    { index: 0, downSeq: 100, downAt: T0 + 60_500, upSeq: 110, upAt: T0 + 95_000 },
    { index: 3, downSeq: 50, downAt: T0 + 10_000, upSeq: 60, upAt: T0 + 20_000 },
  ];

  it('reads message events after the disconnection, up to a bounded window past the reconnection', () => {
    expect(gapMessageRanges(gaps)).toEqual([
      { seq: { $gt: 100, $lt: 110 + OFFLINE_WINDOW_EVENTS }, 'payload.message.timestamp': { $gte: T0 + 60_000, $lte: T0 + 95_999 } },
      { seq: { $gt: 50, $lt: 60 + OFFLINE_WINDOW_EVENTS }, 'payload.message.timestamp': { $gte: T0 + 10_000, $lte: T0 + 20_999 } },
    ]);
  });

  it('counts distinct incoming messages sent while down, each in one gap', () => {
    const counts = countGapMessages(gaps, [
      { seq: 111, id: 'A', fromMe: false, timestamp: T0 + 70_000 }, // queued, delivered after reconnecting
      { seq: 112, id: 'A', fromMe: false, timestamp: T0 + 70_000 }, // announced twice (at least once)
      { seq: 113, id: 'B', fromMe: false, timestamp: T0 + 60_000 }, // same second as the disconnection
      { seq: 116, id: 'G', fromMe: false, timestamp: T0 + 95_999 }, // sent in the reconnection's second, stored at its end (delivered late)
      { seq: 114, id: 'C', fromMe: true, timestamp: T0 + 80_000 }, // sent from the phone: not incoming
      { seq: 115, id: 'D', fromMe: false, timestamp: T0 + 96_000 }, // sent after the reconnection
      { seq: 61, id: 'E', fromMe: false, timestamp: T0 + 15_000 },
      { seq: 99, id: 'F', fromMe: false, timestamp: T0 + 59_000 }, // before the second disconnection
    ]);
    expect(counts).toEqual([3, 1]);
  });

  it('puts downMs and messagesDuringGap on the lines that started the gaps', () => {
    const page = [entry(110, 95_000, 'connected'), entry(100, 60_500, 'network'), entry(90, 50_000, 'connected')];
    const out = withGapFigures(page, [{ index: 1, downSeq: 100, downAt: T0 + 60_500, upSeq: 110, upAt: T0 + 95_000 }], [3]);
    expect(out.map((e) => [e.seq, e.downMs, e.messagesDuringGap])).toEqual([
      [110, undefined, undefined],
      [100, 34_500, 3],
      [90, undefined, undefined],
    ]);
  });
});
