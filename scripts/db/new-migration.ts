// `npm run db:migration -- <name>`: writes, as a new migration, the SQL that turns the
// committed prisma/schema.prisma (git HEAD) into the one in your working tree — what
// `prisma migrate dev --create-only` does, without a native engine (a throwaway embedded Postgres stands in for the database).
// Create the migration before committing the schema change.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../runtime/database/embedded-postgres";
import { listMigrations, migrationsDir, schemaDiffSql } from "../../runtime/database/schema-engine";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

function committedSchema(): string | null {
  if (listMigrations().migrationDirectories.length === 0) return null;
  return execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-migration-"));
const pg = await startEmbeddedPostgres({ dir, port: 54400 + Math.floor(Math.random() * 500), persistent: false });
const sql = await schemaDiffSql(pg.url, committedSchema()).finally(() => pg.stop());
if (!sql) {
  console.log("prisma/schema.prisma has no change against HEAD: nothing to migrate");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const target = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, "migration.sql"), sql + "\n");
  console.log(
    `wrote ${path.relative(process.cwd(), target)}/migration.sql — review it, then commit it with the schema`,
  );
}
