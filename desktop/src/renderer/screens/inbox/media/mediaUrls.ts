/**
 * Signed media URLs: `<img>`, `<video>` and `<audio>` cannot send an Authorization header, so
 * the inbox asks the gateway to sign the ids it is about to show (`POST /api/media/sign`), in
 * batches, and caches the answers until shortly before they expire. The gateway still checks
 * the user's current access on every byte request (Range included).
 */
import type { ApiClient } from '../../../api/http.ts';

/** Which bytes of a media file. */
export type MediaVariant = 'inline' | 'download' | 'thumbnail';

interface Signed {
  url: string;
  expiresAt: number;
}

/** Answer of `POST /api/media/sign`. */
interface SignAnswer {
  urls: Record<string, string>;
  expiresAt: string | number;
}

/** The URL of a variant, from the signed inline URL (`/api/media/:id?…` → `/api/media/:id/download?…`). */
export function variantUrl(signed: string, variant: MediaVariant): string {
  if (variant === 'inline') return signed;
  const q = signed.indexOf('?');
  const path = q < 0 ? signed : signed.slice(0, q);
  const query = q < 0 ? '' : signed.slice(q);
  return `${path}/${variant}${query}`;
}

/** Batches and caches signatures. */
export class MediaSigner {
  private readonly cache = new Map<string, Signed>();
  private readonly waiting = new Map<string, { resolve(u: string | null): void }[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Resolves the absolute signed URL of `id` (null when the user may not read it). */
  url(id: string, variant: MediaVariant = 'inline'): Promise<string | null> {
    const hit = this.cache.get(id);
    if (hit && hit.expiresAt - this.now() > 60_000) return Promise.resolve(this.api.url(variantUrl(hit.url, variant)));
    return new Promise((resolve) => {
      const list = this.waiting.get(id) ?? [];
      list.push({ resolve: (u) => resolve(u ? this.api.url(variantUrl(u, variant)) : null) });
      this.waiting.set(id, list);
      this.timer ??= setTimeout(() => void this.flush(), 30);
    });
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const answer = await this.api.post<SignAnswer>('/api/media/sign', { ids: chunk }).catch(() => null);
      const expiresAt = answer ? new Date(answer.expiresAt).getTime() : 0;
      for (const id of chunk) {
        const url = answer?.urls[id] ?? null;
        if (url) this.cache.set(id, { url, expiresAt });
        for (const w of batch.get(id) ?? []) w.resolve(url);
      }
    }
  }
}
