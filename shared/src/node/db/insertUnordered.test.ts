import { describe, expect, it } from 'vitest';
import { writeErrorsOf } from './insertUnordered.ts';

describe('writeErrorsOf', () => {
  it('reads the per-document errors however the driver puts them', () => {
    expect(writeErrorsOf({ writeErrors: [{ index: 2, code: 11000, errmsg: 'E11000 duplicate key' }] })).toEqual([{ index: 2, code: 11000, message: 'E11000 duplicate key' }]);
    expect(writeErrorsOf({ writeErrors: { err: { index: 0, code: 11000, errmsg: 'dup' } } })).toEqual([{ index: 0, code: 11000, message: 'dup' }]);
    expect(writeErrorsOf({ writeErrors: [{ code: 2 }] })).toEqual([{ index: -1, code: 2, message: 'write failed' }]);
  });

  it('is empty for a request that failed as a whole', () => {
    expect(writeErrorsOf(new Error('connection reset'))).toEqual([]);
    expect(writeErrorsOf(null)).toEqual([]);
  });
});
