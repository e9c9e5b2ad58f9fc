import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** zod with the `.openapi()` extension installed; every gateway schema imports it from here. */
export { z };
