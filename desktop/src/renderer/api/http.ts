/**
 * The REST client of the renderer: JSON in and out, the bearer token on every call, and the
 * gateway's error envelope `{error: {code, message, details}}` turned into an `ApiError` with a
 * stable code. A failed connection is `ApiError` status 0, code `network_error`.
 */

/** An error answer of the gateway (or the network). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** True for a failure to reach the server at all (offline, server down). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Query-string values (undefined and '' are left out). */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  total: number;
  page: number;
  limit: number;
}

/** Options of the client. */
export interface ApiClientOptions {
  /** Gateway origin ('' for same origin). */
  baseUrl: string;
  getToken(): string | null;
  /** Called when the server says the token is no longer good (401 with a token code). */
  onUnauthorized?(code: string): void;
  fetchImpl?: typeof fetch;
}

/** Builds `path?query`. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

const TOKEN_CODES = new Set(['invalid_token', 'token_expired', 'token_revoked', 'unauthorized']);

/** Reads an error answer into an ApiError. */
async function toError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || 'Request failed';
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
    details = body.error?.details;
  } catch {
    /* not JSON */
  }
  const retry = Number(res.headers.get('retry-after'));
  return new ApiError(res.status, code, message, details, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

/** The REST client. */
export interface ApiClient {
  readonly baseUrl: string;
  get<T>(path: string, query?: Query, init?: { signal?: AbortSignal }): Promise<T>;
  /** A GET whose answer is a file: its bytes, and the name the server gives it (errors as for JSON routes). */
  getFile(path: string, query?: Query): Promise<{ blob: Blob; fileName: string | null }>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del<T = void>(path: string, body?: unknown): Promise<T>;
  /** Sends multipart form data (file uploads; POST unless `method` says PUT); `onProgress` gets 0..1. */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void, method?: 'POST' | 'PUT'): Promise<T>;
  /** Absolute URL of a gateway path (for links and media). */
  url(path: string): string;
}

/** Creates the client. */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const doFetch = opts.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const url = (path: string) => `${opts.baseUrl}${path}`;

  async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, blob = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = opts.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(url(path), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(signal ? { signal } : {}) });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network_error', (err as Error).message || 'Network error');
    }
    if (!res.ok) {
      const e = await toError(res);
      if (res.status === 401 && token && TOKEN_CODES.has(e.code)) opts.onUnauthorized?.(e.code);
      throw e;
    }
    if (res.status === 204) return undefined as T;
    if (blob) {
      const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
      return { blob: await res.blob(), fileName: named?.[1] ?? null } as T;
    }
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  function upload<T>(path: string, form: FormData, onProgress?: (f: number) => void, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url(path));
      const token = opts.getToken();
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress?.(e.loaded / e.total);
      };
      xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
      xhr.onload = () => {
        const res = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          return;
        }
        void toError(res).then((e) => {
          if (xhr.status === 401 && token && TOKEN_CODES.has(e.code)) opts.onUnauthorized?.(e.code);
          reject(e);
        });
      };
      xhr.send(form);
    });
  }

  return {
    baseUrl: opts.baseUrl,
    get: (path, query, init) => request('GET', withQuery(path, query), undefined, init?.signal),
    getFile: (path, query) => request('GET', withQuery(path, query), undefined, undefined, true),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    del: (path, body) => request('DELETE', path, body),
    upload,
    url,
  };
}
