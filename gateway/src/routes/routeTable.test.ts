import { describe, expect, it } from 'vitest';
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

  it('keeps public routes to sign-in and password recovery', () => {
    expect(ROUTES.filter((r) => r.auth === 'public').map((r) => r.path).sort()).toEqual(
      ['/api/auth/forgot-password', '/api/auth/login', '/api/auth/reset-password'],
    );
  });
});
