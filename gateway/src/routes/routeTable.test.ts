import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECORD_KINDS, type RecordKind } from '../policies/subjects.ts';
import { ROUTES } from './routeTable.ts';

describe('route table', () => {
  it('declares each method and path once', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('audits every mutating route', () => {
    const missing = ROUTES.filter((r) => r.method !== 'get' && !r.audit).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('guards every authenticated route with a permission, except the caller-about-themselves auth routes', () => {
    const self = new Set(['/api/auth/logout', '/api/auth/me', '/api/auth/change-password']);
    const unguarded = ROUTES.filter((r) => r.auth !== 'public' && !r.permission && !self.has(r.path)).map((r) => r.path);
    expect(unguarded).toEqual([]);
  });

  it('declares the record of every route whose permission names a kind of record (so it is checked record by record)', () => {
    const isRecord = (s: string): s is RecordKind => (RECORD_KINDS as readonly string[]).includes(s);
    const undeclared = ROUTES.filter((r) => r.permission && isRecord(r.permission[1]) && r.record !== r.permission[1])
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('keeps public routes to sign-in and password recovery', () => {
    expect(ROUTES.filter((r) => r.auth === 'public').map((r) => r.path).sort()).toEqual(
      ['/api/auth/forgot-password', '/api/auth/login', '/api/auth/reset-password'],
    );
  });

  it('is the only source of REST routes: no router outside mountRoutes (and the docs router)', () => {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const routers = files.filter((f) => /new Router\(|router\.(get|post|put|delete|patch)\(/.test(readFileSync(join(src, f), 'utf8')));
    expect(routers.map((f) => relative(src, join(src, f))).sort()).toEqual(['openapi/docsRouter.ts', 'routes/mountRoutes.ts']);
  });

  it('covers the media routes (bytes with Range, upload, profile pictures)', () => {
    const keys = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    for (const k of ['get /api/media/:fileId', 'get /api/media/:fileId/download', 'get /api/media/:fileId/info', 'get /api/media/session/:sessionId', 'delete /api/media/:fileId', 'post /api/sessions/:sessionId/media', 'get /api/sessions/:sessionId/chats/:chatId/photo']) {
      expect(keys.has(k), k).toBe(true);
    }
    expect(ROUTES.filter((r) => r.response.binary).every((r) => r.method === 'get')).toBe(true);
  });
});
