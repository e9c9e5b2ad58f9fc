import type { ApiKeyView } from '@switchboard/shared';
import type { ApiKeyDoc } from '@switchboard/shared/node';
import { apiKeyStatus, displayPrefix } from '../auth/apiKeys.ts';
import { plainPermissions } from '../auth/loadAuthContext.ts';

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * An API key as the API returns it: never the key nor its hash. `creator` is the user who made
 * it (null when deleted); `now` decides `status` (the injected clock).
 */
export function presentApiKey(k: ApiKeyDoc, creator: { _id: { toString(): string }; name: string } | null, now: Date): ApiKeyView {
  return {
    id: k._id.toString(),
    name: k.name,
    prefix: displayPrefix(k.prefix),
    permissions: plainPermissions(k.permissions ?? []),
    expiresAt: iso(k.expiresAt),
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
    createdAt: new Date(k.createdAt).toISOString(),
    createdBy: creator ? { id: creator._id.toString(), name: creator.name } : null,
    status: apiKeyStatus(k, now),
  };
}
