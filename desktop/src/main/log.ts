/**
 * Main's log: one JSON line per entry on stderr, constant messages with data as fields.
 * Fields whose names suggest secrets are replaced by "[redacted]" (the token never reaches a
 * log even by mistake). Electron's main process has no pino; this is enough for a desktop app.
 */

/** Log levels in use. */
export type LogLevel = 'info' | 'warn' | 'error';

/** The logger handed to main's modules. */
export type MainLogger = Record<LogLevel, (fields: Record<string, unknown>, msg: string) => void>;

const SECRET_FIELD = /token|password|secret|authorization|cookie|creds/i;

/** `fields` with secret-looking keys redacted and errors reduced to their name, code and message. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
    else out[key] = value;
  }
  return out;
}

/** A logger writing JSON lines through `write` (stderr by default). */
export function createMainLogger(write: (line: string) => void = (line) => process.stderr.write(line)): MainLogger {
  const at = (level: LogLevel) => (fields: Record<string, unknown>, msg: string) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, name: 'desktop-main', msg, ...redactFields(fields) })}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
