import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { Error as MongooseError } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { isTransientDbError } from './transientError.ts';

const serverError = (code: number, message = 'x', labels: string[] = []) => {
  const err = new MongoServerError({ code, errmsg: message, message });
  for (const l of labels) err.addErrorLabel(l);
  return err;
};

describe('isTransientDbError', () => {
  it('counts lost connections, server selection timeouts and mongoose buffering timeouts as transient', () => {
    expect(isTransientDbError(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isTransientDbError(new MongoServerSelectionError('Server selection timed out after 1000 ms', { type: 'Unknown' } as never))).toBe(true);
    expect(isTransientDbError(new MongooseError('Operation `media.findOne()` buffering timed out after 10000ms'))).toBe(true);
    expect(isTransientDbError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('counts a replica set in transition, a write conflict and retryable labels as transient', () => {
    expect(isTransientDbError(serverError(10107, 'not primary'))).toBe(true);
    expect(isTransientDbError(serverError(189, 'primary stepped down'))).toBe(true);
    expect(isTransientDbError(serverError(112, 'WriteConflict'))).toBe(true);
    expect(isTransientDbError(serverError(1, 'whatever', ['RetryableWriteError']))).toBe(true);
    expect(isTransientDbError(new Error('wrapped', { cause: new MongoNetworkError('reset') }))).toBe(true);
  });

  it('counts duplicate keys, validation errors, bad queries and plain errors as permanent', () => {
    expect(isTransientDbError(serverError(11000, 'E11000 duplicate key'))).toBe(false);
    expect(isTransientDbError(serverError(2, 'BadValue'))).toBe(false);
    expect(isTransientDbError(new MongooseError.ValidationError())).toBe(false);
    expect(isTransientDbError(new Error('Media 42 not found'))).toBe(false);
    expect(isTransientDbError(null)).toBe(false);
    expect(isTransientDbError('ECONNRESET')).toBe(false);
  });
});
