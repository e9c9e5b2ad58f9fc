/** Turns any error into a sentence for the user, in their language (known codes first). */
import { ApiError } from '../api/http.ts';
import { hasMessage, type I18n } from '../i18n/index.tsx';

/** The message to show for an error. */
export function errorText(err: unknown, t: I18n['t']): string {
  if (err instanceof ApiError) {
    const key = `code.${err.code}`;
    if (hasMessage(key)) return t(key);
    if (err.isNetwork) return t('error.network');
    if (err.status === 403) return t('error.forbidden');
    if (err.status === 404) return t('error.notFound');
    if (err.status === 429) return t('error.rateLimited');
    if (err.status === 400 && err.code === 'validation_failed') return t('error.validation');
    // A coded 4xx carries a message a person can read (English); better than a generic line.
    if (err.status >= 400 && err.status < 500 && err.message) return err.message;
  }
  return t('error.generic');
}

/** Field errors of a `validation_failed` answer, by body path (`email`, `permissions.0.action`). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { in?: string; path?: (string | number)[] | string; message?: string }[]) {
    const path = Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? '');
    if (path && d.message && !out[path]) out[path] = d.message;
  }
  return out;
}
