import type { Logger } from 'pino';

const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * Baileys' logger: a pino child (so the root logger's redaction applies) that is never more
 * verbose than `warn`, because Baileys logs whole stanzas at debug/trace.
 */
export function baileysLogger(root: Logger): Logger {
  const rootIndex = ORDER.indexOf(root.level);
  const level = rootIndex > ORDER.indexOf('warn') ? root.level : 'warn';
  return root.child({ module: 'baileys' }, { level });
}
