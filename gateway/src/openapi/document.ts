import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RouteDef } from '../routes/types.ts';
import { errorEnvelope } from '../routes/common.ts';

/** Koa `:param` paths to OpenAPI `{param}` paths. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorEnvelope } } });

/** Builds the OpenAPI 3.1 document from the same route table and zod schemas the router uses. */
export function buildOpenApiDocument(routes: readonly RouteDef[], info: { version: string; serverUrl?: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const r of routes) {
    const responses: RouteConfig['responses'] = {
      [r.response.status]: r.response.schema
        ? { description: r.response.description, content: { 'application/json': { schema: r.response.schema } } }
        : { description: r.response.description },
      400: errorResponse('Invalid input (`validation_failed` and other coded errors)'),
      500: errorResponse('Unexpected error (`internal_error`)'),
    };
    if (r.auth !== 'public') {
      responses[401] = errorResponse('Missing, invalid, expired or revoked token');
      responses[403] = errorResponse('Not allowed (`forbidden`, `password_change_required`)');
    }
    if (r.path.includes(':')) responses[404] = errorResponse('Not found');
    if (r.rateLimit) responses[429] = errorResponse('Rate limited (`rate_limited`)');
    const request: NonNullable<RouteConfig['request']> = {};
    if (r.params) request.params = r.params;
    if (r.query) request.query = r.query;
    if (r.body) {
      const content: NonNullable<RouteConfig['request']>['body'] = { required: true, content: { 'application/json': { schema: r.body } } };
      if (r.multipart) {
        content.content['multipart/form-data'] = {
          schema: {
            type: 'object',
            required: ['file', 'to'],
            properties: {
              file: { type: 'string', format: 'binary' },
              to: { type: 'string' },
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
      ...(r.auth === 'public' ? { security: [] } : { security: [{ bearerAuth: [] }] }),
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
      description: 'REST API of Switchboard: WhatsApp sessions, chats, messages, users, roles, assignments and audit. Errors use one envelope `{"error": {"code", "message", "details"?}}`; lists answer `{"data", "total", "page", "limit"}`.',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
  });
}
