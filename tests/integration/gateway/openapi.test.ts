import { ROUTES } from '@switchboard/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGateway, type GatewayWorld } from './support/harness.ts';

let w: GatewayWorld;
let doc: any;

beforeAll(async () => {
  w = await openGateway('gw-openapi');
  const res = await w.api('GET', '/api/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(async () => w?.close());

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/** Every `$ref` string anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('is an OpenAPI 3.1 document with info, paths and a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(typeof doc.paths).toBe('object');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents every route of the router table, and nothing else', () => {
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, item]) =>
      Object.keys(item).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const table = ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(table.sort());
  });

  it('gives every operation a unique id, a summary, responses and its path parameters', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      const declared = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        expect(op.summary).toEqual(expect.any(String));
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        const params = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(params.sort(), `${method} ${path}`).toEqual(declared.sort());
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
      }
    }
  });

  it('resolves every $ref to a component', () => {
    for (const ref of refs(doc)) {
      const parts = ref.replace(/^#\//, '').split('/');
      let node: any = doc;
      for (const p of parts) node = node?.[p];
      expect(node, ref).toBeDefined();
    }
  });

  it('gives every pattern as a plain ECMA-262 regex a client can compile (no leaked /flags)', () => {
    const patterns: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'pattern' && typeof v === 'string') patterns.push(v);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(patterns.length).toBeGreaterThan(0);
    for (const p of patterns) {
      expect(p, p).not.toMatch(/\/[a-z]*$/);
      expect(() => new RegExp(p, 'u'), p).not.toThrow();
    }
  });

  it('documents request bodies and the error envelope from the same zod schemas', () => {
    const login = doc.paths['/api/auth/login'].post;
    const schema = login.requestBody.content['application/json'].schema;
    const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
    expect(resolved.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(doc.components.schemas.Error.properties.error).toBeDefined();
    expect(doc.paths['/api/users'].get.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
    // Routes only people may call do not take API keys.
    expect(doc.paths['/api/auth/logout'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(login.security).toEqual([]);
  });

  it('documents the media routes: binary bodies, Range, 206/416, and the multipart upload', () => {
    const file = doc.paths['/api/media/{fileId}'].get;
    expect(file.responses['200'].content['*/*'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(file.responses['206'].headers['Content-Range']).toBeDefined();
    expect(file.responses['416']).toBeDefined();
    expect(file.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'range' })]));
    expect(doc.paths['/api/media/{fileId}/download'].get.responses['206']).toBeDefined();
    expect(doc.paths['/api/sessions/{sessionId}/chats/{chatId}/photo'].get.responses['200'].content['*/*']).toBeDefined();
    const upload = doc.paths['/api/sessions/{sessionId}/media'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(upload.responses['201']).toBeDefined();
    expect(doc.paths['/api/media/{fileId}'].delete.responses['204']).toBeDefined();
  });

  it('serves the docs page and its assets', async () => {
    const page = await w.api('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const js = await w.api('GET', '/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    const other = await w.api('GET', '/api/docs/..%2Fpackage.json');
    expect(other.status).toBe(404);
  });
});
