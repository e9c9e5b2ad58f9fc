import type { z } from 'zod';
import { isSecretKey } from '../logging/redact.ts';

/** One invalid or missing variable. */
export interface ConfigProblem {
  variable: string;
  message: string;
}

/** Raised by loadConfig; `problems` lists every invalid variable, not just the first. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: ConfigProblem[]) {
    super(formatProblems(problems));
  }
}

/** A schema built from the shapes in schemas.ts. */
export type ConfigSchema = z.ZodType<unknown, Record<string, unknown>>;

/** Env values as strings; empty strings count as unset (a `.env` line like `SMTP_HOST=`). */
function normalize(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

function describe(variable: string, env: Record<string, string>): string {
  const value = env[variable];
  if (value === undefined) return '';
  return isSecretKey(variable) ? ' (value hidden)' : ` (got "${value.length > 60 ? `${value.slice(0, 60)}…` : value}")`;
}

/** Human text listing every problem, one per line; never shows secret values. */
export function formatProblems(problems: ConfigProblem[]): string {
  const head = `Invalid configuration: ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return [head, ...problems.map((p) => `  - ${p.variable} ${p.message}`)].join('\n');
}

/**
 * Validates `env` against a config schema (e.g. supervisorConfigSchema) and returns the typed
 * configuration, defaults applied. Throws ConfigError naming every problem.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const values = normalize(env);
  const result = schema.safeParse(values);
  if (result.success) return result.data as z.output<S>;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(config)');
    return { variable, message: `${issue.message}${describe(variable, values)}` };
  });
  throw new ConfigError(problems);
}

/**
 * loadConfig for entry points: on invalid configuration, prints ONE readable message to
 * stderr naming every problem and exits with code 1.
 */
export function configOrExit<S extends ConfigSchema>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(
      `Switchboard cannot start. ${err.message}\n` +
        'Fix these environment variables (see .env.example and docs/foundation.md) and try again.\n' +
        'Switchboard no puede arrancar: corrige estas variables de entorno (ver .env.example).\n',
    );
    return exit(1);
  }
}
