// `npm run db:migrate`: applies pending migrations to DATABASE_URL (`prisma migrate deploy`).
import { applyMigrations } from "../../runtime/database/schema-engine";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the Postgres to migrate (`npm start` migrates its own).");
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply: the database is up to date.");
