import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RouteDef } from '../routes/types.ts';
import { errorEnvelope } from '../routes/common.ts';
import { z } from './zod.ts';

/** Koa `:param` paths to OpenAPI `{param}` paths. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorEnvelope } } });

const BINARY = { type: 'string', format: 'binary' } as const;
const BYTE_HEADERS = {
  'Accept-Ranges': { description: '`bytes`: single byte ranges are served', schema: { type: 'string' } },
  ETag: { description: 'Strong ETag (the sha256 of the file) when known', schema: { type: 'string' } },
  'Content-Disposition': { description: '`attachment; filename=…` on downloads', schema: { type: 'string' } },
} as const;

/** Request headers of byte routes (documented from zod like every other input). */
const rangeHeaders = z.object({
  range: z.string().optional().openapi({ description: 'One byte range, e.g. `bytes=0-1023`, `bytes=1024-` or `bytes=-500` (RFC 9110 §14)', example: 'bytes=0-1023' }),
  'if-none-match': z.string().optional().openapi({ description: 'ETag from an earlier answer: 304 when unchanged' }),
});

/** The extra answers of a byte route: 206 / 416 with Range, 304 with If-None-Match. */
function binaryResponses(range: boolean): RouteConfig['responses'] {
  const out: RouteConfig['responses'] = { 304: { description: 'Not modified (If-None-Match matched the ETag)' } };
  if (range) {
    out[206] = {
      description: 'Partial content: the requested byte range',
      headers: { 'Content-Range': { description: '`bytes start-end/size`', schema: { type: 'string' } }, ...BYTE_HEADERS },
      content: { '*/*': { schema: BINARY } },
    };
    out[416] = errorResponse('Range not satisfiable (`range_not_satisfiable`; `Content-Range: bytes */size`)');
  }
  return out;
}

/** A multipart/form-data body with a binary `file` and the route's text fields. */
function uploadBody(fields: Record<string, string>): NonNullable<RouteConfig['request']>['body'] {
  const properties: Record<string, object> = { file: { ...BINARY, description: 'The file (streamed; MEDIA_MAX_BYTES at most; type sniffed from its bytes, on an allow-list)' } };
  for (const [name, description] of Object.entries(fields)) properties[name] = { type: 'string', description };
  return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties } } } };
}

/** How a route may be called: nothing, a JWT, an API key (unless only people may call it), a signed media URL. */
function securityOf(r: RouteDef): Array<Record<string, string[]>> {
  if (r.auth === 'public') return [];
  const out: Array<Record<string, string[]>> = [{ bearerAuth: [] }];
  if (!r.humanOnly) out.push({ apiKey: [] });
  if (r.auth === 'user-or-signed-url') out.push({ signedUrl: [] });
  return out;
}

/** Builds the OpenAPI 3.1 document from the same route table and zod schemas the router uses. */
export function buildOpenApiDocument(routes: readonly RouteDef[], info: { version: string; serverUrl?: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from /api/auth/login, or an API key (`Bearer sk_…`)' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A scoped API key (`sk_…`) from POST /api/api-keys; see docs/api-keys.md' });
  registry.registerComponent('securitySchemes', 'signedUrl', {
    type: 'apiKey',
    in: 'query',
    name: 'sig',
    description: 'Signed media URL from POST /api/media/sign (with its `exp` and `u` query parameters)',
  });
  for (const r of routes) {
    const responses: RouteConfig['responses'] = {
      [r.response.status]: r.response.binary
        ? { description: r.response.description, headers: BYTE_HEADERS, content: { '*/*': { schema: BINARY } } }
        : r.response.schema
          ? { description: r.response.description, content: { 'application/json': { schema: r.response.schema } } }
          : { description: r.response.description },
      400: errorResponse('Invalid input (`validation_failed` and other coded errors)'),
      500: errorResponse('Unexpected error (`internal_error`)'),
    };
    if (r.auth !== 'public') {
      responses[401] = errorResponse('Missing, invalid, expired or revoked token');
      responses[403] = errorResponse(r.humanOnly ? 'Not allowed (`forbidden`, `password_change_required`, `api_key_not_allowed`)' : 'Not allowed (`forbidden`, `password_change_required`)');
    }
    if (r.path.includes(':')) responses[404] = errorResponse('Not found');
    if (r.response.binary) Object.assign(responses, binaryResponses(r.response.binary.range));
    if (r.rateLimit) responses[429] = errorResponse('Rate limited (`rate_limited`)');
    const request: NonNullable<RouteConfig['request']> = {};
    if (r.params) request.params = r.params;
    if (r.query) request.query = r.query;
    if (r.response.binary?.range) request.headers = rangeHeaders;
    if (r.upload) request.body = uploadBody(r.upload.fields);
    if (r.body) {
      const content: NonNullable<RouteConfig['request']>['body'] = { required: true, content: { 'application/json': { schema: r.body } } };
      if (r.multipart) {
        content.content['multipart/form-data'] = {
          schema: {
            type: 'object',
            description: '`to` must come before `file`: the send is authorised when the file part begins, before it is read',
            required: ['file', 'to'],
            properties: {
              to: { type: 'string' },
              file: { type: 'string', format: 'binary' },
              caption: { type: 'string' },
              fileName: { type: 'string' },
              quotedId: { type: 'string' },
              clientId: { type: 'string' },
            },
          },
        };
      }
      request.body = content;
    }
    registry.registerPath({
      method: r.method,
      path: toOpenApiPath(r.path),
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}_${r.path.replace(/^\/api\//, '').replace(/[/:-]+/g, '_')}`,
      security: securityOf(r),
      request,
      responses,
    });
  }
  const generator = new OpenApiGeneratorV31(registry.definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Switchboard API',
      version: info.version,
      description: 'REST API of Switchboard: WhatsApp sessions, chats, messages, users, roles, assignments and audit. Errors use one envelope `{"error": {"code", "message", "details"?}}`; lists answer `{"data", "total", "page", "limit"}`. Media routes answer raw bytes with HTTP Range support.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  });
}
