import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../api/http.ts';
import { MediaSigner, variantUrl } from './mediaUrls.ts';

describe('signed media URLs', () => {
  it('derives the download and thumbnail URLs from the signed inline URL', () => {
    const u = '/api/media/abc?u=1&exp=2&sig=x';
    expect(variantUrl(u, 'inline')).toBe(u);
    expect(variantUrl(u, 'download')).toBe('/api/media/abc/download?u=1&exp=2&sig=x');
    expect(variantUrl(u, 'thumbnail')).toBe('/api/media/abc/thumbnail?u=1&exp=2&sig=x');
  });

  it('signs many ids in one request and serves repeats from the cache until they near expiry', async () => {
    const calls: string[][] = [];
    let now = 1_000_000;
    const api = {
      url: (p: string) => `https://sb.test${p}`,
      post: async (_path: string, body: { ids: string[] }) => {
        calls.push(body.ids);
        return { urls: Object.fromEntries(body.ids.filter((id) => id !== 'secret').map((id) => [id, `/api/media/${id}?sig=${calls.length}`])), expiresAt: now + 3_600_000 };
      },
    } as unknown as ApiClient;
    const signer = new MediaSigner(api, () => now);
    const [a, b, hidden] = await Promise.all([signer.url('a'), signer.url('b', 'thumbnail'), signer.url('secret')]);
    expect(calls).toEqual([['a', 'b', 'secret']]);
    expect(a).toBe('https://sb.test/api/media/a?sig=1');
    expect(b).toBe('https://sb.test/api/media/b/thumbnail?sig=1');
    expect(hidden).toBeNull();
    expect(await signer.url('a', 'download')).toBe('https://sb.test/api/media/a/download?sig=1');
    expect(calls).toHaveLength(1);
    now += 3_600_000 - 30_000; // within a minute of expiry: sign again
    await signer.url('a');
    expect(calls).toHaveLength(2);
  });
});
