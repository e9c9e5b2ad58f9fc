import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActorCommands } from './commands.ts';
import type { ReplyEnvelope, RequestEnvelope } from './envelope.ts';
import { createHandlerTable, createRpcClient, RpcError, RPC_ERROR_CODES, type Handlers } from './rpc.ts';

interface TestCommands {
  add: { req: { a: number; b: number }; res: { sum: number } };
  fail: { req: Record<string, never>; res: never };
  slow: { req: Record<string, never>; res: { done: true } };
}

class CodedFailure extends Error {
  override name = 'CodedFailure';
  code = 'NOT_CONNECTED';
}

const handlers: Handlers<TestCommands> = {
  add: ({ a, b }) => ({ sum: a + b }),
  fail: () => {
    throw new CodedFailure('socket is closed');
  },
  slow: () => new Promise(() => {}),
};

/** Wires a client to a handler table through an in-memory channel. */
function wire(opts: { timeoutMs: number; onLateReply?: (r: ReplyEnvelope) => void }) {
  const table = createHandlerTable<TestCommands>(handlers);
  const sent: RequestEnvelope<string>[] = [];
  const client = createRpcClient<TestCommands>((req) => {
    sent.push(req);
    void table.handle(req).then((reply) => client.handleReply(reply));
  }, opts);
  return { client, sent, table };
}

describe('rpc client and handler table', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('round-trips a typed call with increasing sequence ids', async () => {
    const { client, sent } = wire({ timeoutMs: 1000 });
    await expect(client.call('add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
    await expect(client.call('add', { a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
    expect(sent.map((r) => r.id)).toEqual([1, 2]);
    expect(sent[0]).toMatchObject({ v: 1, kind: 'req', cmd: 'add' });
    expect(client.pendingCount()).toBe(0);
  });

  it('rebuilds remote errors with their code, name and stack', async () => {
    const { client } = wire({ timeoutMs: 1000 });
    const err = await client.call('fail', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: 'NOT_CONNECTED', remote: true, remoteName: 'CodedFailure', message: 'socket is closed' });
    expect((err as Error).stack).toContain('[remote]');
  });

  it('times out a call that gets no reply and logs the late reply instead of throwing', async () => {
    const late: ReplyEnvelope[] = [];
    const sent: RequestEnvelope<string>[] = [];
    const client = createRpcClient<TestCommands>((r) => void sent.push(r), { timeoutMs: 500, onLateReply: (r) => late.push(r) });
    const p = client.call('slow', {}, { timeoutMs: 200 });
    const settled = expect(p).rejects.toMatchObject({ code: RPC_ERROR_CODES.TIMEOUT });
    await vi.advanceTimersByTimeAsync(199);
    expect(client.pendingCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(client.handleReply({ v: 1, kind: 'res', id: sent[0]!.id, ok: true, result: { done: true } })).toBe(false);
    expect(late).toHaveLength(1);
  });

  it('rejects every pending call and every later call after rejectAll', async () => {
    const client = createRpcClient<TestCommands>(() => {}, { timeoutMs: 10_000 });
    const a = client.call('slow', {});
    const b = client.call('add', { a: 1, b: 2 });
    const reason = new RpcError(RPC_ERROR_CODES.ACTOR_EXITED, 'actor exited (SIGKILL)');
    client.rejectAll(reason);
    await expect(a).rejects.toBe(reason);
    await expect(b).rejects.toBe(reason);
    await expect(client.call('add', { a: 1, b: 2 })).rejects.toBe(reason);
    expect(client.pendingCount()).toBe(0);
  });

  it('rejects at once when the channel refuses the request', async () => {
    const throwing = createRpcClient<TestCommands>(() => {
      throw new Error('ERR_IPC_CHANNEL_CLOSED');
    }, { timeoutMs: 1000 });
    await expect(throwing.call('add', { a: 1, b: 1 })).rejects.toMatchObject({ code: RPC_ERROR_CODES.NOT_RUNNING });
    const refusing = createRpcClient<TestCommands>(() => false, { timeoutMs: 1000 });
    await expect(refusing.call('add', { a: 1, b: 1 })).rejects.toMatchObject({ code: RPC_ERROR_CODES.NOT_RUNNING });
    expect(refusing.pendingCount()).toBe(0);
  });

  it('answers unknown commands with UNKNOWN_COMMAND instead of throwing', async () => {
    const table = createHandlerTable<TestCommands>(handlers);
    const reply = await table.handle({ v: 1, kind: 'req', id: 9, cmd: 'nope', args: {} });
    expect(reply).toMatchObject({ id: 9, ok: false, error: { code: RPC_ERROR_CODES.UNKNOWN_COMMAND } });
    expect(table.commands).toEqual(['add', 'fail', 'slow']);
  });

  it('makes a missing handler a compile error', () => {
    // @ts-expect-error — `slow` is missing, so the table is not exhaustive.
    const partial: Handlers<TestCommands> = { add: handlers.add, fail: handlers.fail };
    expect(Object.keys(partial)).toHaveLength(2);
  });

  it('accepts the real ActorCommands interface as a command map', () => {
    const client = createRpcClient<ActorCommands>(() => {}, { timeoutMs: 10 });
    const p = client.call('probe', {});
    client.rejectAll(new RpcError(RPC_ERROR_CODES.ACTOR_EXITED, 'gone'));
    return expect(p).rejects.toMatchObject({ code: RPC_ERROR_CODES.ACTOR_EXITED });
  });
});
