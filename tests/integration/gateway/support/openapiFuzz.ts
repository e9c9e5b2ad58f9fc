/**
 * Request generation for the schema-driven fuzz of the gateway (openapiFuzz.test.ts): values
 * that satisfy an OpenAPI 3.1 schema more or less ("valid-ish"), and hostile variants of a
 * request (wrong types, huge numbers, dates out of range, unicode, extra and missing fields,
 * malformed JSON, path parameters that are not ids). Deterministic: every choice comes from a
 * seeded generator.
 */

/** A JSON schema as found in the OpenAPI document (loosely typed on purpose: the fuzz walks any shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Schema = Record<string, any>;

/** One operation of the document. */
export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/users/{id}`. */
  path: string;
  params: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }>;
  json: Schema | null;
  multipart: Schema | null;
}

/** One request to send. */
export interface FuzzRequest {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** mulberry32: a small seeded PRNG (same seed, same run). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element. */
export const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** Every operation of the document, with its parameters and request bodies. */
export function operationsOf(doc: Schema): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        json: content['application/json']?.schema ?? null,
        multipart: content['multipart/form-data']?.schema ?? null,
      });
    }
  }
  return out;
}

const hex = (rnd: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');

/** Strings that satisfy the patterns the API uses (others get a plain word). */
const PATTERNS: Record<string, (rnd: () => number) => string> = {
  '^[0-9a-fA-F]{24}$': (rnd) => hex(rnd, 24),
  '^[A-Za-z0-9_-]{1,64}$': (rnd) => `fz-${hex(rnd, 6)}`,
  '^[a-z0-9_-]{1,32}$': (rnd) => `fz_${hex(rnd, 4)}`,
  '^[a-z_.]+\\*?$': () => 'session.*',
};

/** A value that satisfies `schema` more or less (examples and bounds are honoured). */
export function validish(doc: Schema, schema: Schema | undefined, rnd: () => number, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return validish(doc, resolveRef(doc, schema.$ref), rnd, depth);
  if (schema.example !== undefined && rnd() < 0.7) return schema.example;
  if (schema.enum) return pick(rnd, schema.enum);
  if (schema.const !== undefined) return schema.const;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return validish(doc, pick(rnd, alternatives), rnd, depth + 1);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => validish(doc, s, rnd, depth + 1)));
  const type = Array.isArray(schema.type) ? (schema.type.find((t: string) => t !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'email') return `fz-${hex(rnd, 6)}@test.local`;
      if (schema.format === 'date-time') return new Date(Date.UTC(2026, 0, 1 + Math.floor(rnd() * 300))).toISOString();
      const pattern = schema.pattern ? PATTERNS[schema.pattern] : undefined;
      if (pattern) return pattern(rnd);
      const len = Math.min(schema.maxLength ?? 12, Math.max(schema.minLength ?? 1, 8));
      return `fz${hex(rnd, Math.max(0, len - 2))}`.slice(0, Math.max(len, 1));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0;
      const hi = Math.min(schema.maximum ?? lo + 100, lo + 100);
      const n = lo + rnd() * (hi - lo);
      return type === 'integer' ? Math.round(n) : n;
    }
    case 'boolean':
      return rnd() < 0.5;
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 1 + Math.floor(rnd() * 2)));
      return Array.from({ length: n }, () => validish(doc, schema.items, rnd, depth + 1));
    }
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(schema.required ?? []);
      for (const [k, s] of Object.entries<Schema>(schema.properties ?? {})) {
        if (!required.has(k) && rnd() >= 0.5) continue;
        // Names say more than some schemas (an email behind a transform, a password policy).
        if (/email/i.test(k)) out[k] = `fz-${hex(rnd, 6)}@test.local`;
        else if (/password/i.test(k)) out[k] = `Fz-${hex(rnd, 8)}-Pw!9`;
        else out[k] = validish(doc, s, rnd, depth + 1);
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.properties) {
        out[`k${hex(rnd, 3)}`] = validish(doc, schema.additionalProperties, rnd, depth + 1);
      }
      return out;
    }
    default:
      return null;
  }
}

/** Resolves `#/components/schemas/X`. */
function resolveRef(doc: Schema, ref: string): Schema {
  return ref.replace(/^#\//, '').split('/').reduce((node: Schema, key) => node?.[key], doc);
}

/** Values of the wrong type or shape for any field. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  2 ** 53 + 2, // past Number.MAX_SAFE_INTEGER
  -8.64e15 - 1,
  '',
  ' ',
  'x'.repeat(5000),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ \u202e gnp.exe \u0000 \ud800',
  { $ne: null },
  { $gt: '' },
  ['a', 'b'],
  [[[[[[[[[[]]]]]]]]]],
  JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'),
  'NaN',
  '2024-02-30T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
];

/** Query values that are wrong for numbers, dates, enums and ids. */
export const HOSTILE_QUERY: readonly string[] = [
  'abc',
  '-1',
  '0',
  '1e400',
  '9007199254740991',
  '9007199254740993',
  '8640000000000001',
  '99999-01-01T00:00:00Z',
  '2024-02-30T00:00:00Z',
  '',
  '%00',
  encodeURIComponent('𝔘𝔫𝔦 ☃'),
  'x'.repeat(3000),
  'true',
];

/** Hostile query values by the parameter's schema: numbers past every limit, dates no Date can hold. */
export function hostileQueryValues(schema: Schema | undefined): readonly string[] {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (type === 'integer' || type === 'number') return ['9007199254740991', '9007199254740993', '8640000000000001', '1e400', '-1', '0.5', 'abc', ''];
  if (schema?.format === 'date-time') return ['99999-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '+275760-09-13T00:00:00.001Z', '9007199254740991', 'yesterday'];
  return HOSTILE_QUERY;
}

/** Path segments that are not ids, names or JIDs (some not even valid percent-encoding). */
export const HOSTILE_PATH: readonly string[] = [
  'not-an-id',
  '%24ne',
  '%ZZ',
  '%',
  '..%2F..%2Fetc',
  '000000000000000000000000x',
  'x'.repeat(400),
  encodeURIComponent('𝔘𝔫𝔦 ☃'),
  '%00',
  '-1',
  '9007199254740993',
];

/** Raw bodies that are not what a JSON route expects. */
export const HOSTILE_BODIES: ReadonlyArray<{ label: string; body: string; type: string }> = [
  { label: 'malformed JSON', body: '{"a": ', type: 'application/json' },
  { label: 'JSON null', body: 'null', type: 'application/json' },
  { label: 'JSON string', body: '"str"', type: 'application/json' },
  { label: 'JSON array', body: '[1,2,3]', type: 'application/json' },
  { label: 'huge number', body: '{"n": 1e999}', type: 'application/json' },
  { label: 'deep nesting', body: `${'['.repeat(5000)}${']'.repeat(5000)}`, type: 'application/json' },
  { label: 'empty JSON body', body: '', type: 'application/json' },
  { label: 'form body', body: 'a=1&b[$ne]=2', type: 'application/x-www-form-urlencoded' },
  { label: 'text body', body: 'hello', type: 'text/plain' },
  { label: 'multipart without boundary', body: '--x\r\n', type: 'multipart/form-data' },
  { label: 'truncated multipart', body: '--B\r\nContent-Disposition: form-data; name="to"\r\n\r\n346', type: 'multipart/form-data; boundary=B' },
];

/** A small multipart body: the given text fields, and a file before or after them. */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Buffer } | null,
  opts: { fileFirst?: boolean; boundary?: string } = {},
): { body: Buffer; type: string } {
  const boundary = opts.boundary ?? 'fuzzboundary';
  const text = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const filePart = file
    ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n')]
    : [];
  const parts = opts.fileFirst ? [...filePart, ...text] : [...text, ...filePart];
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Hostile variants of a JSON body: each top-level field (at most 8) and one extra field set to a
 * hostile value, and the whole body replaced by one.
 */
export function mutateFields(body: unknown, rnd: () => number): Array<{ label: string; body: unknown }> {
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 40);
  const whole = pick(rnd, HOSTILE_VALUES);
  const out = [{ label: `body = ${show(whole)}`, body: whole }];
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const key of [...Object.keys(body).slice(0, 8), `extra_${hex(rnd, 3)}`]) {
    const value = pick(rnd, HOSTILE_VALUES);
    out.push({ label: `${key} = ${show(value)}`, body: { ...(body as object), [key]: value } });
  }
  return out;
}
