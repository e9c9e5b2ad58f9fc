import { describe, expect, it } from 'vitest';
import { touched } from './driverWrites.ts';

describe('touched', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('adds updatedAt to the $set of an update, keeping every other operator', () => {
    expect(touched({ $set: { status: 'sent' }, $inc: { attempts: 1 } }, now)).toEqual({ $set: { status: 'sent', updatedAt: now }, $inc: { attempts: 1 } });
  });

  it('creates the $set when the update has none, and leaves the given update alone', () => {
    const update = { $inc: { attempts: -1 } };
    expect(touched(update, now)).toEqual({ $inc: { attempts: -1 }, $set: { updatedAt: now } });
    expect(update).toEqual({ $inc: { attempts: -1 } });
  });
});
