import type { ZodType } from 'zod';
import { validationFailed } from '../errors.ts';

/** One validation problem as clients see it. */
export interface ValidationIssue {
  in: 'params' | 'query' | 'body';
  path: string;
  code: string;
  message: string;
}

/**
 * Parses `value` with `schema`, throwing a coded 400 listing every issue. Strings given an
 * object (e.g. `{"$ne": null}`) fail here, so no query operator reaches the database.
 */
export function parseInput<T>(schema: ZodType<T>, value: unknown, where: ValidationIssue['in']): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.slice(0, 20).map((i) => ({
    in: where,
    path: i.path.map(String).join('.'),
    code: i.code,
    message: i.message,
  }));
  throw validationFailed(issues);
}
