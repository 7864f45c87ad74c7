// `npm run db:migrate`: applies pending migrations (`prisma migrate deploy`), on
// DATABASE_URL_DIRECT when set: the migrations hold an advisory lock across statements,
// which a transaction-pooling PgBouncer would take on one server connection and release
// on another.
import { launchEnv } from "../../lib/env";
import { applyMigrations } from "../../runtime/database/schema-engine";

const config = launchEnv();
const url = config.DATABASE_URL_DIRECT ?? config.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the Postgres to migrate (`npm start` migrates its own).");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the database is up to date.");
