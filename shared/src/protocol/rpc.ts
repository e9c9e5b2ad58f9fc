/**
 * Typed request/response over any message channel (the IPC channel of a forked actor).
 * The caller side keeps a pending map keyed by sequence ids with a timeout per call; the
 * callee side is an exhaustive handler table derived from the same command map, so a
 * missing handler is a compile error. Errors cross serialized and are rebuilt as RpcError.
 */
import { PROTOCOL_VERSION, type ReplyEnvelope, type RequestEnvelope, type SerializedError } from './envelope.ts';

/** A command map `{name: {req, res}}` such as ActorCommands (interfaces welcome: no index signature needed). */
export type CommandMap<M> = { [K in keyof M]: { req: unknown; res: unknown } };

/** Stable codes for failures of the call itself (the remote side may send its own codes). */
export const RPC_ERROR_CODES = {
  TIMEOUT: 'actor_timeout',
  ACTOR_EXITED: 'actor_exited',
  NOT_RUNNING: 'actor_not_running',
  UNKNOWN_COMMAND: 'unknown_command',
  INTERNAL: 'internal',
} as const;

/** A coded error: either raised locally (timeout, exit) or rebuilt from the far side. */
export class RpcError extends Error {
  override name = 'RpcError';
  /** Stable machine-readable code. */
  readonly code: string;
  /** True when the error was thrown by the remote handler. */
  readonly remote: boolean;
  /** Name of the original error class on the remote side. */
  readonly remoteName: string | undefined;
  constructor(code: string, message: string, opts: { remote?: boolean; remoteName?: string; remoteStack?: string } = {}) {
    super(message);
    this.code = code;
    this.remote = opts.remote ?? false;
    this.remoteName = opts.remoteName;
    if (opts.remoteStack) this.stack = `${this.name}: ${message}\n    [remote] ${opts.remoteStack}`;
  }
}

/** Serializes any thrown value for the wire; `code` comes from `err.code` when it is a string. */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      name: err.name,
      code: typeof code === 'string' ? code : RPC_ERROR_CODES.INTERNAL,
      message: err.message,
      ...(err.stack ? { stack: err.stack } : {}),
    };
  }
  return { name: 'Error', code: RPC_ERROR_CODES.INTERNAL, message: String(err) };
}

/** Rebuilds a serialized error as a coded RpcError marked remote. */
export function rebuildError(e: SerializedError): RpcError {
  return new RpcError(e.code, e.message, { remote: true, remoteName: e.name, ...(e.stack ? { remoteStack: e.stack } : {}) });
}

/** Options of the caller side. */
export interface RpcClientOptions {
  /** Default per-call timeout in milliseconds. */
  timeoutMs: number;
  /** Called for replies whose call already timed out or never existed (log them; never throw). */
  onLateReply?: (reply: ReplyEnvelope) => void;
}

/** The caller side of a command map. */
export interface RpcClient<M extends CommandMap<M>> {
  /** Sends one request and resolves with its result, or rejects with an RpcError. */
  call<C extends keyof M & string>(cmd: C, args: M[C]['req'], opts?: { timeoutMs?: number }): Promise<M[C]['res']>;
  /** Feeds a reply from the channel; returns false when no call was waiting for it. */
  handleReply(reply: ReplyEnvelope): boolean;
  /** Rejects every pending call and every later one (the channel is gone). */
  rejectAll(reason: RpcError): void;
  /** Number of calls waiting for a reply. */
  pendingCount(): number;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Creates the caller side. `send` puts one request on the channel and throws (or returns
 * false) when the channel is closed.
 */
export function createRpcClient<M extends CommandMap<M>>(
  send: (req: RequestEnvelope<keyof M & string>) => boolean | void,
  opts: RpcClientOptions,
): RpcClient<M> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closedWith: RpcError | null = null;

  return {
    call(cmd, args, callOpts) {
      if (closedWith) return Promise.reject(closedWith);
      const id = nextId++;
      const timeoutMs = callOpts?.timeoutMs ?? opts.timeoutMs;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new RpcError(RPC_ERROR_CODES.TIMEOUT, `command ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        let sent: boolean | void;
        try {
          sent = send({ v: PROTOCOL_VERSION, kind: 'req', id, cmd, args });
        } catch {
          sent = false;
        }
        if (sent === false) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new RpcError(RPC_ERROR_CODES.NOT_RUNNING, `command ${cmd} could not be sent: channel closed`));
        }
      });
    },
    handleReply(reply) {
      const p = pending.get(reply.id);
      if (!p) {
        opts.onLateReply?.(reply);
        return false;
      }
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(rebuildError(reply.error));
      return true;
    },
    rejectAll(reason) {
      closedWith = reason;
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        pending.delete(id);
        p.reject(reason);
      }
    },
    pendingCount: () => pending.size,
  };
}

/** One handler per command of M; omitting one is a compile error. */
export type Handlers<M extends CommandMap<M>> = {
  [C in keyof M]: (args: M[C]['req']) => Promise<M[C]['res']> | M[C]['res'];
};

/** The callee side: turns requests into replies, never throws. */
export interface HandlerTable<M extends CommandMap<M>> {
  /** Runs the handler of `req.cmd` and returns the reply envelope to send back. */
  handle(req: RequestEnvelope<string>): Promise<ReplyEnvelope>;
  /** Names of the handled commands. */
  readonly commands: ReadonlyArray<keyof M & string>;
}

/** Builds the callee side from an exhaustive handler object. */
export function createHandlerTable<M extends CommandMap<M>>(handlers: Handlers<M>): HandlerTable<M> {
  const names = Object.keys(handlers) as Array<keyof M & string>;
  return {
    commands: names,
    async handle(req) {
      if (!Object.prototype.hasOwnProperty.call(handlers, req.cmd)) {
        const error = serializeError(new RpcError(RPC_ERROR_CODES.UNKNOWN_COMMAND, `unknown command ${req.cmd}`));
        return { v: PROTOCOL_VERSION, kind: 'res', id: req.id, ok: false, error };
      }
      const handler = handlers[req.cmd as keyof M] as (args: unknown) => unknown;
      try {
        const result = await handler(req.args);
        return { v: PROTOCOL_VERSION, kind: 'res', id: req.id, ok: true, result };
      } catch (err) {
        return { v: PROTOCOL_VERSION, kind: 'res', id: req.id, ok: false, error: serializeError(err) };
      }
    },
  };
}
