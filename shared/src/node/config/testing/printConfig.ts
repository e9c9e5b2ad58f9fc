/**
 * Test fixture: validates process.env with the root process schema through configOrExit and
 * prints the resulting variable names as JSON. Used to test configOrExit as a real process.
 */
import { configOrExit } from '../load.ts';
import { supervisorConfigSchema } from '../schemas.ts';

const config = configOrExit(supervisorConfigSchema);
process.stdout.write(`${JSON.stringify({ PORT: config.PORT, AUTH_STORAGE: config.AUTH_STORAGE })}\n`);
