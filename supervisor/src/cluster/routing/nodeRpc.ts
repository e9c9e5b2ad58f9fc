/**
 * Request/reply between cluster nodes over Redis pub/sub. Each node subscribes to its request
 * channel `<prefix>:rpc:<nodeId>` and its reply channel `<prefix>:rpc-reply:<nodeId>`; a
 * request names the sender, the reply goes to the sender's reply channel and is matched by id.
 * Payloads are v8-serialized (Dates, Buffers and undefined survive as in IPC).
 *
 * A request fails with `session_moving` when no node listens on the target's channel (PUBLISH
 * reached nobody: the node is gone) or when no reply came within the timeout; errors thrown by
 * the handler travel back with their code (e.g. `actor_not_running`).
 *
 * from: RoutedHub (a command for a session held elsewhere) → here → the owner's RoutedHub.serve.
 */
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { rebuildError, serializeError, type SerializedError } from '@switchboard/shared';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { sessionMoving } from './errors.ts';

/** One forwarded hub command. */
export interface NodeRequest {
  op: 'start' | 'stop' | 'call' | 'send' | 'retry' | 'resetAttempts';
  sessionId: string;
  /** The hub method's arguments after the session id. */
  args: unknown[];
}

interface RequestEnvelope extends NodeRequest {
  id: string;
  from: string;
}

type ReplyEnvelope = { id: string; ok: true; value: unknown } | { id: string; ok: false; error: SerializedError };

/** Options of createNodeRpc. */
export interface NodeRpcOptions {
  nodeId: string;
  /** Connection for PUBLISH. */
  pub: Redis;
  /** Connection in subscriber mode (used for nothing else). */
  sub: Redis;
  /** Serves a request addressed to this node. */
  handle(req: NodeRequest): Promise<unknown>;
  logger: Logger;
  /** Channel prefix (default `sb`; tests sharing one Redis use their own). */
  prefix?: string;
}

/** The running request/reply endpoint of one node. */
export interface NodeRpc {
  /** Sends a request to `nodeId` and waits for its reply at most `timeoutMs`. */
  request(nodeId: string, req: NodeRequest, timeoutMs: number): Promise<unknown>;
  /** Unsubscribes and fails the requests in flight with `session_moving`. */
  close(): Promise<void>;
}

/** Subscribes this node's request and reply channels and returns the endpoint. */
export async function createNodeRpc(opts: NodeRpcOptions): Promise<NodeRpc> {
  const prefix = opts.prefix ?? 'sb';
  const log = opts.logger.child({ module: 'node-rpc' });
  const requestChannel = (nodeId: string): string => `${prefix}:rpc:${nodeId}`;
  const replyChannel = (nodeId: string): string => `${prefix}:rpc-reply:${nodeId}`;
  const mine = { req: requestChannel(opts.nodeId), reply: replyChannel(opts.nodeId) };
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  let closed = false;

  const serve = async (env: RequestEnvelope): Promise<void> => {
    let reply: ReplyEnvelope;
    try {
      reply = { id: env.id, ok: true, value: await opts.handle({ op: env.op, sessionId: env.sessionId, args: env.args }) };
    } catch (err) {
      reply = { id: env.id, ok: false, error: serializeError(err) };
    }
    await opts.pub.publish(replyChannel(env.from), serialize(reply)).catch((err: unknown) => log.warn({ err, to: env.from }, 'reply not published'));
  };

  const onMessage = (channel: Buffer, message: Buffer): void => {
    const name = channel.toString();
    let data: unknown;
    try {
      data = deserialize(message);
    } catch (err) {
      log.warn({ err, channel: name }, 'unreadable cluster message dropped');
      return;
    }
    if (name === mine.req) {
      void serve(data as RequestEnvelope);
    } else if (name === mine.reply) {
      const reply = data as ReplyEnvelope;
      const p = pending.get(reply.id);
      if (!p) return; // timed out meanwhile
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.ok) p.resolve(reply.value);
      else p.reject(rebuildError(reply.error));
    }
  };
  opts.sub.on('messageBuffer', onMessage);
  await opts.sub.subscribe(mine.req, mine.reply);

  return {
    async request(nodeId, req, timeoutMs) {
      if (closed) throw sessionMoving(req.sessionId, 'this node is shutting down');
      const id = randomUUID();
      const env: RequestEnvelope = { ...req, id, from: opts.nodeId };
      const reply = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(sessionMoving(req.sessionId, `node ${nodeId} did not answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
      });
      // The answer (or the timeout) may settle `reply` while the publish below is still being
      // acknowledged, before the caller awaits it: without a handler attached now, a rejection
      // then would be unhandled and end the process.
      reply.catch(() => undefined);
      let receivers: number;
      try {
        receivers = await opts.pub.publish(requestChannel(nodeId), serialize(env));
      } catch (err) {
        receivers = 0;
        log.warn({ err, to: nodeId }, 'request not published');
      }
      if (receivers === 0) {
        const p = pending.get(id);
        if (p) {
          pending.delete(id);
          clearTimeout(p.timer);
          p.reject(sessionMoving(req.sessionId, `node ${nodeId} is not reachable`));
        }
      }
      return reply;
    },
    async close() {
      if (closed) return;
      closed = true;
      opts.sub.off('messageBuffer', onMessage);
      for (const [id, p] of pending) {
        pending.delete(id);
        clearTimeout(p.timer);
        p.reject(sessionMoving('', 'this node is shutting down'));
      }
      await opts.sub.unsubscribe(mine.req, mine.reply).catch(() => undefined);
    },
  };
}
