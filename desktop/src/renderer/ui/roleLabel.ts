/** Built-in role names in the reader's language (custom roles keep the name their creator gave them). */
import { hasMessage, type I18n } from '../i18n/index.tsx';

/** The label of a role name. */
export function roleLabel(t: I18n['t'], name: string | null | undefined): string {
  if (!name) return '';
  const key = `role.${name}`;
  return hasMessage(key) ? t(key) : name;
}
