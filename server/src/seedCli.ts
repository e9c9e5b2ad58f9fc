/**
 * `pnpm seed`: creates the built-in roles and the first admin (ADMIN_NAME, ADMIN_EMAIL,
 * ADMIN_PASSWORD) and exits. Uses MONGODB_URI, or the embedded database in DATA_DIR/db when
 * it is unset. Safe to run any number of times. A generated admin password is printed once
 * on stdout (never logged).
 */
import {
  configOrExit,
  createLogger,
  generatedPasswordNotice,
  loadDotenv,
  openDatabase,
  seedConfigSchema,
  seedDatabase,
} from '@switchboard/shared/node';

loadDotenv();
const config = configOrExit(seedConfigSchema);
const logger = createLogger(config, { name: 'seed' });

const db = await openDatabase(config, logger);
try {
  const result = await seedDatabase(
    { name: config.ADMIN_NAME, email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
    logger,
  );
  if (result.generatedPassword) {
    process.stdout.write(generatedPasswordNotice(result.adminEmail, result.generatedPassword));
  } else {
    const admin =
      result.admin === 'created'
        ? `admin ${result.adminEmail} created`
        : result.admin === 'email-exists'
          ? `user ${result.adminEmail} already exists (unchanged)`
          : 'an admin already exists (unchanged)';
    process.stdout.write(`Seed done: roles created [${result.rolesCreated.join(', ')}], ${admin}.\n`);
  }
} finally {
  await db.close();
}
