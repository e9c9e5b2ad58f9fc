import type { Logger } from 'pino';

const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Baileys' logger: a pino child (so the root logger's redaction applies) that is never more
 * verbose than `warn`, because Baileys logs whole stanzas at debug/trace.
 */
export function baileysLogger(root: Logger): Logger {
  const rootIndex = ORDER.indexOf(root.level);
  const level = rootIndex > ORDER.indexOf('warn') ? root.level : 'warn';
  return withExpectedAsInfo(root.child({ module: 'baileys' }, { level }));
}

/**
 * True for what Baileys logs as an error but is routine: the 515 stream error ("restart
 * required") WhatsApp sends after every pairing. The actor records it as a classified
 * disconnect anyway; an `error` line would make ops chase a normal event.
 */
export function isRoutineError(obj: unknown, msg: unknown): boolean {
  const node = (obj as { fullErrorNode?: { tag?: unknown; attrs?: { code?: unknown } } } | null)?.fullErrorNode;
  return msg === 'stream errored out' && node?.tag === 'stream:error' && node.attrs?.code === '515';
}

/**
 * What Baileys warns of but is routine here: it tries to open every answer to an event itself,
 * with the event fetched by `getMessage` (which keeps only what this account sent), and warns
 * when it cannot; the actor opens them all (messages/answers.ts). A warning per answer would
 * make ops chase a normal event.
 */
const ROUTINE_WARNINGS = new Set(['event creation message not found, cannot decrypt response', 'event response: missing messageSecret for decryption', 'failed to decrypt event response']);

/** True for a warning of Baileys' that is routine here (logged at `debug`). */
export function isRoutineWarning(msg: unknown): boolean {
  return typeof msg === 'string' && ROUTINE_WARNINGS.has(msg);
}

/** Wraps a logger (and its children) so routine errors are logged at `info`, routine warnings at `debug`. */
function withExpectedAsInfo(logger: Logger): Logger {
  // Baileys reads a logging method for every stanza it handles: bind each method once (again
  // only when pino swaps it, on a level change) instead of on every read.
  const bound = new Map<PropertyKey, { method: (...a: unknown[]) => unknown; bound: (...a: unknown[]) => unknown }>();
  // Made once: each looks up the target's current method when called.
  const error = (obj: unknown, msg?: unknown, ...rest: unknown[]) =>
    isRoutineError(obj, msg) ? logger.info(obj as object, msg as string, ...rest) : logger.error(obj as object, msg as string, ...rest);
  const warn = (obj: unknown, msg?: unknown, ...rest: unknown[]) =>
    isRoutineWarning(msg) ? logger.debug(obj as object, msg as string, ...rest) : logger.warn(obj as object, msg as string, ...rest);
  return new Proxy(logger, {
    get(target, prop) {
      if (prop === 'error') return error;
      if (prop === 'warn') return warn;
      if (prop === 'child') return (bindings: Record<string, unknown>, options?: { level?: string }) => withExpectedAsInfo(target.child(bindings, options));
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const known = bound.get(prop);
      if (known?.method === value) return known.bound;
      const method = value as (...a: unknown[]) => unknown;
      const fresh = { method, bound: method.bind(target) };
      bound.set(prop, fresh);
      return fresh.bound;
    },
  });
}
