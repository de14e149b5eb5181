import { DEVELOPMENT_DATABASE_URL } from './client';
import { redactDatabaseUrl, runMigrations } from './migrate';

// `npm run db:migrate -w @deltastream/db`: applies migrations to DATABASE_URL (the development database by default).
const databaseUrl = process.env.DATABASE_URL ?? DEVELOPMENT_DATABASE_URL;
const migrationsFolder = process.env.MIGRATIONS_FOLDER;

try {
  await runMigrations(databaseUrl, migrationsFolder ? { migrationsFolder } : {});
  process.stdout.write(`migrations applied to ${redactDatabaseUrl(databaseUrl)}\n`);
} catch (error) {
  console.error(`migrating ${redactDatabaseUrl(databaseUrl)} failed:`, error);
  process.exitCode = 1;
}
