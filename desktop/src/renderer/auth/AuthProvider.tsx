/**
 * Who is signed in. Loads the stored token at start (`/api/auth/me`), signs in and out,
 * changes the password (which returns a new token) and turns any "token no longer valid"
 * answer into a clean sign-out with a reason the login screen shows.
 */
import type { MeView, TokenView, UserLocale } from '@switchboard/shared';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, createApiClient, type ApiClient } from '../api/http.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Platform } from '../platform/platform.ts';
import { abilityFromRules, type ClientAbility } from './ability.ts';

/** Why the user is signed out (shown on the login screen). */
export type SignOutReason = 'expired' | 'signed-out' | undefined;

/** The authentication state. */
export type AuthState =
  | { status: 'loading' }
  | { status: 'unreachable' }
  | { status: 'signed-out'; reason: SignOutReason }
  | { status: 'signed-in'; me: MeView; ability: ClientAbility };

/** What `useAuth()` gives. */
export interface AuthApi {
  state: AuthState;
  api: ApiClient;
  platform: Platform;
  /** The current token (for Socket.IO). */
  token(): string | null;
  login(email: string, password: string): Promise<MeView>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Reloads `/api/auth/me` (rules change when assignments or roles change). */
  refresh(): Promise<void>;
  /** Saves the user's language on the server and applies it. */
  setLocale(locale: UserLocale): Promise<void>;
  /** Tries to reach the server again now (from the "unreachable" screen). */
  retry(): void;
}

const AuthContext = createContext<AuthApi | null>(null);

/** Provides authentication to the tree. */
export function AuthProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  const { setLocale: applyLocale } = useI18n();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const tokenRef = useRef<string | null>(null);

  const expire = useCallback(
    (reason: SignOutReason) => {
      tokenRef.current = null;
      void platform.clearToken();
      setState({ status: 'signed-out', reason });
    },
    [platform],
  );

  const api = useMemo(
    () => createApiClient({ baseUrl: platform.serverUrl, getToken: () => tokenRef.current, onUnauthorized: () => expire('expired') }),
    [platform, expire],
  );

  const loadMe = useCallback(async () => {
    const me = await api.get<MeView>('/api/auth/me');
    setState({ status: 'signed-in', me, ability: abilityFromRules(me.rules ?? []) });
    if (me.locale === 'es' || me.locale === 'en') applyLocale(me.locale);
    return me;
  }, [api, applyLocale]);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void (async () => {
      const stored = tokenRef.current ?? (await platform.loadToken());
      if (cancelled) return;
      if (!stored) {
        setState({ status: 'signed-out', reason: undefined });
        return;
      }
      tokenRef.current = stored;
      try {
        await loadMe();
      } catch (err) {
        if (cancelled) return;
        if (err instanceof ApiError && (err.isNetwork || err.status >= 500)) {
          // Server unreachable at start: keep the token and try again, do not ask for a password.
          setState({ status: 'unreachable' });
          timer = setTimeout(() => setAttempt((n) => n + 1), 5000);
        } else expire(err instanceof ApiError && err.status === 401 ? 'expired' : undefined);
      }
    })();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [platform, loadMe, expire, attempt]);

  const adopt = useCallback(
    async (out: TokenView) => {
      tokenRef.current = out.token;
      await platform.saveToken(out.token);
      return loadMe();
    },
    [platform, loadMe],
  );

  const value = useMemo<AuthApi>(
    () => ({
      state,
      api,
      platform,
      token: () => tokenRef.current,
      login: async (email, password) => adopt(await api.post<TokenView>('/api/auth/login', { email, password })),
      async logout() {
        try {
          await api.post('/api/auth/logout');
        } catch {
          /* signed out locally either way */
        }
        expire('signed-out');
      },
      async changePassword(currentPassword, newPassword) {
        await adopt(await api.post<TokenView>('/api/auth/change-password', { currentPassword, newPassword }));
      },
      retry: () => setAttempt((n) => n + 1),
      refresh: async () => {
        await loadMe();
      },
      async setLocale(locale) {
        applyLocale(locale);
        if (state.status === 'signed-in') {
          await api.put('/api/auth/me', { locale });
          await loadMe();
        }
      },
    }),
    [state, api, platform, adopt, expire, loadMe, applyLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The authentication API. */
export function useAuth(): AuthApi {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user's ability (throws outside the signed-in area). */
export function useAbility(): ClientAbility {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useAbility while signed out');
  return state.ability;
}

/** The signed-in user. */
export function useMe(): MeView {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state.me;
}

/** The REST client. */
export function useApi(): ApiClient {
  return useAuth().api;
}
