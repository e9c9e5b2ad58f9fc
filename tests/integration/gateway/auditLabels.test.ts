/**
 * Every action the gateway audits has words in the console's audit screen (both languages) and a
 * place in its filter, and so does every target type it records: a supervisor reading the log
 * never meets a raw code like `webhook.rotate_secret`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../../gateway/src/routes/routeTable.ts';
import { MESSAGES } from '../../../desktop/src/renderer/i18n/messages/index.ts';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../../../desktop/src/renderer/screens/audit/auditCodes.ts';

/** The `targetType`s the gateway's sources write into audit entries. */
function recordedTargetTypes(dir: string): Set<string> {
  const out = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const t of recordedTargetTypes(path)) out.add(t);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/targetType: '([A-Za-z]+)'/g)) out.add(m[1]!);
  }
  return out;
}

describe('audit log labels', () => {
  const audited = [...new Set(ROUTES.filter((r) => r.audit && !r.unaudited).map((r) => r.audit!))].sort();
  const listed = new Set(Object.values(AUDIT_ACTIONS).flat());

  it('names every audited action in both languages and offers it in the filter', () => {
    expect(audited.length).toBeGreaterThan(40);
    for (const lang of ['es', 'en'] as const) expect(audited.filter((a) => !(`audit.action.${a}` in MESSAGES[lang])), lang).toEqual([]);
    expect(audited.filter((a) => !listed.has(a))).toEqual([]);
    for (const area of Object.keys(AUDIT_ACTIONS)) expect(`audit.area.${area}` in MESSAGES.es, area).toBe(true);
  });

  it('names every target type the gateway records', () => {
    const types = [...recordedTargetTypes(join(import.meta.dirname, '../../../gateway/src'))];
    expect(types.length).toBeGreaterThan(5);
    expect(types.filter((t) => !(AUDIT_TARGET_TYPES as readonly string[]).includes(t))).toEqual([]);
    for (const t of AUDIT_TARGET_TYPES) expect(`audit.target.${t}` in MESSAGES.en, t).toBe(true);
  });
});
