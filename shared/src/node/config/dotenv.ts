import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as readDotenv } from 'dotenv';

/**
 * Loads `.env` (from the current directory, or `path`) into process.env without overriding
 * variables already set. Call it from entry points only, before configOrExit.
 */
export function loadDotenv(path = resolve(process.cwd(), '.env')): void {
  if (existsSync(path)) readDotenv({ path, quiet: true });
}
