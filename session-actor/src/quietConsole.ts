import type { Logger } from 'pino';

/**
 * libsignal writes to the console, and some of its lines dump whole Signal sessions with
 * private keys ("Closing session: SessionEntry {...}"). In the actor process every console
 * method is routed to the logger at debug level, keeping only a leading string (never the
 * objects that follow it), so key material cannot reach stdout.
 */
export function quietConsole(logger: Logger): void {
  const log = logger.child({ module: 'console' });
  const forward = (...args: unknown[]) => {
    const first = typeof args[0] === 'string' ? args[0].slice(0, 200) : '(non-string console output dropped)';
    log.debug(first);
  };
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    // eslint-disable-next-line no-console -- replacing console methods, not logging to them
    console[method] = forward;
  }
}
