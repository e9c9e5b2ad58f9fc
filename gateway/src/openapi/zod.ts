import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** zod with the `.openapi()` extension installed; every gateway schema imports it from here. */
export { z };

/**
 * `schema.openapi(refId)` for a schema built outside the gateway (e.g. in `shared`): zod 4 copies
 * prototype methods onto a schema when it is constructed, so one made before this module ran
 * has no `.openapi` of its own. Its field descriptions come from zod's `.describe()`.
 */
export function openapiNamed<T extends z.ZodType>(schema: T, refId: string): T {
  const { openapi } = z.ZodType.prototype as unknown as { openapi: (this: T, refId: string) => T };
  return openapi.call(schema, refId);
}
