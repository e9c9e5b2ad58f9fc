import { describe, expect, it } from 'vitest';
import { DatabaseConnectError, connectDatabase, redactUri, silentLogger } from '@switchboard/shared/node';

describe('connectDatabase without a reachable server', () => {
  it('fails with a readable error naming the server, without its password', async () => {
    const err = await connectDatabase('mongodb://bob:hunter2@127.0.0.1:1/x', silentLogger(), {
      serverSelectionTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseConnectError);
    expect((err as Error).message).toMatch(/^Cannot connect to the database at mongodb:\/\/bob:\*\*\*@127\.0\.0\.1:1\/x/);
    expect((err as Error).message).toContain('MONGODB_URI');
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('redacts only the password of a connection string', () => {
    expect(redactUri('mongodb+srv://u:p%40ss@h.example/db?x=1')).toBe('mongodb+srv://u:***@h.example/db?x=1');
    expect(redactUri('mongodb://h:27017/db')).toBe('mongodb://h:27017/db');
  });
});
