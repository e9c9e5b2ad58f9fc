/** Replacement written in place of a redacted value. */
export const REDACTED = '[Redacted]';

/** Exact keys (lowercase) whose values never reach logs: key material and message bodies. */
const SECRET_KEYS = new Set([
  'creds',
  'keys',
  'noisekey',
  'signedidentitykey',
  'signedprekey',
  'identitykey',
  'pairingephemeralkeypair',
  'advsecretkey',
  'privkey',
  'pubkey',
  'keypair',
  'mackey',
  'enckey',
  'mediakey',
  'qr',
  'pairingcode',
  'text',
  'caption',
  'body',
  'html',
  'lastmessagepreview',
  'pass',
  'smtp_pass',
  'jwt',
  'data',
  'sig', // signed media URLs: the signature is a bearer credential for one file
]);

/** Key fragments that mark a secret wherever they appear (password, newPassword, JWT_SECRET, ...). */
const SECRET_PATTERN = /passw|secret|token|api_?key|api-key|private|authorization|cookie|credential/i;

/** True when a log field named `key` must be redacted. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || SECRET_PATTERN.test(key);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of a log object with every secret field replaced by REDACTED, at any depth
 * (plain objects and arrays only; Errors and other instances pass through for pino's
 * serializers). Depth is bounded so cyclic or huge objects cannot stall logging.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && v !== undefined && v !== null ? REDACTED : redactDeep(v, depth + 1);
  }
  return out;
}
